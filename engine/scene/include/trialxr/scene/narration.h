// Narration length. Until narration audio is in the bundle, how long a `say` line is
// heard is estimated from its text, deterministically. This is the one place to swap
// for real audio durations later.
#pragma once

#include <string_view>

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

}  // namespace trialxr::scene
