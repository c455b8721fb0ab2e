#include "trialxr/stage/panel_follower.h"

#include <cmath>

namespace trialxr::stage {

namespace {

// The signed difference a - b wrapped into (-180, 180].
float wrap_degrees(float d) {
  d = std::fmod(d + 180.0f, 360.0f);
  if (d < 0.0f) d += 360.0f;
  return d - 180.0f;
}

}  // namespace

float PanelFollower::update(float head_yaw_degrees, float seconds) {
  const float gap = wrap_degrees(head_yaw_degrees - yaw_);
  if (std::fabs(gap) > kDeadZoneDegrees) catching_up_ = true;
  if (catching_up_) {
    yaw_ += gap * (1.0f - std::exp(-kCatchUpPerSecond * seconds));
    // Settled once nearly facing the viewer again; then still until the next big turn.
    if (std::fabs(wrap_degrees(head_yaw_degrees - yaw_)) < 1.0f) catching_up_ = false;
  }
  return yaw_;
}

}  // namespace trialxr::stage
