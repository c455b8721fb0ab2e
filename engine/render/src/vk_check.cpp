#include "trialxr/render/vk_check.h"

#include <cstdio>
#include <cstdlib>

namespace trialxr::render {

const char* vk_result_name(VkResult result) {
  switch (result) {
#define TRIALXR_CASE(name) \
  case name:               \
    return #name
    TRIALXR_CASE(VK_SUCCESS);
    TRIALXR_CASE(VK_NOT_READY);
    TRIALXR_CASE(VK_TIMEOUT);
    TRIALXR_CASE(VK_EVENT_SET);
    TRIALXR_CASE(VK_EVENT_RESET);
    TRIALXR_CASE(VK_INCOMPLETE);
    TRIALXR_CASE(VK_ERROR_OUT_OF_HOST_MEMORY);
    TRIALXR_CASE(VK_ERROR_OUT_OF_DEVICE_MEMORY);
    TRIALXR_CASE(VK_ERROR_INITIALIZATION_FAILED);
    TRIALXR_CASE(VK_ERROR_DEVICE_LOST);
    TRIALXR_CASE(VK_ERROR_MEMORY_MAP_FAILED);
    TRIALXR_CASE(VK_ERROR_LAYER_NOT_PRESENT);
    TRIALXR_CASE(VK_ERROR_EXTENSION_NOT_PRESENT);
    TRIALXR_CASE(VK_ERROR_FEATURE_NOT_PRESENT);
    TRIALXR_CASE(VK_ERROR_INCOMPATIBLE_DRIVER);
    TRIALXR_CASE(VK_ERROR_TOO_MANY_OBJECTS);
    TRIALXR_CASE(VK_ERROR_FORMAT_NOT_SUPPORTED);
    TRIALXR_CASE(VK_ERROR_FRAGMENTED_POOL);
    TRIALXR_CASE(VK_ERROR_UNKNOWN);
    TRIALXR_CASE(VK_ERROR_OUT_OF_POOL_MEMORY);
    TRIALXR_CASE(VK_ERROR_INVALID_EXTERNAL_HANDLE);
    TRIALXR_CASE(VK_ERROR_FRAGMENTATION);
    TRIALXR_CASE(VK_ERROR_INVALID_OPAQUE_CAPTURE_ADDRESS);
    TRIALXR_CASE(VK_ERROR_SURFACE_LOST_KHR);
    TRIALXR_CASE(VK_ERROR_NATIVE_WINDOW_IN_USE_KHR);
    TRIALXR_CASE(VK_SUBOPTIMAL_KHR);
    TRIALXR_CASE(VK_ERROR_OUT_OF_DATE_KHR);
    TRIALXR_CASE(VK_ERROR_VALIDATION_FAILED_EXT);
#undef TRIALXR_CASE
    default:
      return "VkResult(unknown)";
  }
}

namespace detail {
void vk_check_failed(VkResult result, const char* call, const char* file, int line) {
  std::fprintf(stderr, "%s:%d: VK_CHECK failed: %s returned %s (%d)\n", file, line, call,
               vk_result_name(result), static_cast<int>(result));
  std::fflush(stderr);
  std::abort();
}
}  // namespace detail

}  // namespace trialxr::render
