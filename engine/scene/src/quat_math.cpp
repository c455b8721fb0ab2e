#include "quat_math.h"

#include <cmath>

namespace trialxr::scene::detail {

glm::quat safe_normalize(const glm::quat& q) {
  const float len2 = q.x * q.x + q.y * q.y + q.z * q.z + q.w * q.w;
  if (!(len2 > 0.0f) || !std::isfinite(len2)) return glm::quat(1.0f, 0.0f, 0.0f, 0.0f);
  const float inv = 1.0f / std::sqrt(len2);
  return glm::quat(q.w * inv, q.x * inv, q.y * inv, q.z * inv);
}

glm::quat slerp_shortest(const glm::quat& a, const glm::quat& b_in, float s) {
  glm::quat b = b_in;
  float cos_theta = a.x * b.x + a.y * b.y + a.z * b.z + a.w * b.w;
  if (cos_theta < 0.0f) {
    b = glm::quat(-b.w, -b.x, -b.y, -b.z);
    cos_theta = -cos_theta;
  }
  float wa = 1.0f - s;
  float wb = s;
  if (cos_theta < 0.9995f) {
    const float theta = std::acos(cos_theta);
    const float sin_theta = std::sin(theta);
    wa = std::sin((1.0f - s) * theta) / sin_theta;
    wb = std::sin(s * theta) / sin_theta;
  }
  return safe_normalize(glm::quat(wa * a.w + wb * b.w, wa * a.x + wb * b.x, wa * a.y + wb * b.y,
                                  wa * a.z + wb * b.z));
}

}  // namespace trialxr::scene::detail
