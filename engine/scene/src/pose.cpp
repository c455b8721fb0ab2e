#include "pose.h"

#include <algorithm>
#include <array>

#include "quat_math.h"
#include "trialxr/core/check.h"
#include "trialxr/scene/animation_sampler.h"

namespace trialxr::scene::detail {

using bundle::AnimPath;

glm::vec3 tween_value(const Tween<glm::vec3>& tw, Micros t) {
  const float p = tw.progress(t);
  if (p >= 1.0f) return tw.to;
  return tw.from + (tw.to - tw.from) * p;
}

glm::quat tween_value(const Tween<glm::quat>& tw, Micros t) {
  const float p = tw.progress(t);
  if (p >= 1.0f) return tw.to;
  return slerp_shortest(tw.from, tw.to, p);
}

float tween_value(const Tween<float>& tw, Micros t) {
  const float p = tw.progress(t);
  if (p >= 1.0f) return tw.to;
  return tw.from + (tw.to - tw.from) * p;
}

namespace {

Micros property_since(const NodeState& n, AnimPath path) {
  switch (path) {
    case AnimPath::translation:
      return n.translation.start;
    case AnimPath::rotation:
      return n.rotation.start;
    case AnimPath::scale:
      return n.scale.start;
    case AnimPath::weights:
      return n.weights_since;
  }
  return kNever;
}

std::span<const bundle::ChannelRecord> clip_channels(const bundle::Bundle& b, std::uint32_t anim) {
  const bundle::AnimationRecord& a = b.animations()[anim];
  return b.channels().subspan(a.first_channel, a.channel_count);
}

}  // namespace

Poser::Poser(const bundle::Bundle& bundle, const Layout& layout)
    : bundle_(bundle), layout_(layout) {}

float Poser::clip_time(const ActiveClip& clip, Micros t) const {
  const Micros elapsed = std::max<Micros>(0, t - clip.start);
  const Micros length = layout_.clip_duration[clip.animation];
  if (clip.repeats > 0 && elapsed >= clamp_product(length, clip.repeats))
    return bundle_.animations()[clip.animation].duration;
  if (length <= 0) return 0.0f;
  return static_cast<float>(to_seconds(elapsed % length));
}

bool Poser::clip_drives(const SceneState& state, const ActiveClip& clip,
                        const bundle::ChannelRecord& channel) const {
  return clip.start >= property_since(state.nodes[channel.node], channel.path);
}

void Poser::evaluate(const SceneState& state, Micros t, Pose& out) const {
  const std::size_t n = state.nodes.size();
  out.translation.resize(n);
  out.rotation.resize(n);
  out.scale.resize(n);
  out.opacity.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    const NodeState& s = state.nodes[i];
    out.translation[i] = tween_value(s.translation, t);
    out.rotation[i] = tween_value(s.rotation, t);
    out.scale[i] = tween_value(s.scale, t);
    out.opacity[i] = tween_value(s.opacity, t);
  }
  out.weights.assign(state.held_weights.begin(), state.held_weights.end());
  std::array<float, 4> v{};
  for (const ActiveClip& clip : state.clips) {
    const float local = clip_time(clip, t);
    for (const bundle::ChannelRecord& ch : clip_channels(bundle_, clip.animation)) {
      if (!clip_drives(state, clip, ch)) continue;
      switch (ch.path) {
        case AnimPath::translation:
          sample_channel(bundle_, ch, local, v);
          out.translation[ch.node] = glm::vec3(v[0], v[1], v[2]);
          break;
        case AnimPath::rotation:
          sample_channel(bundle_, ch, local, v);
          out.rotation[ch.node] = quat_xyzw(v.data());
          break;
        case AnimPath::scale:
          sample_channel(bundle_, ch, local, v);
          out.scale[ch.node] = glm::vec3(v[0], v[1], v[2]);
          break;
        case AnimPath::weights: {
          const std::uint32_t count = layout_.weight_count[ch.node];
          if (ch.components != count) break;  // the reader guarantees equality
          sample_channel(
              bundle_, ch, local,
              std::span<float>(out.weights).subspan(layout_.weight_offset[ch.node], count));
          break;
        }
      }
    }
  }
}

void Poser::property(const SceneState& state, std::uint32_t node, AnimPath path, Micros t,
                     std::span<float> out) const {
  const NodeState& s = state.nodes[node];
  switch (path) {
    case AnimPath::translation:
    case AnimPath::scale: {
      TRIALXR_CHECK(out.size() >= 3);
      const glm::vec3 v = tween_value(path == AnimPath::translation ? s.translation : s.scale, t);
      out[0] = v.x;
      out[1] = v.y;
      out[2] = v.z;
      break;
    }
    case AnimPath::rotation: {
      TRIALXR_CHECK(out.size() >= 4);
      const glm::quat q = tween_value(s.rotation, t);
      out[0] = q.x;
      out[1] = q.y;
      out[2] = q.z;
      out[3] = q.w;
      break;
    }
    case AnimPath::weights: {
      const std::uint32_t count = layout_.weight_count[node];
      TRIALXR_CHECK(out.size() >= count);
      const auto held =
          std::span<const float>(state.held_weights).subspan(layout_.weight_offset[node], count);
      std::copy(held.begin(), held.end(), out.begin());
      break;
    }
  }
  // The clip started last that drives this property, if any, overrides.
  for (auto it = state.clips.rbegin(); it != state.clips.rend(); ++it) {
    for (const bundle::ChannelRecord& ch : clip_channels(bundle_, it->animation)) {
      if (ch.node != node || ch.path != path || !clip_drives(state, *it, ch)) continue;
      if (path == AnimPath::weights && ch.components != layout_.weight_count[node]) continue;
      sample_channel(bundle_, ch, clip_time(*it, t), out);
      return;
    }
  }
}

void Poser::bake(SceneState& state, std::size_t index, Micros t) const {
  const ActiveClip clip = state.clips[index];
  std::array<float, 4> v{};
  for (const bundle::ChannelRecord& ch : clip_channels(bundle_, clip.animation)) {
    if (!clip_drives(state, clip, ch)) continue;
    // A clip started later that animates the same property wins it; leave that alone.
    bool overridden = false;
    for (std::size_t j = index + 1; j < state.clips.size() && !overridden; ++j)
      for (const bundle::ChannelRecord& other : clip_channels(bundle_, state.clips[j].animation))
        if (other.node == ch.node && other.path == ch.path) overridden = true;
    if (overridden) continue;
    NodeState& n = state.nodes[ch.node];
    const float local = clip_time(clip, t);
    switch (ch.path) {
      case AnimPath::translation:
        sample_channel(bundle_, ch, local, v);
        n.translation.set(glm::vec3(v[0], v[1], v[2]), t);
        break;
      case AnimPath::rotation:
        sample_channel(bundle_, ch, local, v);
        n.rotation.set(quat_xyzw(v.data()), t);
        break;
      case AnimPath::scale:
        sample_channel(bundle_, ch, local, v);
        n.scale.set(glm::vec3(v[0], v[1], v[2]), t);
        break;
      case AnimPath::weights: {
        const std::uint32_t count = layout_.weight_count[ch.node];
        if (ch.components != count) break;
        sample_channel(
            bundle_, ch, local,
            std::span<float>(state.held_weights).subspan(layout_.weight_offset[ch.node], count));
        n.weights_since = t;
        break;
      }
    }
  }
}

}  // namespace trialxr::scene::detail
