#include "frame_constants.h"

#include <algorithm>
#include <cmath>

#include "highlight.h"

namespace trialxr::render {
namespace {

float linear_to_srgb(float c) {
  c = std::fmin(std::fmax(c, 0.0f), 1.0f);
  return c <= 0.0031308f ? c * 12.92f : 1.055f * std::pow(c, 1.0f / 2.4f) - 0.055f;
}

}  // namespace

bool is_unorm_target(VkFormat format) {
  return format == VK_FORMAT_R8G8B8A8_UNORM || format == VK_FORMAT_B8G8R8A8_UNORM;
}

gpu::FrameUbo frame_constants(const FrameInput& input, const RendererDesc& desc, VkExtent2D extent,
                              bool encode_srgb) {
  gpu::FrameUbo u{};
  for (std::size_t i = 0; i < 2; ++i) {
    const View& v = input.views[std::min(i, input.views.size() - 1)];
    u.view_proj[i] = v.projection * v.view;
    u.eye[i] = glm::vec4(v.eye_position, 1.0f);
  }
  const LightingDesc& l = desc.lighting;
  constexpr float kPi = 3.14159265f;
  u.light_dir = glm::vec4(glm::normalize(l.key_direction), 0.0f);
  u.light_color = glm::vec4(l.key_color * (l.key_intensity * kPi), 1.0f);
  u.sky_color = glm::vec4(l.sky_color, 1.0f);
  u.ground_color = glm::vec4(l.ground_color, 1.0f);
  const HighlightDesc& h = desc.highlight;
  u.highlight_color = glm::vec4(h.color, 1.0f);
  u.params = glm::vec4(
      input.time_seconds, highlight_pulse(input.time_seconds, h.pulse_period_s),
      std::max(h.outline_width_px, h.outline_width_fraction * static_cast<float>(extent.height)),
      encode_srgb ? 1.0f : 0.0f);
  const glm::vec2 size(static_cast<float>(extent.width), static_cast<float>(extent.height));
  u.viewport = glm::vec4(size, 1.0f / size);
  return u;
}

VkClearColorValue clear_value(const glm::vec4& c, bool encode_srgb) {
  VkClearColorValue v{};
  if (encode_srgb) {
    v.float32[0] = linear_to_srgb(c.r);
    v.float32[1] = linear_to_srgb(c.g);
    v.float32[2] = linear_to_srgb(c.b);
  } else {
    v.float32[0] = c.r;
    v.float32[1] = c.g;
    v.float32[2] = c.b;
  }
  v.float32[3] = c.a;
  return v;
}

}  // namespace trialxr::render
