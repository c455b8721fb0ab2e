// PanelFollower: where the head-following panels (subtitles, quiz) stand. They keep
// still while the head turns a little, so reading is calm, and ease round to face the
// viewer once the head has turned further than the dead zone (a "lazy follow").
#pragma once

namespace trialxr::stage {

class PanelFollower {
 public:
  static constexpr float kDeadZoneDegrees = 20.0f;
  static constexpr float kCatchUpPerSecond = 3.0f;  // fraction of the gap closed: 1 - e^(-3 t)

  explicit PanelFollower(float head_yaw_degrees = 0.0f) : yaw_(head_yaw_degrees) {}

  // Advances by `seconds` towards the head's yaw; returns the panels' yaw.
  float update(float head_yaw_degrees, float seconds);
  float yaw_degrees() const { return yaw_; }

 private:
  float yaw_;
  bool catching_up_ = false;
};

}  // namespace trialxr::stage
