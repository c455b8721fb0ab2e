#include "trialxr/narration/speech.h"

#include <fmt/format.h>

#include "espeak.h"
#include "trialxr/narration/audio_file.h"

namespace trialxr::narration {

namespace {

// The voice for `language`, or why there is none.
Result<std::string> voice_or_error(std::string_view language) {
  if (const Result<espeak::Engine>& engine = espeak::engine(); !engine)
    return fail(engine.error().message);
  std::string voice = speech_voice_for(language);
  if (voice.empty())
    return fail(fmt::format("no speech voice for language '{}'; give a recorded file", language));
  return voice;
}

}  // namespace

std::string speech_source(std::string_view language) {
  const std::string voice = speech_voice_for(language);
  if (voice.empty()) return {};
  return fmt::format("espeak-ng {} voice {}", espeak::engine()->version, voice);
}

Result<Pcm> synthesise(std::string_view text, std::string_view language) {
  Result<std::string> voice = voice_or_error(language);
  if (!voice) return fail(voice.error().message);
  Result<std::vector<std::int16_t>> spoken = espeak::speak(*voice, text);
  if (!spoken) return fail(spoken.error().message);

  Pcm raw;
  raw.sample_rate = espeak::engine()->sample_rate;
  raw.samples.reserve(spoken->size());
  for (std::int16_t s : *spoken) raw.samples.push_back(static_cast<float>(s) / 32768.0f);
  Pcm out = trim_silence(resample(raw, kNarrationSampleRate));
  if (out.samples.empty())
    return fail(
        fmt::format("speech synthesis in '{}' (espeak-ng voice {}) made no sound: the "
                    "text has nothing to say",
                    language, *voice));
  return out;
}

Result<std::string> speech_phonemes(std::string_view text, std::string_view language) {
  Result<std::string> voice = voice_or_error(language);
  if (!voice) return fail(voice.error().message);
  return espeak::phonemes(*voice, text);
}

}  // namespace trialxr::narration
