#include "trialxr/scene/narration.h"

#include <algorithm>
#include <cstdint>
#include <optional>

namespace trialxr::scene {

namespace {

// Decodes one UTF-8 code point at text[i]; advances i. An invalid byte decodes as itself.
std::uint32_t next_code_point(std::string_view text, std::size_t& i) {
  const auto b0 = static_cast<unsigned char>(text[i]);
  std::size_t len = b0 < 0x80           ? 1
                    : (b0 >> 5) == 0x6  ? 2
                    : (b0 >> 4) == 0xE  ? 3
                    : (b0 >> 3) == 0x1E ? 4
                                        : 0;
  if (len <= 1 || i + len > text.size()) {
    ++i;
    return b0;
  }
  std::uint32_t cp = b0 & (0x7Fu >> len);
  for (std::size_t k = 1; k < len; ++k) {
    const auto b = static_cast<unsigned char>(text[i + k]);
    if ((b & 0xC0) != 0x80) {
      ++i;
      return b0;
    }
    cp = (cp << 6) | (b & 0x3Fu);
  }
  i += len;
  return cp;
}

bool is_cjk_character(std::uint32_t cp) {
  return (cp >= 0x2E80 && cp <= 0x2FDF) ||  // CJK radicals, Kangxi radicals
         (cp >= 0x3040 && cp <= 0x30FF) ||  // Hiragana, Katakana
         (cp >= 0x3100 && cp <= 0x31FF) ||  // Bopomofo, Hangul compat jamo, kana ext.
         (cp >= 0x3400 && cp <= 0x4DBF) ||  // CJK extension A
         (cp >= 0x4E00 && cp <= 0x9FFF) ||  // CJK unified ideographs
         (cp >= 0xAC00 && cp <= 0xD7AF) ||  // Hangul syllables
         (cp >= 0xF900 && cp <= 0xFAFF) ||  // CJK compatibility ideographs
         (cp >= 0xFF66 && cp <= 0xFF9F) ||  // half-width Katakana
         (cp >= 0x20000 && cp <= 0x3134F);  // CJK extensions B-G
}

bool is_cjk_punctuation(std::uint32_t cp) {
  return (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFF00 && cp <= 0xFF65);
}

bool is_space(std::uint32_t cp) {
  return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v' ||
         cp == 0xA0 || cp == 0x2028 || cp == 0x2029 || (cp >= 0x2000 && cp <= 0x200B);
}

bool is_punctuation(std::uint32_t cp) {
  if (cp < 0x80)
    return !(cp >= '0' && cp <= '9') && !(cp >= 'a' && cp <= 'z') && !(cp >= 'A' && cp <= 'Z');
  return (cp >= 0xA1 && cp <= 0xBF) ||    // Latin-1 punctuation and symbols
         (cp >= 0x2010 && cp <= 0x205E);  // general punctuation: dashes, quotes, ellipsis
}

}  // namespace

double narration_seconds(std::string_view text) {
  std::uint64_t words = 0;
  std::uint64_t cjk = 0;
  bool in_word = false;  // inside a run that already counts as a word
  std::size_t i = 0;
  while (i < text.size()) {
    const std::uint32_t cp = next_code_point(text, i);
    if (is_cjk_character(cp)) {
      ++cjk;
      in_word = false;
    } else if (is_space(cp) || is_cjk_punctuation(cp)) {
      in_word = false;
    } else if (!in_word && !is_punctuation(cp)) {
      ++words;
      in_word = true;
    }
  }
  const double seconds = static_cast<double>(words) * kSecondsPerWord +
                         static_cast<double>(cjk) * kSecondsPerCjkCharacter;
  return std::max(kMinNarrationSeconds, seconds);
}

double narration_seconds(const bundle::Bundle& b, std::uint32_t line, std::uint32_t language) {
  if (std::optional<double> audio = b.narration_seconds(line, language)) return *audio;
  return narration_seconds(b.text(line, language));
}

}  // namespace trialxr::scene
