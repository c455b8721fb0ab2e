// Actions as the simulated controllers drive them: binding resolution in the current
// interaction profile, state at xrSyncActions, and the pose behind an action space.
#pragma once

#include <optional>

#include "runtime.h"

namespace trialxr::xrt {

// The controller input a pose action space follows, if the action was active for
// `subaction` (XR_NULL_PATH: any) at the last xrSyncActions.
std::optional<Source> pose_source(const Session& session, const ActionData& action,
                                  XrPath subaction);

// The pose of a controller input in LOCAL (grip and aim coincide on the simulated
// controllers).
XrPosef source_pose(const Device& device, const Source& source);

// XR_SUCCESS when `subaction` is XR_NULL_PATH or one the action was created with;
// XR_ERROR_PATH_INVALID for a value that is no path at all, else XR_ERROR_PATH_UNSUPPORTED.
XrResult check_subaction(const Instance& instance, const ActionData& action, XrPath subaction);

// Whether the action's set is attached to the session.
bool attached_to(const Session& session, const ActionData& action);

}  // namespace trialxr::xrt
