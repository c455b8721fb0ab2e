// Reference and action spaces, locating them, and the views of PRIMARY_STEREO. Every pose is
// computed in LOCAL: its origin is the head's starting point at the eyes; the head and the
// controllers move as the control API says; STAGE lies eye_height below LOCAL.
#include <algorithm>
#include <optional>

#include "actions.h"
#include "entry_points.h"
#include "runtime.h"

namespace trialxr::xrt {
namespace {

// The space's origin in LOCAL, or nothing when it cannot be located now.
std::optional<XrPosef> pose_in_local(const Runtime& rt, const Session& session,
                                     const Space& space) {
  if (space.is_action) {
    const std::optional<Source> source = pose_source(session, *space.action, space.subaction);
    if (!source) return std::nullopt;
    return compose(source_pose(rt.device, *source), space.offset);
  }
  switch (space.reference) {
    case XR_REFERENCE_SPACE_TYPE_VIEW:
      return compose(rt.device.head, space.offset);
    case XR_REFERENCE_SPACE_TYPE_STAGE:
      return compose(XrPosef{{0, 0, 0, 1}, {0, -rt.device.eye_height, 0}}, space.offset);
    default:
      return space.offset;
  }
}

bool supports_reference_space(const Session& session, XrReferenceSpaceType type) {
  return std::find(session.reference_spaces.begin(), session.reference_spaces.end(), type) !=
         session.reference_spaces.end();
}

XrSpace add_space(Runtime& rt, std::unique_ptr<Space> space) {
  space->id = rt.new_id();
  const XrSpace handle = to_handle<XrSpace>(space->id);
  rt.spaces.emplace(space->id, std::move(space));
  return handle;
}

}  // namespace

XrResult xrEnumerateReferenceSpaces(XrSession session, uint32_t capacity, uint32_t* count,
                                    XrReferenceSpaceType* spaces) {
  auto lock = lock_runtime();
  Session* s = nullptr;
  if (XrResult r = runtime().get(session, s); XR_FAILED(r)) return r;
  return enumerate(capacity, count, spaces, s->reference_spaces);
}

XrResult xrCreateReferenceSpace(XrSession session, const XrReferenceSpaceCreateInfo* info,
                                XrSpace* space) {
  auto lock = lock_runtime();
  Runtime& rt = runtime();
  Session* s = nullptr;
  if (XrResult r = rt.get(session, s); XR_FAILED(r)) return r;
  if (info == nullptr || space == nullptr || info->type != XR_TYPE_REFERENCE_SPACE_CREATE_INFO)
    return XR_ERROR_VALIDATION_FAILURE;
  if (!supports_reference_space(*s, info->referenceSpaceType))
    return XR_ERROR_REFERENCE_SPACE_UNSUPPORTED;
  if (!pose_valid(info->poseInReferenceSpace)) return XR_ERROR_POSE_INVALID;
  auto created = std::make_unique<Space>();
  created->session = s->id;
  created->reference = info->referenceSpaceType;
  created->offset = info->poseInReferenceSpace;
  *space = add_space(rt, std::move(created));
  return XR_SUCCESS;
}

XrResult xrGetReferenceSpaceBoundsRect(XrSession session, XrReferenceSpaceType type,
                                       XrExtent2Df* bounds) {
  auto lock = lock_runtime();
  Runtime& rt = runtime();
  Session* s = nullptr;
  if (XrResult r = rt.get(session, s); XR_FAILED(r)) return r;
  if (bounds == nullptr) return XR_ERROR_VALIDATION_FAILURE;
  if (!supports_reference_space(*s, type)) return XR_ERROR_REFERENCE_SPACE_UNSUPPORTED;
  if (type != XR_REFERENCE_SPACE_TYPE_STAGE) {
    *bounds = {0.0f, 0.0f};
    return XR_SPACE_BOUNDS_UNAVAILABLE;
  }
  *bounds = rt.device.stage_bounds;
  return XR_SUCCESS;
}

XrResult xrCreateActionSpace(XrSession session, const XrActionSpaceCreateInfo* info,
                             XrSpace* space) {
  auto lock = lock_runtime();
  Runtime& rt = runtime();
  Session* s = nullptr;
  if (XrResult r = rt.get(session, s); XR_FAILED(r)) return r;
  if (info == nullptr || space == nullptr || info->type != XR_TYPE_ACTION_SPACE_CREATE_INFO)
    return XR_ERROR_VALIDATION_FAILURE;
  ActionData* action = nullptr;
  if (XrResult r = rt.get(info->action, action); XR_FAILED(r)) return r;
  if (action->type != XR_ACTION_TYPE_POSE_INPUT) return XR_ERROR_ACTION_TYPE_MISMATCH;
  if (XrResult r = check_subaction(*rt.instance, *action, info->subactionPath); XR_FAILED(r))
    return r;
  if (!pose_valid(info->poseInActionSpace)) return XR_ERROR_POSE_INVALID;
  auto created = std::make_unique<Space>();
  created->session = s->id;
  created->is_action = true;
  created->action = rt.actions.at(action->id);
  created->subaction = info->subactionPath;
  created->offset = info->poseInActionSpace;
  *space = add_space(rt, std::move(created));
  return XR_SUCCESS;
}

XrResult xrDestroySpace(XrSpace space) {
  auto lock = lock_runtime();
  Space* sp = nullptr;
  Session* s = nullptr;
  if (XrResult r = runtime().get(space, sp, s, true); XR_FAILED(r)) return r;
  runtime().spaces.erase(sp->id);
  return XR_SUCCESS;
}

XrResult xrLocateSpace(XrSpace space, XrSpace base_space, XrTime time, XrSpaceLocation* location) {
  auto lock = lock_runtime();
  Runtime& rt = runtime();
  Space* target = nullptr;
  Space* base = nullptr;
  Session* s = nullptr;
  Session* base_session = nullptr;
  if (XrResult r = rt.get(space, target, s); XR_FAILED(r)) return r;
  if (XrResult r = rt.get(base_space, base, base_session); XR_FAILED(r)) return r;
  if (s != base_session || location == nullptr || location->type != XR_TYPE_SPACE_LOCATION)
    return XR_ERROR_VALIDATION_FAILURE;
  auto* velocity = reinterpret_cast<XrSpaceVelocity*>(
      const_cast<XrBaseInStructure*>(find_in_chain(location->next, XR_TYPE_SPACE_VELOCITY)));
  if (time <= 0) return XR_ERROR_TIME_INVALID;
  const std::optional<XrPosef> target_pose = pose_in_local(rt, *s, *target);
  const std::optional<XrPosef> base_pose = pose_in_local(rt, *s, *base);
  const bool located = target_pose && base_pose;
  location->locationFlags = located ? XR_SPACE_LOCATION_ORIENTATION_VALID_BIT |
                                          XR_SPACE_LOCATION_POSITION_VALID_BIT |
                                          XR_SPACE_LOCATION_ORIENTATION_TRACKED_BIT |
                                          XR_SPACE_LOCATION_POSITION_TRACKED_BIT
                                    : 0;
  location->pose = located ? relative(*base_pose, *target_pose) : kIdentityPose;
  if (velocity != nullptr) {
    // Scripted poses hold still between control calls.
    velocity->velocityFlags =
        located ? XR_SPACE_VELOCITY_LINEAR_VALID_BIT | XR_SPACE_VELOCITY_ANGULAR_VALID_BIT : 0;
    velocity->linearVelocity = {0.0f, 0.0f, 0.0f};
    velocity->angularVelocity = {0.0f, 0.0f, 0.0f};
  }
  return XR_SUCCESS;
}

XrResult xrLocateViews(XrSession session, const XrViewLocateInfo* info, XrViewState* state,
                       uint32_t capacity, uint32_t* count, XrView* views) {
  auto lock = lock_runtime();
  Runtime& rt = runtime();
  Session* s = nullptr;
  if (XrResult r = rt.get(session, s); XR_FAILED(r)) return r;
  if (info == nullptr || state == nullptr || count == nullptr ||
      info->type != XR_TYPE_VIEW_LOCATE_INFO || state->type != XR_TYPE_VIEW_STATE)
    return XR_ERROR_VALIDATION_FAILURE;
  if (info->viewConfigurationType != XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO)
    return XR_ERROR_VIEW_CONFIGURATION_TYPE_UNSUPPORTED;
  // Only the view configuration the session was begun with may be located.
  if (info->viewConfigurationType != s->view_configuration) return XR_ERROR_VALIDATION_FAILURE;
  if (info->displayTime <= 0) return XR_ERROR_TIME_INVALID;
  Space* space = nullptr;
  Session* space_session = nullptr;
  if (XrResult r = rt.get(info->space, space, space_session); XR_FAILED(r)) return r;
  if (space_session != s) return XR_ERROR_VALIDATION_FAILURE;
  *count = kViewCount;
  if (capacity == 0) return XR_SUCCESS;
  if (views == nullptr) return XR_ERROR_VALIDATION_FAILURE;
  if (capacity < kViewCount) return XR_ERROR_SIZE_INSUFFICIENT;
  for (uint32_t i = 0; i < kViewCount; ++i)
    if (views[i].type != XR_TYPE_VIEW) return XR_ERROR_VALIDATION_FAILURE;
  const std::optional<XrPosef> base = pose_in_local(rt, *s, *space);
  state->viewStateFlags =
      base ? XR_VIEW_STATE_ORIENTATION_VALID_BIT | XR_VIEW_STATE_POSITION_VALID_BIT |
                 XR_VIEW_STATE_ORIENTATION_TRACKED_BIT | XR_VIEW_STATE_POSITION_TRACKED_BIT
           : 0;
  const float half_ipd = rt.device.ipd * 0.5f;
  for (uint32_t i = 0; i < kViewCount; ++i) {
    // View 0 is the left eye.
    const XrPosef eye{{0, 0, 0, 1}, {i == 0 ? -half_ipd : half_ipd, 0.0f, 0.0f}};
    views[i].pose = base ? relative(*base, compose(rt.device.head, eye)) : kIdentityPose;
    views[i].fov = rt.device.fov;
  }
  return XR_SUCCESS;
}

}  // namespace trialxr::xrt
