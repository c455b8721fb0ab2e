// Quaternion helpers shared by the sampler and the rotate tween: glm's (w, x, y, z)
// quaternions, shortest-path slerp, normalisation that survives a zero quaternion.
#pragma once

#include <glm/gtc/quaternion.hpp>

namespace trialxr::scene::detail {

// Unit quaternion, or the identity for a zero (or non-finite-length) one.
glm::quat safe_normalize(const glm::quat& q);

// Spherical interpolation on the shortest path; normalised. s in [0, 1].
glm::quat slerp_shortest(const glm::quat& a, const glm::quat& b, float s);

// From the bundle's x, y, z, w order.
inline glm::quat quat_xyzw(const float* v) {
  return glm::quat(v[3], v[0], v[1], v[2]);
}

}  // namespace trialxr::scene::detail
