// Well-formed path strings (the specification's "Well-Formed Path Strings").
#pragma once

#include <string_view>

namespace trialxr::xrt {

// A full path: "/user/hand/left". Length limits are the caller's.
bool well_formed_path(std::string_view path);

// One level of a path, as action and action set names must be: "select_object".
bool well_formed_path_level(std::string_view name);

}  // namespace trialxr::xrt
