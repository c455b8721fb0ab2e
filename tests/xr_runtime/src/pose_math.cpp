#include "pose_math.h"

#include <cmath>

namespace trialxr::xrt {

XrQuaternionf multiply(const XrQuaternionf& a, const XrQuaternionf& b) {
  return {
      a.w * b.x + a.x * b.w + a.y * b.z - a.z * b.y, a.w * b.y - a.x * b.z + a.y * b.w + a.z * b.x,
      a.w * b.z + a.x * b.y - a.y * b.x + a.z * b.w, a.w * b.w - a.x * b.x - a.y * b.y - a.z * b.z};
}

XrVector3f rotate(const XrQuaternionf& q, const XrVector3f& v) {
  // v' = v + 2w (u x v) + 2 u x (u x v), u = (x, y, z)
  const XrVector3f u{q.x, q.y, q.z};
  const XrVector3f t{2.0f * (u.y * v.z - u.z * v.y), 2.0f * (u.z * v.x - u.x * v.z),
                     2.0f * (u.x * v.y - u.y * v.x)};
  return {v.x + q.w * t.x + (u.y * t.z - u.z * t.y), v.y + q.w * t.y + (u.z * t.x - u.x * t.z),
          v.z + q.w * t.z + (u.x * t.y - u.y * t.x)};
}

XrPosef compose(const XrPosef& a, const XrPosef& b) {
  const XrVector3f p = rotate(a.orientation, b.position);
  return {multiply(a.orientation, b.orientation),
          {a.position.x + p.x, a.position.y + p.y, a.position.z + p.z}};
}

XrPosef inverse(const XrPosef& p) {
  const XrQuaternionf q{-p.orientation.x, -p.orientation.y, -p.orientation.z, p.orientation.w};
  const XrVector3f t = rotate(q, p.position);
  return {q, {-t.x, -t.y, -t.z}};
}

XrPosef relative(const XrPosef& base, const XrPosef& target) {
  return compose(inverse(base), target);
}

bool pose_valid(const XrPosef& p) {
  const float values[] = {p.orientation.x, p.orientation.y, p.orientation.z, p.orientation.w,
                          p.position.x,    p.position.y,    p.position.z};
  for (float v : values)
    if (!std::isfinite(v)) return false;
  const float length =
      std::sqrt(p.orientation.x * p.orientation.x + p.orientation.y * p.orientation.y +
                p.orientation.z * p.orientation.z + p.orientation.w * p.orientation.w);
  return std::fabs(length - 1.0f) <= 1e-3f;
}

}  // namespace trialxr::xrt
