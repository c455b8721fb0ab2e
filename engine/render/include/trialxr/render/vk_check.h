// VK_CHECK(call): for Vulkan calls that fail only when something is broken (out of
// memory, a lost device, a bug). It stays on in release builds: on a negative VkResult
// it prints the call as written, its result name, file and line, and aborts. Positive
// results (VK_TIMEOUT, VK_INCOMPLETE, VK_SUBOPTIMAL_KHR) pass. Expected failures (no
// device, an unsupported format) are Result values instead.
#pragma once

#include <vulkan/vulkan.h>

namespace trialxr::render {

// "VK_ERROR_DEVICE_LOST", ...; "VkResult(<n>)" for values it does not know.
const char* vk_result_name(VkResult result);

namespace detail {
[[noreturn]] void vk_check_failed(VkResult result, const char* call, const char* file, int line);
}  // namespace detail

}  // namespace trialxr::render

#define VK_CHECK(call)                                                                           \
  do {                                                                                           \
    const VkResult trialxr_vk_result_ = (call);                                                  \
    if (trialxr_vk_result_ < 0)                                                                  \
      ::trialxr::render::detail::vk_check_failed(trialxr_vk_result_, #call, __FILE__, __LINE__); \
  } while (false)
