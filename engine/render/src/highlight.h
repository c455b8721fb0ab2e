// The highlight a patient should notice: a warm rim glow on the item (pbr.frag) and an
// outline around it (the stencil-marked item, then its screen-space extruded hull
// where the stencil is not set: pbr.frag's highlight passes), both breathing with one pulse. The
// pulse depends on FrameInput::time_seconds only, so a frame is reproducible.
#pragma once

#include <cmath>

namespace trialxr::render {

// 0.5 + 0.5 sin(2 pi t / period), in [0, 1]; computed in double so that large times
// keep their phase.
inline float highlight_pulse(float time_seconds, float period_seconds) {
  constexpr double kTwoPi = 6.283185307179586;
  const double period = period_seconds > 0.0f ? double{period_seconds} : 1.0;
  const double phase = std::fmod(double{time_seconds}, period) / period;
  return static_cast<float>(0.5 + 0.5 * std::sin(kTwoPi * phase));
}

}  // namespace trialxr::render
