#include "xr_input.h"

#include <cstring>
#include <string>
#include <utility>

#include "xr_math.h"

namespace trialxr::xr {

namespace {

XrPath path(XrInstance instance, const char* text) {
  XrPath p = XR_NULL_PATH;
  xrStringToPath(instance, text, &p);
  return p;
}

Result<XrAction> action(XrInstance instance, XrActionSet set, const char* name,
                        const char* localized, XrActionType type, const XrPath* hands) {
  auto info = xr_struct<XrActionCreateInfo>(XR_TYPE_ACTION_CREATE_INFO);
  std::strncpy(info.actionName, name, XR_MAX_ACTION_NAME_SIZE - 1);
  std::strncpy(info.localizedActionName, localized, XR_MAX_LOCALIZED_ACTION_NAME_SIZE - 1);
  info.actionType = type;
  info.countSubactionPaths = 2;
  info.subactionPaths = hands;
  XrAction a = XR_NULL_HANDLE;
  XR_TRY(instance, xrCreateAction(set, &info, &a));
  return a;
}

// (profile, [(action slot, binding path)]); slots: 0 select, 1 menu, 2 aim, 3 haptic.
struct Binding {
  int slot;
  const char* path;
};
struct Profile {
  const char* profile;
  std::vector<Binding> bindings;
};

std::vector<Profile> profiles() {
  return {
      {"/interaction_profiles/khr/simple_controller",
       {{0, "/user/hand/left/input/select/click"},
        {0, "/user/hand/right/input/select/click"},
        {1, "/user/hand/left/input/menu/click"},
        {1, "/user/hand/right/input/menu/click"},
        {2, "/user/hand/left/input/aim/pose"},
        {2, "/user/hand/right/input/aim/pose"},
        {3, "/user/hand/left/output/haptic"},
        {3, "/user/hand/right/output/haptic"}}},
      {"/interaction_profiles/oculus/touch_controller",
       {{0, "/user/hand/left/input/trigger/value"},
        {0, "/user/hand/right/input/trigger/value"},
        {1, "/user/hand/left/input/menu/click"},
        {2, "/user/hand/left/input/aim/pose"},
        {2, "/user/hand/right/input/aim/pose"},
        {3, "/user/hand/left/output/haptic"},
        {3, "/user/hand/right/output/haptic"}}},
      {"/interaction_profiles/valve/index_controller",
       {{0, "/user/hand/left/input/trigger/click"},
        {0, "/user/hand/right/input/trigger/click"},
        {1, "/user/hand/left/input/b/click"},
        {1, "/user/hand/right/input/b/click"},
        {2, "/user/hand/left/input/aim/pose"},
        {2, "/user/hand/right/input/aim/pose"},
        {3, "/user/hand/left/output/haptic"},
        {3, "/user/hand/right/output/haptic"}}},
      {"/interaction_profiles/htc/vive_controller",
       {{0, "/user/hand/left/input/trigger/click"},
        {0, "/user/hand/right/input/trigger/click"},
        {1, "/user/hand/left/input/menu/click"},
        {1, "/user/hand/right/input/menu/click"},
        {2, "/user/hand/left/input/aim/pose"},
        {2, "/user/hand/right/input/aim/pose"},
        {3, "/user/hand/left/output/haptic"},
        {3, "/user/hand/right/output/haptic"}}},
      {"/interaction_profiles/microsoft/motion_controller",
       {{0, "/user/hand/left/input/trigger/value"},
        {0, "/user/hand/right/input/trigger/value"},
        {1, "/user/hand/left/input/menu/click"},
        {1, "/user/hand/right/input/menu/click"},
        {2, "/user/hand/left/input/aim/pose"},
        {2, "/user/hand/right/input/aim/pose"},
        {3, "/user/hand/left/output/haptic"},
        {3, "/user/hand/right/output/haptic"}}},
  };
}

}  // namespace

Status XrInput::create(XrInstance instance, XrSession session) {
  instance_ = instance;
  hands_[0] = path(instance, "/user/hand/left");
  hands_[1] = path(instance, "/user/hand/right");
  auto set_info = xr_struct<XrActionSetCreateInfo>(XR_TYPE_ACTION_SET_CREATE_INFO);
  std::strncpy(set_info.actionSetName, "patient", XR_MAX_ACTION_SET_NAME_SIZE - 1);
  std::strncpy(set_info.localizedActionSetName, "Patient",
               XR_MAX_LOCALIZED_ACTION_SET_NAME_SIZE - 1);
  XR_TRY(instance, xrCreateActionSet(instance, &set_info, &set_));
  auto select = action(instance, set_, "select", "Select", XR_ACTION_TYPE_BOOLEAN_INPUT, hands_);
  if (!select) return tl::unexpected(select.error());
  auto menu = action(instance, set_, "menu", "Pause", XR_ACTION_TYPE_BOOLEAN_INPUT, hands_);
  if (!menu) return tl::unexpected(menu.error());
  auto aim = action(instance, set_, "aim", "Aim", XR_ACTION_TYPE_POSE_INPUT, hands_);
  if (!aim) return tl::unexpected(aim.error());
  auto haptic =
      action(instance, set_, "tick", "Haptic tick", XR_ACTION_TYPE_VIBRATION_OUTPUT, hands_);
  if (!haptic) return tl::unexpected(haptic.error());
  select_ = *select;
  menu_ = *menu;
  aim_ = *aim;
  haptic_ = *haptic;
  const XrAction slots[4] = {select_, menu_, aim_, haptic_};
  for (const Profile& p : profiles()) {
    std::vector<XrActionSuggestedBinding> suggested;
    for (const Binding& b : p.bindings)
      suggested.push_back({slots[b.slot], path(instance, b.path)});
    auto info = xr_struct<XrInteractionProfileSuggestedBinding>(
        XR_TYPE_INTERACTION_PROFILE_SUGGESTED_BINDING);
    info.interactionProfile = path(instance, p.profile);
    info.countSuggestedBindings = static_cast<std::uint32_t>(suggested.size());
    info.suggestedBindings = suggested.data();
    xrSuggestInteractionProfileBindings(instance, &info);  // a profile it lacks is no error
  }
  for (int h = 0; h < 2; ++h) {
    auto space = xr_struct<XrActionSpaceCreateInfo>(XR_TYPE_ACTION_SPACE_CREATE_INFO);
    space.action = aim_;
    space.subactionPath = hands_[h];
    space.poseInActionSpace.orientation.w = 1.0f;
    XR_TRY(instance, xrCreateActionSpace(session, &space, &aim_spaces_[h]));
  }
  auto attach = xr_struct<XrSessionActionSetsAttachInfo>(XR_TYPE_SESSION_ACTION_SETS_ATTACH_INFO);
  attach.countActionSets = 1;
  attach.actionSets = &set_;
  XR_TRY(instance, xrAttachSessionActionSets(session, &attach));
  return {};
}

XrInput::~XrInput() {
  for (XrSpace s : aim_spaces_)
    if (s != XR_NULL_HANDLE) xrDestroySpace(s);
  if (set_ != XR_NULL_HANDLE) xrDestroyActionSet(set_);  // destroys its actions too
}

Status XrInput::sync(XrSession session, XrSpace base, XrTime time, bool focused, XrFrame& frame) {
  if (!focused) {  // actions only sync while focused
    select_was_down_ = menu_was_down_ = false;
    return {};
  }
  XrActiveActionSet active{set_, XR_NULL_PATH};
  auto sync = xr_struct<XrActionsSyncInfo>(XR_TYPE_ACTIONS_SYNC_INFO);
  sync.countActiveActionSets = 1;
  sync.activeActionSets = &active;
  XrResult r = xrSyncActions(session, &sync);
  if (r == XR_SESSION_NOT_FOCUSED || r == XR_ERROR_SESSION_LOST)
    return {};  // the frame loop sees a loss
  XR_TRY(instance_, r);
  auto pressed = [&](XrAction a, bool& was_down) {
    auto get = xr_struct<XrActionStateGetInfo>(XR_TYPE_ACTION_STATE_GET_INFO);
    get.action = a;
    auto state = xr_struct<XrActionStateBoolean>(XR_TYPE_ACTION_STATE_BOOLEAN);
    const bool down = XR_SUCCEEDED(xrGetActionStateBoolean(session, &get, &state)) &&
                      state.isActive && state.currentState;
    const bool edge = down && !was_down;
    was_down = down;
    return edge;
  };
  frame.select_pressed = pressed(select_, select_was_down_);
  frame.menu_pressed = pressed(menu_, menu_was_down_);
  for (int h = 1; h >= 0 && !frame.aim_valid; --h) {  // the right hand first
    auto location = xr_struct<XrSpaceLocation>(XR_TYPE_SPACE_LOCATION);
    if (XR_SUCCEEDED(xrLocateSpace(aim_spaces_[h], base, time, &location)) &&
        (location.locationFlags & XR_SPACE_LOCATION_POSITION_VALID_BIT) &&
        (location.locationFlags & XR_SPACE_LOCATION_ORIENTATION_VALID_BIT)) {
      frame.aim_valid = true;
      frame.aim = to_pose(location.pose);
    }
  }
  return {};
}

void XrInput::haptic_tick(XrSession session) {
  auto vibration = xr_struct<XrHapticVibration>(XR_TYPE_HAPTIC_VIBRATION);
  vibration.duration = 20'000'000;  // 20 ms
  vibration.frequency = XR_FREQUENCY_UNSPECIFIED;
  vibration.amplitude = 0.5f;
  for (XrPath hand : hands_) {
    auto info = xr_struct<XrHapticActionInfo>(XR_TYPE_HAPTIC_ACTION_INFO);
    info.action = haptic_;
    info.subactionPath = hand;
    xrApplyHapticFeedback(session, &info, reinterpret_cast<const XrHapticBaseHeader*>(&vibration));
  }
}

}  // namespace trialxr::xr
