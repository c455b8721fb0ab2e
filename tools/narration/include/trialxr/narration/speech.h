// Synthesised narration with espeak-ng, for lines nobody has recorded yet: the same text
// and language always give the same samples, so bundles stay reproducible.
#pragma once
#include <string>
#include <string_view>

#include "trialxr/core/result.h"
#include "trialxr/narration/pcm.h"

namespace trialxr::narration {

// The espeak-ng voice for a BCP 47 language tag (case and '_' for '-' do not matter):
//   en, en-*                                  -> en-us
//   zh, zh-Hans, zh-CN, zh-TW, zh-Hant, cmn-* -> cmn-latn-pinyin: espeak-ng 1.51's "cmn"
//       voice reads the pinyin of characters missing from its dictionary with English
//       letter rules, "cmn-latn-pinyin" reads them all as Mandarin with tones
//   zh-HK, zh-MO, zh-yue                      -> yue (Cantonese)
//   anything else: the voice for the whole tag ("pt-BR" -> "pt-br"), else the voice for
//   its primary language ("fr-CA" -> "fr"), preferring espeak-ng's most likely voice for
//   it; MBROLA voices (which need separately installed data) are never chosen.
// Empty when espeak-ng has no voice for the language or cannot load its data.
std::string speech_voice_for(std::string_view language);

// What the synthesiser is, for the bundle's record of a line's source, e.g.
// "espeak-ng 1.51 voice en-us". Empty when there is no voice for the language.
std::string speech_source(std::string_view language);

// Speaks `text` (UTF-8) in `language` with the voice above at espeak-ng's default rate,
// pitch and volume, returning 48 kHz mono trimmed with trim_silence(). Fails when there is
// no voice for the language, when espeak-ng cannot load its data or synthesise, and when
// the text makes no sound (only punctuation or spaces). Safe to call from any thread
// (calls take turns).
Result<Pcm> synthesise(std::string_view text, std::string_view language);

// How synthesise() will read `text` in `language`: espeak-ng's phoneme mnemonics, clause by
// clause, as `espeak-ng -x` prints them ("(en)" marks a stretch read with English rules,
// digits after a Mandarin syllable its tone contour). For checking pronunciation. Fails
// like synthesise() when there is no voice.
Result<std::string> speech_phonemes(std::string_view text, std::string_view language);

}  // namespace trialxr::narration
