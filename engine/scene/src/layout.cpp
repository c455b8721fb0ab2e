#include "layout.h"

#include <algorithm>

#include "quat_math.h"

namespace trialxr::scene::detail {

std::uint32_t mesh_target_count(const bundle::Bundle& bundle, std::uint32_t mesh) {
  if (mesh == bundle::kNone) return 0;
  const bundle::MeshRecord& m = bundle.meshes()[mesh];
  if (m.primitive_count == 0) return 0;
  return bundle.primitives()[m.first_primitive].target_count;
}

Layout::Layout(const bundle::Bundle& bundle) {
  const auto nodes = bundle.nodes();
  weight_offset.resize(nodes.size());
  weight_count.resize(nodes.size());
  std::uint32_t total = 0;
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    const std::uint32_t count = mesh_target_count(bundle, nodes[i].mesh);
    weight_offset[i] = total;
    weight_count[i] = count;
    total += count;
    const std::size_t first = default_weights.size();
    default_weights.resize(first + count, 0.0f);
    if (count > 0) {
      const bundle::MeshRecord& m = bundle.meshes()[nodes[i].mesh];
      if (m.weight_count == count) {
        const auto defaults = bundle.floats().subspan(m.first_weight, count);
        std::copy(defaults.begin(), defaults.end(), default_weights.begin() + first);
      }
    }
  }
  for (const bundle::AnimationRecord& a : bundle.animations())
    clip_duration.push_back(to_micros(static_cast<double>(a.duration)));
  for (const bundle::ChannelRecord& c : bundle.channels())
    max_components = std::max(max_components, c.components);
}

void Layout::reset_state(const bundle::Bundle& bundle, SceneState& s) const {
  const auto nodes = bundle.nodes();
  s.nodes.assign(nodes.size(), NodeState{});
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    const bundle::NodeRecord& r = nodes[i];
    NodeState& n = s.nodes[i];
    n.translation.from = n.translation.to =
        glm::vec3(r.translation[0], r.translation[1], r.translation[2]);
    n.rotation.from = n.rotation.to = safe_normalize(quat_xyzw(r.rotation));
    n.scale.from = n.scale.to = glm::vec3(r.scale[0], r.scale[1], r.scale[2]);
    n.opacity.from = n.opacity.to = (r.flags & bundle::kNodeHidden) != 0 ? 0.0f : 1.0f;
  }
  s.held_weights.assign(default_weights.begin(), default_weights.end());
  s.clips.clear();
  s.labels.clear();
  s.narration.clear();
  s.look_at = bundle::kNone;
}

}  // namespace trialxr::scene::detail
