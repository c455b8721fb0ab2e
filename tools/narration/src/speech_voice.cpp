#include <algorithm>
#include <cctype>
#include <climits>
#include <vector>

#include "espeak.h"
#include "trialxr/narration/speech.h"

namespace trialxr::narration {

namespace {

std::vector<std::string> subtags(std::string_view tag) {
  std::vector<std::string> out(1);
  for (char c : tag) {
    if (c == '-' || c == '_')
      out.emplace_back();
    else
      out.back() += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

bool has_voice(const espeak::Engine& engine, std::string_view name) {
  return std::any_of(engine.voices.begin(), engine.voices.end(),
                     [&](const espeak::Voice& v) { return v.name == name; });
}

// The voice espeak-ng thinks likeliest for `language` (the lowest priority); among equals
// the one named after the language, else the first.
std::string best_voice(const espeak::Engine& engine, std::string_view language) {
  const espeak::Voice* best = nullptr;
  int best_priority = INT_MAX;
  for (const espeak::Voice& v : engine.voices) {
    for (const auto& [name, priority] : v.languages) {
      if (name != language) continue;
      const bool named = v.name == language;
      if (best == nullptr || priority < best_priority ||
          (priority == best_priority && named && best->name != language)) {
        best = &v;
        best_priority = priority;
      }
    }
  }
  return best ? best->name : std::string();
}

std::string known(const espeak::Engine& engine, std::string name) {
  return has_voice(engine, name) ? name : std::string();
}

}  // namespace

std::string speech_voice_for(std::string_view language) {
  const Result<espeak::Engine>& engine = espeak::engine();
  if (!engine || language.empty()) return {};
  const std::vector<std::string> tags = subtags(language);
  const std::string& primary = tags.front();
  if (primary.empty()) return {};

  if (primary == "en") return known(*engine, "en-us");
  if (primary == "cmn") return known(*engine, "cmn-latn-pinyin");
  if (primary == "zh") {
    // Cantonese by its extended language subtag or where it is the spoken language.
    const bool cantonese = std::any_of(tags.begin() + 1, tags.end(), [](const std::string& t) {
      return t == "yue" || t == "hk" || t == "mo";
    });
    return known(*engine, cantonese ? "yue" : "cmn-latn-pinyin");
  }

  std::string whole;
  for (const std::string& t : tags) whole += (whole.empty() ? "" : "-") + t;
  if (std::string voice = best_voice(*engine, whole); !voice.empty()) return voice;
  return best_voice(*engine, primary);
}

}  // namespace trialxr::narration
