#include "interaction_profiles.h"

#include <span>

namespace trialxr::xrt {
namespace {

constexpr uint8_t kLeft = 1;
constexpr uint8_t kRight = 2;
constexpr uint8_t kBoth = kLeft | kRight;

struct Component {
  std::string_view path;  // below the top level user path
  uint8_t hands;
};

constexpr Component kSimple[] = {
    {"input/select/click", kBoth}, {"input/menu/click", kBoth}, {"input/grip/pose", kBoth},
    {"input/aim/pose", kBoth},     {"output/haptic", kBoth},
};

constexpr Component kOculusTouch[] = {
    {"input/x/click", kLeft},          {"input/x/touch", kLeft},
    {"input/y/click", kLeft},          {"input/y/touch", kLeft},
    {"input/menu/click", kLeft},       {"input/a/click", kRight},
    {"input/a/touch", kRight},         {"input/b/click", kRight},
    {"input/b/touch", kRight},         {"input/system/click", kRight},
    {"input/squeeze/value", kBoth},    {"input/trigger/value", kBoth},
    {"input/trigger/touch", kBoth},    {"input/thumbstick/x", kBoth},
    {"input/thumbstick/y", kBoth},     {"input/thumbstick/click", kBoth},
    {"input/thumbstick/touch", kBoth}, {"input/thumbrest/touch", kBoth},
    {"input/grip/pose", kBoth},        {"input/aim/pose", kBoth},
    {"output/haptic", kBoth},
};

constexpr Component kValveIndex[] = {
    {"input/system/click", kBoth},     {"input/system/touch", kBoth},
    {"input/a/click", kBoth},          {"input/a/touch", kBoth},
    {"input/b/click", kBoth},          {"input/b/touch", kBoth},
    {"input/squeeze/value", kBoth},    {"input/squeeze/force", kBoth},
    {"input/trigger/click", kBoth},    {"input/trigger/value", kBoth},
    {"input/trigger/touch", kBoth},    {"input/thumbstick/x", kBoth},
    {"input/thumbstick/y", kBoth},     {"input/thumbstick/click", kBoth},
    {"input/thumbstick/touch", kBoth}, {"input/trackpad/x", kBoth},
    {"input/trackpad/y", kBoth},       {"input/trackpad/force", kBoth},
    {"input/trackpad/touch", kBoth},   {"input/grip/pose", kBoth},
    {"input/aim/pose", kBoth},         {"output/haptic", kBoth},
};

constexpr Component kViveController[] = {
    {"input/system/click", kBoth},   {"input/squeeze/click", kBoth},
    {"input/menu/click", kBoth},     {"input/trigger/click", kBoth},
    {"input/trigger/value", kBoth},  {"input/trackpad/x", kBoth},
    {"input/trackpad/y", kBoth},     {"input/trackpad/click", kBoth},
    {"input/trackpad/touch", kBoth}, {"input/grip/pose", kBoth},
    {"input/aim/pose", kBoth},       {"output/haptic", kBoth},
};

constexpr Component kMicrosoftMotion[] = {
    {"input/menu/click", kBoth},     {"input/squeeze/click", kBoth},
    {"input/trigger/value", kBoth},  {"input/thumbstick/x", kBoth},
    {"input/thumbstick/y", kBoth},   {"input/thumbstick/click", kBoth},
    {"input/trackpad/x", kBoth},     {"input/trackpad/y", kBoth},
    {"input/trackpad/click", kBoth}, {"input/trackpad/touch", kBoth},
    {"input/grip/pose", kBoth},      {"input/aim/pose", kBoth},
    {"output/haptic", kBoth},
};

struct Profile {
  std::string_view path;
  std::span<const Component> components;
};

constexpr Profile kProfiles[] = {
    {kSimpleControllerProfile, kSimple},
    {"/interaction_profiles/oculus/touch_controller", kOculusTouch},
    {"/interaction_profiles/valve/index_controller", kValveIndex},
    {"/interaction_profiles/htc/vive_controller", kViveController},
    {"/interaction_profiles/microsoft/motion_controller", kMicrosoftMotion},
};

constexpr std::string_view kHandPaths[] = {"/user/hand/left", "/user/hand/right"};

const Profile* find_profile(std::string_view path) {
  for (const Profile& p : kProfiles)
    if (p.path == path) return &p;
  return nullptr;
}

// Splits "/user/hand/right/input/select" into the hand and "input/select".
std::optional<std::pair<uint32_t, std::string_view>> split_hand(std::string_view binding) {
  for (uint32_t hand = 0; hand < 2; ++hand) {
    const std::string_view prefix = kHandPaths[hand];
    if (binding.size() > prefix.size() + 1 && binding.substr(0, prefix.size()) == prefix &&
        binding[prefix.size()] == '/')
      return std::pair{hand, binding.substr(prefix.size() + 1)};
  }
  return std::nullopt;
}

// "input/trigger" for "input/trigger/value"; empty for outputs.
std::string_view identifier_of(std::string_view component) {
  if (component.substr(0, 6) != "input/") return {};
  return component.substr(0, component.rfind('/'));
}

}  // namespace

bool profile_known(std::string_view profile) {
  return find_profile(profile) != nullptr;
}

bool binding_allowed(std::string_view profile, std::string_view binding) {
  const Profile* p = find_profile(profile);
  const auto split = split_hand(binding);
  if (p == nullptr || !split) return false;
  const auto [hand, rest] = *split;
  const auto hand_bit = static_cast<uint8_t>(1u << hand);
  for (const Component& c : p->components) {
    if ((c.hands & hand_bit) == 0) continue;
    if (c.path == rest || (!identifier_of(c.path).empty() && identifier_of(c.path) == rest))
      return true;
  }
  return false;
}

std::optional<Source> simple_controller_source(std::string_view binding, XrActionType type) {
  const auto split = split_hand(binding);
  if (!split) return std::nullopt;
  const auto [hand, rest] = *split;
  switch (type) {
    case XR_ACTION_TYPE_BOOLEAN_INPUT:
    case XR_ACTION_TYPE_FLOAT_INPUT:
      if (rest == "input/select/click" || rest == "input/select")
        return Source{hand, Input::select};
      if (rest == "input/menu/click" || rest == "input/menu") return Source{hand, Input::menu};
      return std::nullopt;
    case XR_ACTION_TYPE_POSE_INPUT:
      if (rest == "input/grip/pose" || rest == "input/grip") return Source{hand, Input::grip_pose};
      if (rest == "input/aim/pose" || rest == "input/aim") return Source{hand, Input::aim_pose};
      return std::nullopt;
    case XR_ACTION_TYPE_VIBRATION_OUTPUT:
      if (rest == "output/haptic") return Source{hand, Input::haptic};
      return std::nullopt;
    default:  // vector2f: the simple controller has no 2D input
      return std::nullopt;
  }
}

std::string_view source_path(const Source& source) {
  static constexpr std::string_view kPaths[2][5] = {
      {"/user/hand/left/input/select/click", "/user/hand/left/input/menu/click",
       "/user/hand/left/input/grip/pose", "/user/hand/left/input/aim/pose",
       "/user/hand/left/output/haptic"},
      {"/user/hand/right/input/select/click", "/user/hand/right/input/menu/click",
       "/user/hand/right/input/grip/pose", "/user/hand/right/input/aim/pose",
       "/user/hand/right/output/haptic"}};
  return kPaths[source.hand][static_cast<std::size_t>(source.input)];
}

std::string source_name(const Source& source, XrInputSourceLocalizedNameFlags components) {
  static constexpr std::string_view kInputs[] = {"Select", "Menu", "Grip", "Aim", "Haptic"};
  std::string name;
  auto add = [&name](std::string_view part) {
    if (!name.empty()) name += ' ';
    name += part;
  };
  if (components & XR_INPUT_SOURCE_LOCALIZED_NAME_USER_PATH_BIT)
    add(source.hand == 0 ? "Left Hand" : "Right Hand");
  if (components & XR_INPUT_SOURCE_LOCALIZED_NAME_INTERACTION_PROFILE_BIT) add("Simple Controller");
  if (components & XR_INPUT_SOURCE_LOCALIZED_NAME_COMPONENT_BIT)
    add(kInputs[static_cast<std::size_t>(source.input)]);
  return name;
}

std::optional<uint32_t> hand_of(std::string_view user_path) {
  for (uint32_t hand = 0; hand < 2; ++hand)
    if (user_path == kHandPaths[hand]) return hand;
  return std::nullopt;
}

bool subaction_path_allowed(std::string_view path) {
  return path == "/user/head" || path == "/user/gamepad" || hand_of(path).has_value();
}

bool is_top_level_user_path(std::string_view path) {
  return subaction_path_allowed(path) || path == "/user/treadmill";
}

}  // namespace trialxr::xrt
