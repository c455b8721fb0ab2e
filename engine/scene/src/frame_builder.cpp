#include "frame_builder.h"

#include <algorithm>
#include <glm/gtc/type_ptr.hpp>

#include "quat_math.h"

namespace trialxr::scene::detail {

glm::mat4 trs_matrix(const glm::vec3& t, const glm::quat& r, const glm::vec3& s) {
  const glm::mat3 m = glm::mat3_cast(safe_normalize(r));
  return glm::mat4(glm::vec4(m[0] * s.x, 0.0f), glm::vec4(m[1] * s.y, 0.0f),
                   glm::vec4(m[2] * s.z, 0.0f), glm::vec4(t, 1.0f));
}

FrameBuilder::FrameBuilder(const bundle::Bundle& bundle, const Layout& layout)
    : bundle_(bundle), layout_(layout) {}

std::uint32_t FrameBuilder::skin_matrices(std::uint32_t skin, FrameState& out) {
  if (skin_first_[skin] != bundle::kNone) return skin_first_[skin];
  const bundle::SkinRecord& s = bundle_.skins()[skin];
  const auto first = static_cast<std::uint32_t>(out.joint_matrices.size());
  const auto joints = bundle_.joints().subspan(s.first_joint, s.joint_count);
  const float* inverse_bind = bundle_.floats().data() + s.inverse_bind;
  for (std::size_t j = 0; j < joints.size(); ++j)
    out.joint_matrices.push_back(world_[joints[j]] * glm::make_mat4(inverse_bind + 16 * j));
  skin_first_[skin] = first;
  return first;
}

void FrameBuilder::build(const Poser& poser, const SceneState& state, Micros t, FrameState& out,
                         std::uint32_t focus_node, std::uint32_t focus_line) {
  poser.evaluate(state, t, pose_);
  const auto nodes = bundle_.nodes();
  const std::size_t n = nodes.size();
  world_.resize(n);
  opacity_.resize(n);
  highlighted_.resize(n);
  skin_first_.assign(bundle_.skins().size(), bundle::kNone);
  out.items.clear();
  out.joint_matrices.clear();
  out.morph_weights.clear();
  out.labels.clear();

  for (std::size_t i = 0; i < n; ++i) {
    const bundle::NodeRecord& r = nodes[i];
    const glm::mat4 local = trs_matrix(pose_.translation[i], pose_.rotation[i], pose_.scale[i]);
    const float own = std::clamp(pose_.opacity[i], 0.0f, 1.0f);
    const bool lit = t < state.nodes[i].highlight_until || i == focus_node;
    if (r.parent == bundle::kNone) {
      world_[i] = local;
      opacity_[i] = own;
      highlighted_[i] = lit ? 1 : 0;
    } else {
      world_[i] = world_[r.parent] * local;
      opacity_[i] = opacity_[r.parent] * own;
      highlighted_[i] = lit || highlighted_[r.parent] != 0 ? 1 : 0;
    }
  }

  for (std::size_t i = 0; i < n; ++i) {
    const bundle::NodeRecord& r = nodes[i];
    if (r.mesh == bundle::kNone || !(opacity_[i] > 0.0f)) continue;
    DrawItem item;
    item.node = static_cast<std::uint32_t>(i);
    item.mesh = r.mesh;
    item.world = world_[i];
    item.opacity = opacity_[i];
    item.highlighted = highlighted_[i] != 0;
    if (r.skin != bundle::kNone) {
      item.skin = r.skin;
      item.first_joint_matrix = skin_matrices(r.skin, out);
      item.joint_count = bundle_.skins()[r.skin].joint_count;
    }
    const std::uint32_t weights = layout_.weight_count[i];
    if (weights > 0) {
      item.first_weight = static_cast<std::uint32_t>(out.morph_weights.size());
      item.weight_count = weights;
      const auto w =
          std::span<const float>(pose_.weights).subspan(layout_.weight_offset[i], weights);
      out.morph_weights.insert(out.morph_weights.end(), w.begin(), w.end());
    }
    out.items.push_back(item);
  }

  for (const ActiveLabel& l : state.labels) {
    if (!(t < l.until)) continue;
    LabelText label;
    label.line = l.line;
    label.node = l.node;
    label.anchor = glm::vec3(world_[l.node][3]);
    label.opacity = opacity_[l.node];
    out.labels.push_back(label);
  }
  if (focus_node < n && focus_line != bundle::kNone) {
    LabelText label;
    label.line = focus_line;
    label.node = focus_node;
    label.anchor = glm::vec3(world_[focus_node][3]);
    label.opacity = opacity_[focus_node];
    out.labels.push_back(label);
  }
}

}  // namespace trialxr::scene::detail
