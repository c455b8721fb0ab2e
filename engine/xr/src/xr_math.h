// OpenXR poses and fields of view as the renderer's views (Vulkan clip space).
#pragma once
#include "trialxr/render/frame_input.h"
#include "trialxr/xr/xr_host.h"
#include "xr_call.h"

namespace trialxr::xr {

Pose to_pose(const XrPosef& p);
XrPosef to_xr(const Pose& p);
// The views' clip planes in metres. Depth is not reversed: the near plane maps to 0, the
// far plane to 1 (what XrCompositionLayerDepthInfoKHR's nearZ and farZ describe).
inline constexpr float kNearPlane = 0.05f;
inline constexpr float kFarPlane = 50.0f;

// Asymmetric projection for `fov` (right-handed, depth 0..1, y down).
glm::mat4 projection(const XrFovf& fov, float near_plane, float far_plane);
// The scene's coordinates put the seated eye at (0, 1.2, 0); LOCAL space puts it at 0.
render::View view_from(const XrView& view, const glm::vec3& origin);

}  // namespace trialxr::xr
