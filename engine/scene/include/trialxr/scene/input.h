// The patient's inputs, as the player records them: each with the session time it was
// given at. Replaying the same records from the start reproduces the same frames.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "trialxr/scene/time.h"

namespace trialxr::scene {

enum class InputKind : std::uint8_t {
  press_continue,       // Continue: ends a `wait continue`, or leaves quiz feedback
  choose,               // value = option within the quiz (single/true-false: answers;
                        // multiple: toggles the option in the selection)
  select,               // options = the whole selection (multiple-answer quizzes)
  submit,               // answers a multiple-answer quiz with the selection
  pause,                //
  resume,               //
  back,                 // to the start of the previous step
  ask_coordinator,      // raises the "ask the coordinator" flag
  dismiss_coordinator,  // clears it
  set_language,         // value = language index into the bundle's languages
};

std::string_view input_kind_name(InputKind kind);

struct InputRecord {
  Micros time = 0;  // session clock
  InputKind kind = InputKind::press_continue;
  std::uint32_t value = 0;
  std::vector<std::uint32_t> options;  // select only

  bool operator==(const InputRecord&) const = default;
};

}  // namespace trialxr::scene
