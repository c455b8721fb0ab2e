#include "trialxr/stage/pointer.h"

#include <cmath>

namespace trialxr::stage {

namespace {

bool same_button(const UiButton& a, const UiButton& b) {
  return a.kind == b.kind && a.option == b.option;
}

}  // namespace

std::optional<RayHit> hit_button(std::span<const UiButton> buttons, const Ray& ray) {
  std::optional<RayHit> best;
  for (std::size_t i = 0; i < buttons.size(); ++i) {
    const UiButton& b = buttons[i];
    const glm::vec3 n = glm::normalize(glm::cross(b.half_right, b.half_up));
    const float denom = glm::dot(ray.direction, n);
    if (std::fabs(denom) < 1e-6f) continue;
    const float t = glm::dot(b.center - ray.origin, n) / denom;
    if (t <= 0.0f || (best && t >= best->distance)) continue;
    const glm::vec3 p = ray.origin + ray.direction * t;
    const glm::vec3 local = p - b.center;
    const float u = glm::dot(local, b.half_right) / glm::dot(b.half_right, b.half_right);
    const float v = glm::dot(local, b.half_up) / glm::dot(b.half_up, b.half_up);
    if (std::fabs(u) <= 1.0f && std::fabs(v) <= 1.0f) best = RayHit{i, t, p};
  }
  return best;
}

std::optional<UiButton> GazeDwell::update(std::span<const UiButton> buttons, const Ray& ray,
                                          float seconds) {
  const std::optional<RayHit> hit = hit_button(buttons, ray);
  point_ = hit ? std::optional<glm::vec3>(hit->point) : std::nullopt;
  if (!hit) {
    target_.reset();
    held_ = 0.0f;
    fired_ = false;
    return std::nullopt;
  }
  const UiButton& b = buttons[hit->button];
  if (!target_ || !same_button(*target_, b)) {
    target_ = b;
    held_ = 0.0f;
    fired_ = false;
  }
  if (fired_) return std::nullopt;
  held_ += seconds;
  if (held_ < kDwellSeconds) return std::nullopt;
  fired_ = true;
  return b;
}

float GazeDwell::progress() const {
  if (!target_ || fired_) return 0.0f;
  return std::fmin(held_ / kDwellSeconds, 1.0f);
}

void GazeDwell::draw(UiFrame& ui, const glm::vec3& eye) const {
  if (!point_) return;
  glm::vec3 n = eye - *point_;
  n.y = 0.0f;
  n = glm::length(n) > 1e-5f ? glm::normalize(n) : glm::vec3(0, 0, 1);
  const glm::vec3 right = glm::normalize(glm::cross(glm::vec3(0, 1, 0), n));
  const glm::vec3 up(0, 1, 0);
  // Slightly in front of the button, towards the eye.
  const glm::vec3 center = *point_ + n * 0.002f;
  auto disc = [&](float size, glm::vec4 fill, glm::vec4 border, float border_width) {
    render::UiQuad q;
    q.kind = render::UiQuadKind::panel;
    q.origin = center - right * (size * 0.5f) + up * (size * 0.5f);
    q.right = right * size;
    q.down = -up * size;
    q.uv = {size, size, size * 0.5f, border_width};
    q.color = fill;
    q.outline = border;
    ui.quads.push_back(q);
  };
  // The ring, and a dot in it that grows as the dwell runs.
  disc(0.03f, {1.0f, 1.0f, 1.0f, 0.0f}, {1.0f, 1.0f, 1.0f, 0.95f}, 0.004f);
  const float p = progress();
  if (p > 0.0f) disc(0.022f * p, {1.0f, 0.6f, 0.1f, 0.95f}, {0, 0, 0, 0}, 0.0f);
}

}  // namespace trialxr::stage
