// The OpenXR and Vulkan headers as the runtime uses them. The runtime links no Vulkan
// loader: it reaches Vulkan only through the vkGetInstanceProcAddr the application hands
// to xrCreateVulkanInstanceKHR, so no prototypes are declared.
#pragma once

#define VK_NO_PROTOTYPES
#include <vulkan/vulkan.h>

#define XR_NO_PROTOTYPES  // the runtime implements these functions; it never calls the loader
#define XR_USE_GRAPHICS_API_VULKAN
#include <openxr/openxr.h>
#include <openxr/openxr_platform.h>

namespace trialxr::xrt {

// A zeroed structure with its type set: the shape every OpenXR and Vulkan structure starts
// from here.
template <class T>
T xr_struct(XrStructureType type) {
  T s{};
  s.type = type;
  return s;
}
template <class T>
T vk_struct(VkStructureType type) {
  T s{};
  s.sType = type;
  return s;
}

}  // namespace trialxr::xrt
