// What the renderer draws each frame: plain per-frame data, filled by a host from the
// player's frame state. The renderer knows meshes, materials and textures (uploaded
// once from a bundle) and these draw items; it never sees scripts, steps or quizzes.
#pragma once

#include <cstdint>
#include <glm/glm.hpp>
#include <span>
#include <vector>

namespace trialxr::render {

// One eye (or the one desktop/headless camera).
struct View {
  glm::mat4 view{1.0f};        // world -> eye
  glm::mat4 projection{1.0f};  // eye -> clip, Vulkan conventions (y down, depth 0..1)
  glm::vec3 eye_position{0.0f};
};

// One mesh (all its primitives) drawn once.
struct DrawItem {
  std::uint32_t mesh = 0;            // bundle mesh index
  glm::mat4 world{1.0f};             // node's world transform
  float opacity = 1.0f;              // 0..1: fades of show/hide multiply alpha
  bool highlighted = false;          // drawn with the highlight (rim glow + outline)
  std::uint32_t skin = 0xFFFFFFFFu;  // bundle skin index or none
  // Skinned meshes: joint_count matrices (joint world * inverse bind), starting here in
  // FrameInput::joint_matrices. The renderer applies them instead of `world`.
  std::uint32_t first_joint_matrix = 0;
  std::uint32_t joint_count = 0;
  // Morph weights for the mesh's targets, starting here in FrameInput::morph_weights.
  std::uint32_t first_weight = 0;
  std::uint32_t weight_count = 0;
};

// A flat quad in the world for the interface: a glyph of text, a rounded panel or a
// leader line. Drawn after the scene, over it (no depth test), in the order given.
enum class UiQuadKind : std::uint32_t { glyph = 0, panel = 1, line = 2 };

struct UiQuad {
  UiQuadKind kind = UiQuadKind::panel;
  glm::vec3 origin{0.0f};  // top-left corner
  glm::vec3 right{0.0f};   // the whole top edge
  glm::vec3 down{0.0f};    // the whole left edge
  // glyph: u0, v0, u1, v1 in the atlas; panel: width, height, corner radius, border (m).
  glm::vec4 uv{0.0f};
  glm::vec4 color{1.0f};  // linear RGBA, straight alpha
  // glyph: outline colour (rgb) and width (w, in distance-field units, 0..0.5);
  // panel: border colour (rgba).
  glm::vec4 outline{0.0f};
};

struct FrameInput {
  std::vector<View> views;  // 1 (mono) or 2 (left, right)
  std::vector<DrawItem> items;
  std::vector<glm::mat4> joint_matrices;
  std::vector<float> morph_weights;
  glm::vec4 clear_color{0.80f, 0.86f, 0.92f, 1.0f};  // linear; alpha 0 for AR passthrough
  float time_seconds = 0.0f;  // for the highlight's gentle pulse; deterministic per frame
  std::vector<UiQuad> ui;
  std::uint32_t text_atlas = 0xFFFFFFFFu;  // bundle FONT record the glyphs come from
};

}  // namespace trialxr::render
