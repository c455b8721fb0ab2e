// FrameBuilder: turns a pose into what gets drawn — world matrices (parents first, as
// NODE guarantees), effective opacity and highlight down the hierarchy, draw items,
// skin joint matrices, morph weights and label anchors. Its scratch vectors keep their
// capacity, so a frame allocates nothing once the first few have been built.
#pragma once

#include <cstdint>
#include <glm/glm.hpp>
#include <vector>

#include "layout.h"
#include "pose.h"
#include "scene_state.h"
#include "trialxr/bundle/bundle.h"
#include "trialxr/scene/frame_state.h"

namespace trialxr::scene::detail {

class FrameBuilder {
 public:
  FrameBuilder(const bundle::Bundle& bundle, const Layout& layout);

  // Fills out.items, out.joint_matrices, out.morph_weights and out.labels. A focus node
  // (the visit an explore prompt shows) is highlighted, and labelled with focus_line
  // after the cued labels.
  void build(const Poser& poser, const SceneState& state, Micros t, FrameState& out,
             std::uint32_t focus_node = bundle::kNone, std::uint32_t focus_line = bundle::kNone);
  // A node's world position as of the last build().
  glm::vec3 world_position(std::uint32_t node) const { return glm::vec3(world_[node][3]); }

 private:
  std::uint32_t skin_matrices(std::uint32_t skin, FrameState& out);

  const bundle::Bundle& bundle_;
  const Layout& layout_;
  Pose pose_;
  std::vector<glm::mat4> world_;
  std::vector<float> opacity_;
  std::vector<std::uint8_t> highlighted_;
  std::vector<std::uint32_t> skin_first_;  // per skin: first matrix this frame, or kNone
};

// T * R * S as a column-major matrix.
glm::mat4 trs_matrix(const glm::vec3& t, const glm::quat& r, const glm::vec3& s);

}  // namespace trialxr::scene::detail
