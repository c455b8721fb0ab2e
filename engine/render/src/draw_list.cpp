#include "draw_list.h"

#include <algorithm>
#include <glm/gtc/matrix_inverse.hpp>
#include <numeric>

#include "trialxr/core/check.h"

namespace trialxr::render {
namespace {

void check_ranges(const SceneResources& scene, const FrameInput& input, const DrawItem& item) {
  TRIALXR_CHECK(item.mesh < scene.meshes().size());
  TRIALXR_CHECK(std::size_t{item.first_joint_matrix} + item.joint_count <=
                input.joint_matrices.size());
  TRIALXR_CHECK(std::size_t{item.first_weight} + item.weight_count <= input.morph_weights.size());
}

glm::vec3 world_center(const FrameInput& input, const DrawItem& item, glm::vec3 local) {
  if (item.joint_count == 0) return glm::vec3(item.world * glm::vec4(local, 1.0f));
  glm::vec3 sum(0.0f);  // skinned: the mean of the centre carried by each joint
  for (std::uint32_t j = 0; j < item.joint_count; ++j) {
    sum += glm::vec3(input.joint_matrices[item.first_joint_matrix + j] * glm::vec4(local, 1.0f));
  }
  return sum / static_cast<float>(item.joint_count);
}

gpu::DrawData draw_data(const FrameInput& input, const DrawItem& item, glm::vec3 center) {
  gpu::DrawData d{};
  d.world = item.world;
  const glm::mat3 linear(item.world);
  const float det = glm::determinant(linear);
  d.normal_matrix = std::abs(det) > 1e-12f ? glm::mat4(glm::inverseTranspose(linear)) : item.world;
  d.center = glm::vec4(world_center(input, item, center), std::clamp(item.opacity, 0.0f, 1.0f));
  d.misc = glm::vec4(item.highlighted ? 1.0f : 0.0f, 0.0f, 0.0f, 0.0f);
  d.skin =
      glm::uvec4(item.first_joint_matrix, item.joint_count, item.first_weight, item.weight_count);
  return d;
}

float view_depth(const FrameInput& input, glm::vec3 p) {
  float sum = 0.0f;
  for (const View& v : input.views) sum += -(v.view * glm::vec4(p, 1.0f)).z;
  return input.views.empty() ? 0.0f : sum / static_cast<float>(input.views.size());
}

}  // namespace

DrawList build_draw_list(const SceneResources& scene, const FrameInput& input) {
  DrawList list;
  struct BlendItem {
    float depth;
    std::vector<DrawCall> calls;
  };
  std::vector<BlendItem> blend_items;
  for (const DrawItem& item : input.items) {
    check_ranges(scene, input, item);
    if (!(item.opacity > 0.0f)) continue;
    const MeshInfo& mesh = scene.meshes()[item.mesh];
    const auto draw = static_cast<std::uint32_t>(list.draws.size());
    list.draws.push_back(draw_data(input, item, mesh.center));
    const bool mirrored = item.joint_count == 0 && glm::determinant(glm::mat3(item.world)) < 0.0f;
    const bool faded = item.opacity < 1.0f;
    BlendItem blend{view_depth(input, glm::vec3(list.draws.back().center)), {}};
    for (std::uint32_t i = 0; i < mesh.primitive_count; ++i) {
      const std::uint32_t p = mesh.first_primitive + i;
      const std::uint32_t material = scene.primitives()[p].material;
      const MaterialInfo& m = scene.materials()[material];
      const bool blended = faded || m.alpha_mode == bundle::AlphaMode::blend;
      const PipelineKey key{blended ? PassKind::blend : PassKind::opaque, m.double_sided, mirrored};
      (blended ? blend.calls : list.opaque).push_back({draw, p, material, key});
      if (item.highlighted) {
        list.highlight.push_back({draw, p, material, {PassKind::stencil_mark, false, false}});
      }
    }
    if (!blend.calls.empty()) blend_items.push_back(std::move(blend));
  }
  std::stable_sort(blend_items.begin(), blend_items.end(),
                   [](const BlendItem& a, const BlendItem& b) { return a.depth > b.depth; });
  for (BlendItem& b : blend_items) {
    list.blend.insert(list.blend.end(), b.calls.begin(), b.calls.end());
  }
  return list;
}

}  // namespace trialxr::render
