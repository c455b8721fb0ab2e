// The seated viewer's camera for hosts without head tracking (headless, desktop):
// eyes 1.2 m above the floor at the origin, looking ahead (-Z), with an optional
// yaw/pitch from mouse look and a small offset from keyboard moves.
#pragma once

#include <glm/glm.hpp>
#include <vector>

#include "trialxr/render/frame_input.h"

namespace trialxr::stage {

struct SeatedCamera {
  glm::vec3 eye{0.0f, 1.2f, 0.0f};
  float yaw_degrees = 0.0f;      // positive turns left
  float pitch_degrees = -12.0f;  // a little down: content sits on a table in front
  float vertical_fov_degrees = 60.0f;
  float near_plane = 0.05f;
  float far_plane = 50.0f;
  float ipd_metres = 0.063f;  // between the eyes, for stereo
};

// Right-handed, Vulkan clip space (y down, depth 0..1).
glm::mat4 vulkan_perspective(float vertical_fov_degrees, float aspect, float near_plane,
                             float far_plane);

// One view (mono) or two (left, right), for an image of `width` x `height` per view.
std::vector<render::View> camera_views(const SeatedCamera& camera, std::uint32_t width,
                                       std::uint32_t height, bool stereo);

}  // namespace trialxr::stage
