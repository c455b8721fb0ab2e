#include "device_select.h"

#include <array>
#include <vector>

#include "trialxr/render/vk_check.h"

namespace trialxr::render {

std::optional<std::uint32_t> graphics_family(VkPhysicalDevice gpu, const DeviceDesc& desc) {
  std::uint32_t count = 0;
  vkGetPhysicalDeviceQueueFamilyProperties(gpu, &count, nullptr);
  std::vector<VkQueueFamilyProperties> families(count);
  vkGetPhysicalDeviceQueueFamilyProperties(gpu, &count, families.data());
  for (std::uint32_t i = 0; i < count; ++i) {
    if ((families[i].queueFlags & VK_QUEUE_GRAPHICS_BIT) == 0) continue;
    if (desc.accept_queue_family && !desc.accept_queue_family(gpu, i)) continue;
    return i;
  }
  return std::nullopt;
}

VkPhysicalDevice default_gpu(VkInstance instance, const DeviceDesc& desc) {
  std::uint32_t count = 0;
  VK_CHECK(vkEnumeratePhysicalDevices(instance, &count, nullptr));
  std::vector<VkPhysicalDevice> gpus(count);
  VK_CHECK(vkEnumeratePhysicalDevices(instance, &count, gpus.data()));
  constexpr std::array kPreference = {VK_PHYSICAL_DEVICE_TYPE_DISCRETE_GPU,
                                      VK_PHYSICAL_DEVICE_TYPE_INTEGRATED_GPU,
                                      VK_PHYSICAL_DEVICE_TYPE_VIRTUAL_GPU,
                                      VK_PHYSICAL_DEVICE_TYPE_CPU, VK_PHYSICAL_DEVICE_TYPE_OTHER};
  for (VkPhysicalDeviceType type : kPreference) {
    for (VkPhysicalDevice gpu : gpus) {
      VkPhysicalDeviceProperties props;
      vkGetPhysicalDeviceProperties(gpu, &props);
      if (props.deviceType != type || props.apiVersion < VK_API_VERSION_1_2) continue;
      if (graphics_family(gpu, desc)) return gpu;
    }
  }
  return VK_NULL_HANDLE;
}

}  // namespace trialxr::render
