#include "scene_state.h"

#include "trialxr/scene/easing.h"

namespace trialxr::scene::detail {

template <class T>
float Tween<T>::progress(Micros t) const {
  if (duration <= 0 || t >= start + duration) return 1.0f;
  if (t <= start) return 0.0f;
  const double u = static_cast<double>(t - start) / static_cast<double>(duration);
  return ease(easing, static_cast<float>(u));
}

template struct Tween<glm::vec3>;
template struct Tween<glm::quat>;
template struct Tween<float>;

void SceneState::shift(Micros delta) {
  for (NodeState& n : nodes) {
    n.translation.start = shifted(n.translation.start, delta);
    n.rotation.start = shifted(n.rotation.start, delta);
    n.scale.start = shifted(n.scale.start, delta);
    n.opacity.start = shifted(n.opacity.start, delta);
    n.weights_since = shifted(n.weights_since, delta);
    n.highlight_until = shifted(n.highlight_until, delta);
  }
  for (ActiveClip& c : clips) c.start = shifted(c.start, delta);
  for (ActiveLabel& l : labels) l.until = shifted(l.until, delta);
  for (Narration& n : narration) {
    n.start = shifted(n.start, delta);
    n.end = shifted(n.end, delta);
  }
}

}  // namespace trialxr::scene::detail
