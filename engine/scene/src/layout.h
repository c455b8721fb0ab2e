// Facts about a bundle the player needs every tick, computed once: where each node's
// morph weights live, each clip's length in microseconds, the default weights.
#pragma once

#include <cstdint>
#include <vector>

#include "scene_state.h"
#include "trialxr/bundle/bundle.h"

namespace trialxr::scene::detail {

struct Layout {
  explicit Layout(const bundle::Bundle& bundle);

  std::vector<std::uint32_t> weight_offset;  // per node, into SceneState::held_weights
  std::vector<std::uint32_t> weight_count;   // per node: its mesh's morph target count
  std::vector<Micros> clip_duration;         // per animation
  std::vector<float> default_weights;        // mesh defaults (or 0), laid out like held_weights
  std::uint32_t max_components = 4;          // the widest channel

  // Sets `out` to the scene as the bundle describes it (node TRS, hidden flags, default
  // weights), reusing its memory.
  void reset_state(const bundle::Bundle& bundle, SceneState& out) const;
};

// A mesh's morph target count (that of its first primitive; all primitives agree).
std::uint32_t mesh_target_count(const bundle::Bundle& bundle, std::uint32_t mesh);

}  // namespace trialxr::scene::detail
