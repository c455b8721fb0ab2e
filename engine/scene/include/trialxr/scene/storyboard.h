// Storyboard moments: for each step a scripted run visits, the moment that best shows
// it — when its first blocking wait (wait continue, quiz, wait say) begins, or else
// just before the step ends. The run presses Continue whenever asked and answers every
// quiz with its correct option(s); it stops when the scene ends, when a step would be
// visited a second time (a loop), or after kStoryboardLimit.
//
//   for (const StepMoment& m : storyboard_moments(bundle)) {
//     scene::Player p(bundle);
//     p.load_inputs(m.inputs);
//     const scene::FrameState& f = p.seek(m.time);   // the step, settled
//   }
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "trialxr/bundle/bundle.h"
#include "trialxr/scene/input.h"
#include "trialxr/scene/player.h"
#include "trialxr/scene/time.h"

namespace trialxr::scene {

inline constexpr Micros kStoryboardLimit = Micros{24} * 3600 * kMicrosPerSecond;

enum class MomentKind : std::uint8_t { wait_continue, quiz, wait_say, step_end };

struct StepMoment {
  std::uint32_t step = 0;
  Micros time = 0;  // session clock (the run never pauses, so also the scene clock)
  MomentKind kind = MomentKind::step_end;
  std::vector<InputRecord> inputs;  // the inputs given before the moment

  bool operator==(const StepMoment&) const = default;
};

std::string_view moment_kind_name(MomentKind kind);  // "wait_continue", "quiz", ...

// The scripted run on its own: its inputs (replay them with Player::load_inputs) and
// when it ends — the scene's end, or the moment a step would be visited a second time.
// Hosts use it to render any moment of a scene without a patient.
struct GuidedRun {
  std::vector<InputRecord> inputs;
  Micros end_time = 0;
  bool ended = false;  // the scene itself ended (not cut at a loop)
};
GuidedRun guided_run(const bundle::Bundle& bundle, PlayerOptions options = {});

// In visit order, one per visited step.
std::vector<StepMoment> storyboard_moments(const bundle::Bundle& bundle,
                                           PlayerOptions options = {});

}  // namespace trialxr::scene
