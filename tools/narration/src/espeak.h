// The process's espeak-ng (private to this module): started once, on first use.
//
// espeak-ng 1.51 keeps synthesis state between utterances that nothing resets — the
// position in its pitch-flutter table and a cycle counter for voice roughness, both static
// variables inside libespeak-ng — so in one process the second utterance of a text differs
// from the first by a few samples. The process therefore never synthesises itself: each
// utterance is spoken by a child process forked from it, and every child starts from the
// state that initialisation left, the same state a fresh `espeak-ng` command starts from.
// Transcribing to phonemes runs in a child too, so the process's espeak-ng stays as it was.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "trialxr/core/result.h"

namespace trialxr::narration::espeak {

struct Voice {
  std::string name;  // what espeak_SetVoiceByName takes: the voice file's name, lower case
  std::vector<std::pair<std::string, int>> languages;  // (language, priority: lower is likelier)
};

struct Engine {
  std::string version;        // "1.51"
  int sample_rate = 0;        // of the samples speak() returns: 22050
  std::vector<Voice> voices;  // MBROLA voices left out
};

// espeak-ng with its own data path, or why it cannot start.
const Result<Engine>& engine();

// Speaks UTF-8 `text` with `voice` (a Voice::name) at espeak-ng's default rate, pitch and
// volume: the samples at Engine::sample_rate. Utterances take turns.
Result<std::vector<std::int16_t>> speak(const std::string& voice, std::string_view text);

// espeak-ng's phoneme mnemonics for `text` with `voice`, clause by clause.
Result<std::string> phonemes(const std::string& voice, std::string_view text);

}  // namespace trialxr::narration::espeak
