#include "trialxr/stage/camera.h"

#include <glm/gtc/matrix_transform.hpp>

namespace trialxr::stage {

glm::mat4 vulkan_perspective(float vertical_fov_degrees, float aspect, float near_plane,
                             float far_plane) {
  glm::mat4 p =
      glm::perspectiveRH_ZO(glm::radians(vertical_fov_degrees), aspect, near_plane, far_plane);
  p[1][1] *= -1.0f;  // Vulkan's clip space has y pointing down
  return p;
}

std::vector<render::View> camera_views(const SeatedCamera& camera, std::uint32_t width,
                                       std::uint32_t height, bool stereo) {
  glm::mat4 head = glm::translate(glm::mat4(1.0f), camera.eye);
  head = glm::rotate(head, glm::radians(camera.yaw_degrees), glm::vec3(0, 1, 0));
  head = glm::rotate(head, glm::radians(camera.pitch_degrees), glm::vec3(1, 0, 0));
  float aspect = static_cast<float>(width) / static_cast<float>(height > 0 ? height : 1);
  glm::mat4 projection =
      vulkan_perspective(camera.vertical_fov_degrees, aspect, camera.near_plane, camera.far_plane);
  std::vector<render::View> views;
  auto add = [&](float x_offset) {
    glm::mat4 eye_to_world = glm::translate(head, glm::vec3(x_offset, 0.0f, 0.0f));
    render::View v;
    v.view = glm::inverse(eye_to_world);
    v.projection = projection;
    v.eye_position = glm::vec3(eye_to_world[3]);
    views.push_back(v);
  };
  if (stereo) {
    add(-camera.ipd_metres * 0.5f);
    add(camera.ipd_metres * 0.5f);
  } else {
    add(0.0f);
  }
  return views;
}

}  // namespace trialxr::stage
