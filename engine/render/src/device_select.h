// Choosing the GPU and its graphics queue family (the default path of DeviceDesc).
#pragma once

#include <vulkan/vulkan.h>

#include <cstdint>
#include <optional>

#include "trialxr/render/device.h"

namespace trialxr::render {

// The first family with graphics that `desc.accept_queue_family` accepts.
std::optional<std::uint32_t> graphics_family(VkPhysicalDevice gpu, const DeviceDesc& desc);

// Discrete, then integrated, virtual and CPU devices that have Vulkan 1.2 and a
// graphics family; VK_NULL_HANDLE when none.
VkPhysicalDevice default_gpu(VkInstance instance, const DeviceDesc& desc);

}  // namespace trialxr::render
