// The interaction profiles the runtime accepts suggested bindings for, with the component
// paths the specification lists for each (OpenXR 1.0), and how a binding of the Khronos
// simple controller, the one profile the simulated controllers present, reaches an input.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "runtime.h"

namespace trialxr::xrt {

inline constexpr std::string_view kSimpleControllerProfile =
    "/interaction_profiles/khr/simple_controller";

bool profile_known(std::string_view profile);

// Whether `binding` ("/user/hand/right/input/trigger/value", or the identifier alone,
// "/user/hand/right/input/trigger") is a path of `profile`.
bool binding_allowed(std::string_view profile, std::string_view binding);

// The simple controller input a binding reaches for an action of `type`, following the
// specification's rules for identifiers without a component; nothing when the binding's
// value cannot feed that type.
std::optional<Source> simple_controller_source(std::string_view binding, XrActionType type);

// The full component path of a source: "/user/hand/left/input/select/click".
std::string_view source_path(const Source& source);

// "Right Hand Simple Controller Select" with the parts `components` asks for.
std::string source_name(const Source& source, XrInputSourceLocalizedNameFlags components);

// The hand a top level user path names (0 left, 1 right), if it is one.
std::optional<uint32_t> hand_of(std::string_view user_path);

// /user/head, /user/hand/left, /user/hand/right, /user/gamepad: the paths subaction paths
// may name; with /user/treadmill, the top level user paths.
bool subaction_path_allowed(std::string_view path);
bool is_top_level_user_path(std::string_view path);

}  // namespace trialxr::xrt
