// Pointing at the interface's buttons: a ray (a controller's aim, the head's gaze or a
// mouse) against the button rectangles build_ui returned, and selection by dwelling —
// looking at a button for a moment selects it, so every action is possible by gaze
// alone. A ring at the gaze point fills while the dwell runs.
#pragma once
#include <cstdint>
#include <glm/glm.hpp>
#include <optional>
#include <span>

#include "trialxr/stage/ui_layout.h"

namespace trialxr::stage {

struct Ray {
  glm::vec3 origin{0.0f};
  glm::vec3 direction{0.0f, 0.0f, -1.0f};  // normalised
};

struct RayHit {
  std::size_t button = 0;  // index into the buttons
  float distance = 0.0f;
  glm::vec3 point{0.0f};
};

// The nearest button the ray passes through, if any.
std::optional<RayHit> hit_button(std::span<const UiButton> buttons, const Ray& ray);

class GazeDwell {
 public:
  static constexpr float kDwellSeconds = 1.5f;

  // Advances by `seconds` with the gaze `ray`; returns the button to press when a dwell
  // completes (then the gaze must leave the button before it can fire again).
  std::optional<UiButton> update(std::span<const UiButton> buttons, const Ray& ray, float seconds);
  float progress() const;  // 0..1 on the button looked at; 0 when none
  std::optional<glm::vec3> point() const { return point_; }

  // The dwell ring at the gaze point (appended to `ui`), facing `eye`.
  void draw(UiFrame& ui, const glm::vec3& eye) const;

 private:
  std::optional<UiButton> target_;
  std::optional<glm::vec3> point_;
  float held_ = 0.0f;
  bool fired_ = false;
};

}  // namespace trialxr::stage
