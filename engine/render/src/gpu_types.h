// C++ mirrors of the shader data layouts in shaders/common.glsl (std140 / std430 with
// vec4-sized members only, so both rules give the same offsets). Keep them in step.
#pragma once

#include <cstdint>
#include <glm/glm.hpp>

namespace trialxr::render::gpu {

struct FrameUbo {
  glm::mat4 view_proj[2];
  glm::vec4 eye[2];
  glm::vec4 light_dir;
  glm::vec4 light_color;
  glm::vec4 sky_color;
  glm::vec4 ground_color;
  glm::vec4 highlight_color;
  glm::vec4 params;    // time, pulse, outline width px, encode sRGB
  glm::vec4 viewport;  // size, 1 / size
};
static_assert(sizeof(FrameUbo) == 2 * 64 + 9 * 16);

struct DrawData {
  glm::mat4 world;
  glm::mat4 normal_matrix;
  glm::vec4 center;  // xyz, w opacity
  glm::vec4 misc;    // x highlight
  glm::uvec4 skin;   // first joint, joint count, first weight, weight count
};
static_assert(sizeof(DrawData) == 176);

struct PrimitiveData {
  glm::uvec4 attr_a;  // position, normal, tangent, texcoord0 (GEOM word offsets)
  glm::uvec4 attr_b;  // texcoord1, color0, joints0, weights0
  glm::uvec4 morph;   // first target, target count
};

struct TargetData {
  glm::uvec4 offsets;  // position, normal, tangent deltas (GEOM word offsets)
};

struct MaterialData {
  glm::vec4 base_color;
  glm::vec4 emissive;  // w alpha cutoff
  glm::vec4 factors;   // metallic, roughness, normal scale, occlusion strength
  glm::uvec4 modes;    // alpha mode, double-sided, uv set bits, texture bits
};

struct UiQuadData {
  glm::vec4 origin;
  glm::vec4 right;
  glm::vec4 down;
  glm::vec4 uv;
  glm::vec4 color;
  glm::vec4 outline;
  glm::uvec4 mode;  // x kind
};
static_assert(sizeof(UiQuadData) == 112);

// Push constants (16 bytes, vertex and fragment stages).
struct Push {
  std::uint32_t draw = 0;
  std::uint32_t primitive = 0;
  std::uint32_t material = 0;
  std::uint32_t flags = 0;  // view index | kFlagOutline | kFlagHighlightPass
};
inline constexpr std::uint32_t kFlagOutline = 0x100u;        // vertex: extrude
inline constexpr std::uint32_t kFlagHighlightPass = 0x200u;  // fragment: outline colour
inline constexpr std::uint32_t kNone = 0xFFFFFFFFu;

}  // namespace trialxr::render::gpu
