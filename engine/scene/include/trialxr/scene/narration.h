// Narration length: how long a `say` line is heard. Bundles since format 1.3 carry each
// line's audio and its exact length; for older bundles (and lines without audio) the
// length is estimated from the text, deterministically.
#pragma once

#include <cstdint>
#include <string_view>

#include "trialxr/bundle/bundle.h"

namespace trialxr::scene {

inline constexpr double kSecondsPerWord = 0.35;          // space-separated scripts
inline constexpr double kSecondsPerCjkCharacter = 0.22;  // Han, kana, Hangul
inline constexpr double kMinNarrationSeconds = 1.5;

// max(kMinNarrationSeconds, words * kSecondsPerWord + cjk * kSecondsPerCjkCharacter).
// A CJK character (Han ideographs and their extensions, compatibility ideographs,
// Hiragana, Katakana incl. half-width, Hangul syllables) counts on its own; CJK
// punctuation (U+3000-U+303F) and full-width forms count for nothing. A word is a run of
// other characters between whitespace or CJK characters that holds at least one
// character that is not punctuation (ASCII, Latin-1 or U+2010-U+205E: "—" or "..."
// alone are not words).
// Invalid UTF-8 bytes count as ordinary characters.
double narration_seconds(std::string_view utf8_text);

// The audio's length when the bundle has audio for the line in that language, else the
// estimate from its text.
double narration_seconds(const bundle::Bundle& b, std::uint32_t line, std::uint32_t language);

}  // namespace trialxr::scene
