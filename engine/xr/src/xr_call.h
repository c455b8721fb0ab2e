// Checking OpenXR results: a failed call becomes an Error naming the call and the result
// (xrResultToString), so a runtime's refusal reaches the user as a sentence.
#pragma once
#include <vulkan/vulkan.h>
#define XR_USE_GRAPHICS_API_VULKAN
#include <openxr/openxr.h>
#include <openxr/openxr_platform.h>

#include <string>

#include "trialxr/core/result.h"

namespace trialxr::xr {

std::string result_name(XrInstance instance, XrResult result);

// `call` is the text of the call, for the message.
inline Status xr_status(XrInstance instance, XrResult result, const char* call) {
  if (XR_SUCCEEDED(result)) return {};
  return fail(std::string(call) + " failed: " + result_name(instance, result));
}

#define XR_TRY(instance, call)                                              \
  do {                                                                      \
    if (auto _s = ::trialxr::xr::xr_status((instance), (call), #call); !_s) \
      return tl::unexpected(std::move(_s.error()));                         \
  } while (false)

template <class T>
T xr_struct(XrStructureType type) {
  T t{};
  t.type = type;
  return t;
}

}  // namespace trialxr::xr
