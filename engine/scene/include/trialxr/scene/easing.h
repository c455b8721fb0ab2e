// Easing curves for move/rotate/scale and show/hide fades. `u` is the linear progress
// in [0, 1] (clamped); the result is the eased progress, 0 at u = 0 and 1 at u = 1.
//
//   linear  u
//   in      u^2                  (quadratic: starts slowly)
//   out     1 - (1 - u)^2        (quadratic: ends slowly)
//   in_out  3u^2 - 2u^3          (smoothstep: slow at both ends, symmetric about 0.5)
#pragma once

#include "trialxr/bundle/format.h"

namespace trialxr::scene {

float ease(bundle::Easing easing, float u);

}  // namespace trialxr::scene
