// Actions through the loader: suggested bindings checked against the five controller
// profiles, the simple controller selected at the first sync, select and menu presses,
// the aim pose, haptics, and focus loss making every action inactive.
#include <cstring>

#include "runtime_fixture.h"

namespace trialxr::testing::xr {
namespace {

struct Actions {
  XrActionSet set = XR_NULL_HANDLE;
  XrAction select = XR_NULL_HANDLE;
  XrAction menu = XR_NULL_HANDLE;
  XrAction aim = XR_NULL_HANDLE;
  XrAction buzz = XR_NULL_HANDLE;
  XrPath left = XR_NULL_PATH;
  XrPath right = XR_NULL_PATH;
};

XrPath path(const XrApp& app, const char* text) {
  XrPath p = XR_NULL_PATH;
  check(xrStringToPath(app.instance, text, &p), text);
  return p;
}

XrAction create_action(XrActionSet set, const char* name, XrActionType type,
                       const std::vector<XrPath>& subactions) {
  auto info = xr_struct<XrActionCreateInfo>(XR_TYPE_ACTION_CREATE_INFO);
  std::strcpy(info.actionName, name);
  std::strcpy(info.localizedActionName, name);
  info.actionType = type;
  info.countSubactionPaths = static_cast<uint32_t>(subactions.size());
  info.subactionPaths = subactions.empty() ? nullptr : subactions.data();
  XrAction action = XR_NULL_HANDLE;
  check(xrCreateAction(set, &info, &action), "xrCreateAction");
  return action;
}

Actions create_actions(const XrApp& app) {
  Actions a;
  auto info = xr_struct<XrActionSetCreateInfo>(XR_TYPE_ACTION_SET_CREATE_INFO);
  std::strcpy(info.actionSetName, "patient");
  std::strcpy(info.localizedActionSetName, "Patient");
  check(xrCreateActionSet(app.instance, &info, &a.set), "xrCreateActionSet");
  a.left = path(app, "/user/hand/left");
  a.right = path(app, "/user/hand/right");
  a.select = create_action(a.set, "select", XR_ACTION_TYPE_BOOLEAN_INPUT, {a.left, a.right});
  a.menu = create_action(a.set, "menu", XR_ACTION_TYPE_FLOAT_INPUT, {});
  a.aim = create_action(a.set, "aim", XR_ACTION_TYPE_POSE_INPUT, {a.right});
  a.buzz = create_action(a.set, "buzz", XR_ACTION_TYPE_VIBRATION_OUTPUT, {});
  return a;
}

XrResult suggest(const XrApp& app, const char* profile,
                 const std::vector<std::pair<XrAction, const char*>>& bindings) {
  std::vector<XrActionSuggestedBinding> list;
  for (const auto& [action, binding] : bindings) list.push_back({action, path(app, binding)});
  auto info = xr_struct<XrInteractionProfileSuggestedBinding>(
      XR_TYPE_INTERACTION_PROFILE_SUGGESTED_BINDING);
  info.interactionProfile = path(app, profile);
  info.countSuggestedBindings = static_cast<uint32_t>(list.size());
  info.suggestedBindings = list.data();
  return xrSuggestInteractionProfileBindings(app.instance, &info);
}

void suggest_all(const XrApp& app, const Actions& a) {
  check(suggest(app, "/interaction_profiles/khr/simple_controller",
                {{a.select, "/user/hand/left/input/select/click"},
                 {a.select, "/user/hand/right/input/select"},
                 {a.menu, "/user/hand/right/input/menu/click"},
                 {a.aim, "/user/hand/right/input/aim/pose"},
                 {a.buzz, "/user/hand/right/output/haptic"}}),
        "simple_controller");
  check(suggest(app, "/interaction_profiles/oculus/touch_controller",
                {{a.select, "/user/hand/right/input/trigger/value"},
                 {a.menu, "/user/hand/left/input/menu/click"},
                 {a.aim, "/user/hand/right/input/aim/pose"},
                 {a.buzz, "/user/hand/right/output/haptic"}}),
        "touch_controller");
  check(suggest(app, "/interaction_profiles/valve/index_controller",
                {{a.select, "/user/hand/right/input/trigger/click"},
                 {a.menu, "/user/hand/right/input/b/click"},
                 {a.aim, "/user/hand/right/input/aim/pose"}}),
        "index_controller");
  check(suggest(app, "/interaction_profiles/htc/vive_controller",
                {{a.select, "/user/hand/right/input/trigger"},
                 {a.menu, "/user/hand/right/input/menu/click"}}),
        "vive_controller");
  check(suggest(app, "/interaction_profiles/microsoft/motion_controller",
                {{a.select, "/user/hand/right/input/trigger/value"},
                 {a.menu, "/user/hand/right/input/menu/click"},
                 {a.buzz, "/user/hand/left/output/haptic"}}),
        "motion_controller");
}

void attach(const XrApp& app, const Actions& a) {
  auto info = xr_struct<XrSessionActionSetsAttachInfo>(XR_TYPE_SESSION_ACTION_SETS_ATTACH_INFO);
  info.countActionSets = 1;
  info.actionSets = &a.set;
  check(xrAttachSessionActionSets(app.session, &info), "xrAttachSessionActionSets");
}

XrResult sync(const XrApp& app, const Actions& a) {
  const XrActiveActionSet active{a.set, XR_NULL_PATH};
  auto info = xr_struct<XrActionsSyncInfo>(XR_TYPE_ACTIONS_SYNC_INFO);
  info.countActiveActionSets = 1;
  info.activeActionSets = &active;
  return xrSyncActions(app.session, &info);
}

XrActionStateBoolean boolean(const XrApp& app, XrAction action, XrPath subaction) {
  auto info = xr_struct<XrActionStateGetInfo>(XR_TYPE_ACTION_STATE_GET_INFO);
  info.action = action;
  info.subactionPath = subaction;
  auto state = xr_struct<XrActionStateBoolean>(XR_TYPE_ACTION_STATE_BOOLEAN);
  check(xrGetActionStateBoolean(app.session, &info, &state), "xrGetActionStateBoolean");
  return state;
}

XrActionStateFloat scalar(const XrApp& app, XrAction action) {
  auto info = xr_struct<XrActionStateGetInfo>(XR_TYPE_ACTION_STATE_GET_INFO);
  info.action = action;
  auto state = xr_struct<XrActionStateFloat>(XR_TYPE_ACTION_STATE_FLOAT);
  check(xrGetActionStateFloat(app.session, &info, &state), "xrGetActionStateFloat");
  return state;
}

XrResult buzz(const XrApp& app, const Actions& a, float amplitude) {
  auto info = xr_struct<XrHapticActionInfo>(XR_TYPE_HAPTIC_ACTION_INFO);
  info.action = a.buzz;
  auto vibration = xr_struct<XrHapticVibration>(XR_TYPE_HAPTIC_VIBRATION);
  vibration.amplitude = amplitude;
  vibration.duration = XR_MIN_HAPTIC_DURATION;
  vibration.frequency = XR_FREQUENCY_UNSPECIFIED;
  return xrApplyHapticFeedback(app.session, &info,
                               reinterpret_cast<const XrHapticBaseHeader*>(&vibration));
}

XrSpaceLocation locate(const XrApp& app, XrSpace space) {
  auto location = xr_struct<XrSpaceLocation>(XR_TYPE_SPACE_LOCATION);
  check(xrLocateSpace(space, app.local, 1'000'000'000, &location), "xrLocateSpace");
  return location;
}

TEST_F(RuntimeTest, SuggestedBindingsFollowTheProfileLists) {
  XrApp& app = start();
  const Actions a = create_actions(app);
  suggest_all(app, a);
  // Not on the simple controller, not a profile, on the wrong hand, not an input at all.
  EXPECT_EQ(suggest(app, "/interaction_profiles/khr/simple_controller",
                    {{a.select, "/user/hand/right/input/trigger/value"}}),
            XR_ERROR_PATH_UNSUPPORTED);
  EXPECT_EQ(suggest(app, "/interaction_profiles/acme/wand",
                    {{a.select, "/user/hand/right/input/select/click"}}),
            XR_ERROR_PATH_UNSUPPORTED);
  EXPECT_EQ(suggest(app, "/interaction_profiles/oculus/touch_controller",
                    {{a.select, "/user/hand/right/input/x/click"}}),
            XR_ERROR_PATH_UNSUPPORTED);
  EXPECT_EQ(suggest(app, "/interaction_profiles/htc/vive_controller",
                    {{a.select, "/user/hand/right/output"}}),
            XR_ERROR_PATH_UNSUPPORTED);

  app.create_session();
  attach(app, a);
  EXPECT_EQ(suggest(app, "/interaction_profiles/khr/simple_controller",
                    {{a.select, "/user/hand/right/input/select/click"}}),
            XR_ERROR_ACTIONSETS_ALREADY_ATTACHED);
  auto info = xr_struct<XrActionCreateInfo>(XR_TYPE_ACTION_CREATE_INFO);
  std::strcpy(info.actionName, "late");
  std::strcpy(info.localizedActionName, "Late");
  info.actionType = XR_ACTION_TYPE_BOOLEAN_INPUT;
  XrAction late = XR_NULL_HANDLE;
  EXPECT_EQ(xrCreateAction(a.set, &info, &late), XR_ERROR_ACTIONSETS_ALREADY_ATTACHED);
}

TEST_F(RuntimeTest, TheSimpleControllerDrivesTheActions) {
  XrApp& app = start();
  const Actions a = create_actions(app);
  suggest_all(app, a);
  app.create_session();
  attach(app, a);
  auto space_info = xr_struct<XrActionSpaceCreateInfo>(XR_TYPE_ACTION_SPACE_CREATE_INFO);
  space_info.action = a.aim;
  space_info.subactionPath = a.right;
  space_info.poseInActionSpace.orientation.w = 1.0f;
  XrSpace aim_space = XR_NULL_HANDLE;
  ASSERT_EQ(xrCreateActionSpace(app.session, &space_info, &aim_space), XR_SUCCESS);
  auto profile = xr_struct<XrInteractionProfileState>(XR_TYPE_INTERACTION_PROFILE_STATE);
  ASSERT_EQ(xrGetCurrentInteractionProfile(app.session, a.right, &profile), XR_SUCCESS);
  EXPECT_EQ(profile.interactionProfile, XR_NULL_PATH);  // chosen at the first sync

  app.run_to_focused();
  ASSERT_EQ(sync(app, a), XR_SUCCESS);
  app.poll();
  ASSERT_EQ(app.events.size(), 1u);
  EXPECT_EQ(app.events[0].type, XR_TYPE_EVENT_DATA_INTERACTION_PROFILE_CHANGED);
  ASSERT_EQ(xrGetCurrentInteractionProfile(app.session, a.right, &profile), XR_SUCCESS);
  EXPECT_EQ(profile.interactionProfile, path(app, "/interaction_profiles/khr/simple_controller"));
  ASSERT_EQ(xrGetCurrentInteractionProfile(app.session, path(app, "/user/head"), &profile),
            XR_SUCCESS);
  EXPECT_EQ(profile.interactionProfile, XR_NULL_PATH);

  // Only the right controller is connected.
  EXPECT_TRUE(boolean(app, a.select, a.right).isActive);
  EXPECT_FALSE(boolean(app, a.select, a.right).currentState);
  EXPECT_FALSE(boolean(app, a.select, a.left).isActive);
  control().set_select(TRIALXR_TEST_HAND_RIGHT, XR_TRUE);
  EXPECT_FALSE(boolean(app, a.select, XR_NULL_PATH).currentState);  // not before the sync
  ASSERT_EQ(sync(app, a), XR_SUCCESS);
  XrActionStateBoolean pressed = boolean(app, a.select, XR_NULL_PATH);
  EXPECT_TRUE(pressed.currentState);
  EXPECT_TRUE(pressed.changedSinceLastSync);
  EXPECT_GT(pressed.lastChangeTime, 0);
  ASSERT_EQ(sync(app, a), XR_SUCCESS);
  EXPECT_FALSE(boolean(app, a.select, XR_NULL_PATH).changedSinceLastSync);
  control().set_select(TRIALXR_TEST_HAND_RIGHT, XR_FALSE);
  control().set_menu(TRIALXR_TEST_HAND_RIGHT, XR_TRUE);
  ASSERT_EQ(sync(app, a), XR_SUCCESS);
  EXPECT_FALSE(boolean(app, a.select, a.right).currentState);
  EXPECT_TRUE(boolean(app, a.select, a.right).changedSinceLastSync);
  EXPECT_EQ(scalar(app, a.menu).currentState, 1.0f);

  const XrPosef aim{{0, 0, 0, 1}, {0.3f, -0.2f, -0.5f}};
  control().set_aim_pose(TRIALXR_TEST_HAND_RIGHT, aim);
  XrSpaceLocation location = locate(app, aim_space);
  EXPECT_NE(location.locationFlags & XR_SPACE_LOCATION_POSITION_VALID_BIT, 0u);
  EXPECT_FLOAT_EQ(location.pose.position.z, -0.5f);

  ASSERT_EQ(buzz(app, a, 0.75f), XR_SUCCESS);
  TrialxrTestHaptics haptics = control().haptics();
  EXPECT_EQ(haptics.pulses, 1u);
  EXPECT_EQ(haptics.last_hands, 2u);
  EXPECT_FLOAT_EQ(haptics.last_amplitude, 0.75f);

  // Without focus the actions go inactive and haptics are dropped.
  control().set_focus(XR_FALSE);
  app.poll();
  EXPECT_EQ(app.state, XR_SESSION_STATE_VISIBLE);
  EXPECT_EQ(sync(app, a), XR_SESSION_NOT_FOCUSED);
  EXPECT_FALSE(boolean(app, a.select, a.right).isActive);
  EXPECT_EQ(locate(app, aim_space).locationFlags, 0u);
  EXPECT_EQ(buzz(app, a, 1.0f), XR_SESSION_NOT_FOCUSED);
  EXPECT_EQ(control().haptics().pulses, 1u);
  control().set_focus(XR_TRUE);
  app.poll();
  EXPECT_EQ(app.state, XR_SESSION_STATE_FOCUSED);
  ASSERT_EQ(sync(app, a), XR_SUCCESS);
  EXPECT_TRUE(boolean(app, a.select, a.right).isActive);

  // A disconnected controller stops driving its actions.
  control().set_controller_connected(TRIALXR_TEST_HAND_RIGHT, XR_FALSE);
  ASSERT_EQ(sync(app, a), XR_SUCCESS);
  EXPECT_FALSE(boolean(app, a.select, XR_NULL_PATH).isActive);
  EXPECT_EQ(buzz(app, a, 1.0f), XR_SUCCESS);
  EXPECT_EQ(control().haptics().pulses, 1u);
}

TEST_F(RuntimeTest, ActionQueriesCheckTypesAndSubactionPaths) {
  XrApp& app = start();
  const Actions a = create_actions(app);
  suggest_all(app, a);
  app.create_session();
  auto info = xr_struct<XrActionStateGetInfo>(XR_TYPE_ACTION_STATE_GET_INFO);
  info.action = a.select;
  auto state = xr_struct<XrActionStateBoolean>(XR_TYPE_ACTION_STATE_BOOLEAN);
  EXPECT_EQ(xrGetActionStateBoolean(app.session, &info, &state), XR_ERROR_ACTIONSET_NOT_ATTACHED);
  attach(app, a);
  auto other = xr_struct<XrSessionActionSetsAttachInfo>(XR_TYPE_SESSION_ACTION_SETS_ATTACH_INFO);
  other.countActionSets = 1;
  other.actionSets = &a.set;
  EXPECT_EQ(xrAttachSessionActionSets(app.session, &other), XR_ERROR_ACTIONSETS_ALREADY_ATTACHED);
  auto as_float = xr_struct<XrActionStateFloat>(XR_TYPE_ACTION_STATE_FLOAT);
  EXPECT_EQ(xrGetActionStateFloat(app.session, &info, &as_float), XR_ERROR_ACTION_TYPE_MISMATCH);
  info.subactionPath = path(app, "/user/head");
  EXPECT_EQ(xrGetActionStateBoolean(app.session, &info, &state), XR_ERROR_PATH_UNSUPPORTED);
  info.action = a.menu;
  info.subactionPath = a.right;
  EXPECT_EQ(xrGetActionStateFloat(app.session, &info, &as_float), XR_ERROR_PATH_UNSUPPORTED);
  auto space_info = xr_struct<XrActionSpaceCreateInfo>(XR_TYPE_ACTION_SPACE_CREATE_INFO);
  space_info.action = a.select;
  space_info.poseInActionSpace.orientation.w = 1.0f;
  XrSpace space = XR_NULL_HANDLE;
  EXPECT_EQ(xrCreateActionSpace(app.session, &space_info, &space), XR_ERROR_ACTION_TYPE_MISMATCH);
}

TEST_F(RuntimeTest, BoundSourcesAreSimpleControllerComponents) {
  XrApp& app = start();
  const Actions a = create_actions(app);
  suggest_all(app, a);
  app.create_session();
  attach(app, a);
  app.run_to_focused();
  ASSERT_EQ(sync(app, a), XR_SUCCESS);
  auto info = xr_struct<XrBoundSourcesForActionEnumerateInfo>(
      XR_TYPE_BOUND_SOURCES_FOR_ACTION_ENUMERATE_INFO);
  info.action = a.select;
  uint32_t count = 0;
  std::array<XrPath, 4> sources{};
  ASSERT_EQ(xrEnumerateBoundSourcesForAction(app.session, &info, 4, &count, sources.data()),
            XR_SUCCESS);
  ASSERT_EQ(count, 2u);
  EXPECT_EQ(sources[0], path(app, "/user/hand/left/input/select/click"));
  EXPECT_EQ(sources[1], path(app, "/user/hand/right/input/select/click"));
  auto name_info =
      xr_struct<XrInputSourceLocalizedNameGetInfo>(XR_TYPE_INPUT_SOURCE_LOCALIZED_NAME_GET_INFO);
  name_info.sourcePath = sources[1];
  name_info.whichComponents =
      XR_INPUT_SOURCE_LOCALIZED_NAME_USER_PATH_BIT | XR_INPUT_SOURCE_LOCALIZED_NAME_COMPONENT_BIT;
  char name[64] = {};
  ASSERT_EQ(xrGetInputSourceLocalizedName(app.session, &name_info, sizeof(name), &count, name),
            XR_SUCCESS);
  EXPECT_STREQ(name, "Right Hand Select");
}

}  // namespace
}  // namespace trialxr::testing::xr
