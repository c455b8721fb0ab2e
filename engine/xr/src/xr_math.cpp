#include "xr_math.h"

#include <cmath>
#include <glm/gtc/matrix_transform.hpp>

namespace trialxr::xr {

Pose to_pose(const XrPosef& p) {
  return {{p.position.x, p.position.y, p.position.z},
          glm::quat(p.orientation.w, p.orientation.x, p.orientation.y, p.orientation.z)};
}

XrPosef to_xr(const Pose& p) {
  XrPosef out{};
  out.position = {p.position.x, p.position.y, p.position.z};
  out.orientation = {p.orientation.x, p.orientation.y, p.orientation.z, p.orientation.w};
  return out;
}

glm::mat4 projection(const XrFovf& fov, float n, float f) {
  const float l = std::tan(fov.angleLeft), r = std::tan(fov.angleRight);
  const float d = std::tan(fov.angleDown), u = std::tan(fov.angleUp);
  glm::mat4 m(0.0f);
  m[0][0] = 2.0f / (r - l);
  m[2][0] = (r + l) / (r - l);
  // Vulkan: y points down in clip space.
  m[1][1] = -2.0f / (u - d);
  m[2][1] = -(u + d) / (u - d);
  m[2][2] = f / (n - f);
  m[3][2] = n * f / (n - f);
  m[2][3] = -1.0f;
  return m;
}

render::View view_from(const XrView& v, const glm::vec3& origin) {
  const Pose p = to_pose(v.pose);
  glm::mat4 eye_to_world =
      glm::translate(glm::mat4(1.0f), origin + p.position) * glm::mat4_cast(p.orientation);
  render::View out;
  out.view = glm::inverse(eye_to_world);
  out.projection = projection(v.fov, kNearPlane, kFarPlane);
  out.eye_position = origin + p.position;
  return out;
}

}  // namespace trialxr::xr
