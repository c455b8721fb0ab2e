// Pose: every node's local translation, rotation, scale, own opacity and morph weights
// at a time t, from the SceneState's tweens and the playing clips.
//
// Priority on one node property: a clip drives it while the clip started at or after
// the property was last set by a cue (tween start, or a baked clip pose); among clips,
// the one started last wins. When a clip stops (or a finite one finishes) its pose is
// "baked" into the tweens, so the node keeps it.
#pragma once

#include <cstdint>
#include <glm/glm.hpp>
#include <glm/gtc/quaternion.hpp>
#include <span>
#include <vector>

#include "layout.h"
#include "scene_state.h"
#include "trialxr/bundle/bundle.h"

namespace trialxr::scene::detail {

struct Pose {
  std::vector<glm::vec3> translation;
  std::vector<glm::quat> rotation;
  std::vector<glm::vec3> scale;
  std::vector<float> opacity;  // the node's own fade, not yet multiplied by ancestors
  std::vector<float> weights;  // at Layout::weight_offset
};

class Poser {
 public:
  Poser(const bundle::Bundle& bundle, const Layout& layout);

  // The whole pose at t; `out` keeps its capacity between calls.
  void evaluate(const SceneState& state, Micros t, Pose& out) const;
  // One property of one node at t: 3 floats (translation, scale), 4 (rotation x y z w)
  // or Layout::weight_count (weights).
  void property(const SceneState& state, std::uint32_t node, bundle::AnimPath path, Micros t,
                std::span<float> out) const;
  // Clip-local seconds of a playing clip at t (the last pose once finite repeats end).
  float clip_time(const ActiveClip& clip, Micros t) const;
  // Holds clip `index`'s pose at t on the properties it drives (it stays in the list).
  void bake(SceneState& state, std::size_t index, Micros t) const;

 private:
  bool clip_drives(const SceneState& state, const ActiveClip& clip,
                   const bundle::ChannelRecord& channel) const;

  const bundle::Bundle& bundle_;
  const Layout& layout_;
};

glm::vec3 tween_value(const Tween<glm::vec3>& tw, Micros t);
glm::quat tween_value(const Tween<glm::quat>& tw, Micros t);
float tween_value(const Tween<float>& tw, Micros t);

}  // namespace trialxr::scene::detail
