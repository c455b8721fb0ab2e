// The player's input actions: select, menu (pause) and the aim pose, with suggested
// bindings for the common controllers, and a haptic tick on select.
#pragma once
#include <vector>

#include "trialxr/xr/xr_host.h"
#include "xr_call.h"

namespace trialxr::xr {

class XrInput {
 public:
  // Creates the action set and actions and suggests bindings for every profile the
  // runtime accepts (a profile it does not know is skipped, not an error).
  Status create(XrInstance instance, XrSession session);
  ~XrInput();
  // Syncs the actions (only while focused) and fills the frame's input fields.
  Status sync(XrSession session, XrSpace base, XrTime time, bool focused, XrFrame& frame);
  void haptic_tick(XrSession session);

 private:
  XrInstance instance_ = XR_NULL_HANDLE;
  XrActionSet set_ = XR_NULL_HANDLE;
  XrAction select_ = XR_NULL_HANDLE;
  XrAction menu_ = XR_NULL_HANDLE;
  XrAction aim_ = XR_NULL_HANDLE;
  XrAction haptic_ = XR_NULL_HANDLE;
  XrPath hands_[2] = {XR_NULL_PATH, XR_NULL_PATH};
  XrSpace aim_spaces_[2] = {XR_NULL_HANDLE, XR_NULL_HANDLE};
  bool select_was_down_ = false;
  bool menu_was_down_ = false;
};

}  // namespace trialxr::xr
