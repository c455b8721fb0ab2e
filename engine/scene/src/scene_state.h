// The scene's mutable state between events: per-node tweens (move/rotate/scale and the
// show/hide fade), highlights, playing clips, labels, the narration queue and the gaze
// hint. Everything is stored as "from, to, since when", so the state at any time t is a
// pure function of this struct and t — no per-tick integration, hence no dependence on
// tick size. Snapshots of it (one per step entry) serve `back`.
#pragma once

#include <cstdint>
#include <glm/glm.hpp>
#include <glm/gtc/quaternion.hpp>
#include <limits>
#include <vector>

#include "trialxr/bundle/format.h"
#include "trialxr/scene/time.h"

namespace trialxr::scene::detail {

inline constexpr Micros kNever = std::numeric_limits<Micros>::min();  // "not since ever"
inline constexpr Micros kForever = std::numeric_limits<Micros>::max();

inline Micros shifted(Micros t, Micros delta) {
  return t == kNever || t == kForever ? t : t + delta;
}

// A value going from `from` to `to` between start and start + duration. start = kNever
// means the value has always been `to` (and loses to any clip; see Pose).
template <class T>
struct Tween {
  Micros start = kNever;
  Micros duration = 0;
  bundle::Easing easing = bundle::Easing::linear;
  T from{};
  T to{};

  // Eased progress in [0, 1] at time t.
  float progress(Micros t) const;
  void set(const T& value, Micros now) {
    start = now;
    duration = 0;
    from = to = value;
  }
};

struct NodeState {
  Tween<glm::vec3> translation;
  Tween<glm::quat> rotation;  // slerp, shortest path
  Tween<glm::vec3> scale;
  Tween<float> opacity;             // 0 hidden, 1 shown; fades multiply down the hierarchy
  Micros weights_since = kNever;    // when held_weights were last set (clip priority)
  Micros highlight_until = kNever;  // highlighted while t < highlight_until
};

struct ActiveClip {
  std::uint32_t animation = 0;
  std::uint32_t object = 0;
  Micros start = 0;
  std::uint32_t repeats = 0;  // 0 loops; else holds the last pose once played that often
};

struct ActiveLabel {
  std::uint32_t node = 0;
  std::uint32_t line = 0;
  Micros until = kForever;
};

struct Narration {
  std::uint32_t line = 0;
  Micros start = 0;
  Micros end = 0;
  bool announced = false;                 // narration_started emitted
  std::uint32_t speaker = bundle::kNone;  // the node it is heard from; kNone: head-locked
};

struct SceneState {
  std::vector<NodeState> nodes;
  std::vector<float> held_weights;   // morph weights per node, at Layout::weight_offset
  std::vector<ActiveClip> clips;     // in start order (later ones win shared channels)
  std::vector<ActiveLabel> labels;   // in cue order
  std::vector<Narration> narration;  // queued lines, oldest first; finished ones pruned
  std::uint32_t look_at = bundle::kNone;

  // Moves every absolute time by delta (for `back`: the restored step resumes as it was).
  void shift(Micros delta);
  // End of the most recently queued narration line (kNever when none is queued).
  Micros narration_end() const { return narration.empty() ? kNever : narration.back().end; }
};

}  // namespace trialxr::scene::detail
