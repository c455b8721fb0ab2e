// vk_init<T>(sType): a zeroed Vulkan struct with its sType set — brace-initialising
// only sType trips -Wmissing-field-initializers.
//
//   auto info = vk_init<VkBufferCreateInfo>(VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO);
#pragma once

#include <vulkan/vulkan.h>

namespace trialxr::render {

template <class T>
T vk_init(VkStructureType type) {
  T value{};
  value.sType = type;
  return value;
}

}  // namespace trialxr::render
