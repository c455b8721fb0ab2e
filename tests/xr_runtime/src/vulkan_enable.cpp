// XR_KHR_vulkan_enable2: the runtime creates the application's VkInstance and VkDevice
// through the application's own vkGetInstanceProcAddr, adding nothing (it needs no Vulkan
// extension: it works on the application's device and queue), and remembers them so that
// xrCreateSession can check the graphics binding.
#include <vector>

#include "entry_points.h"
#include "runtime.h"

namespace trialxr::xrt {
namespace {

XrResult check_system(XrInstance instance, XrSystemId system, Instance*& inst) {
  if (XrResult r = runtime().get(instance, inst); XR_FAILED(r)) return r;
  return system == kSystemId ? XR_SUCCESS : XR_ERROR_SYSTEM_INVALID;
}

// The first physical device with a graphics queue and Vulkan 1.2.
VkPhysicalDevice choose_physical_device(VkInstance instance, PFN_vkGetInstanceProcAddr gipa) {
  auto enumerate_devices = reinterpret_cast<PFN_vkEnumeratePhysicalDevices>(
      gipa(instance, "vkEnumeratePhysicalDevices"));
  auto get_properties = reinterpret_cast<PFN_vkGetPhysicalDeviceProperties>(
      gipa(instance, "vkGetPhysicalDeviceProperties"));
  auto get_families = reinterpret_cast<PFN_vkGetPhysicalDeviceQueueFamilyProperties>(
      gipa(instance, "vkGetPhysicalDeviceQueueFamilyProperties"));
  if (!enumerate_devices || !get_properties || !get_families) return VK_NULL_HANDLE;
  uint32_t count = 0;
  if (enumerate_devices(instance, &count, nullptr) != VK_SUCCESS) return VK_NULL_HANDLE;
  std::vector<VkPhysicalDevice> devices(count);
  if (enumerate_devices(instance, &count, devices.data()) != VK_SUCCESS) return VK_NULL_HANDLE;
  for (VkPhysicalDevice device : devices) {
    VkPhysicalDeviceProperties props{};
    get_properties(device, &props);
    if (props.apiVersion < VK_API_VERSION_1_2) continue;
    uint32_t family_count = 0;
    get_families(device, &family_count, nullptr);
    std::vector<VkQueueFamilyProperties> families(family_count);
    get_families(device, &family_count, families.data());
    for (const VkQueueFamilyProperties& f : families)
      if ((f.queueFlags & VK_QUEUE_GRAPHICS_BIT) != 0 && f.queueCount > 0) return device;
  }
  return VK_NULL_HANDLE;
}

}  // namespace

XrResult xrGetVulkanGraphicsRequirements2KHR(XrInstance instance, XrSystemId system,
                                             XrGraphicsRequirementsVulkanKHR* requirements) {
  auto lock = lock_runtime();
  Instance* inst = nullptr;
  if (XrResult r = check_system(instance, system, inst); XR_FAILED(r)) return r;
  if (requirements == nullptr || requirements->type != XR_TYPE_GRAPHICS_REQUIREMENTS_VULKAN2_KHR)
    return XR_ERROR_VALIDATION_FAILURE;
  requirements->minApiVersionSupported = kMinVulkanVersion;
  requirements->maxApiVersionSupported = kMaxVulkanVersion;
  inst->graphics_requirements_queried = true;
  return XR_SUCCESS;
}

XrResult xrCreateVulkanInstanceKHR(XrInstance instance, const XrVulkanInstanceCreateInfoKHR* info,
                                   VkInstance* vulkan_instance, VkResult* vulkan_result) {
  auto lock = lock_runtime();
  Instance* inst = nullptr;
  if (XrResult r = runtime().get(instance, inst); XR_FAILED(r)) return r;
  if (info == nullptr || vulkan_instance == nullptr || vulkan_result == nullptr ||
      info->type != XR_TYPE_VULKAN_INSTANCE_CREATE_INFO_KHR || info->createFlags != 0 ||
      info->pfnGetInstanceProcAddr == nullptr || info->vulkanCreateInfo == nullptr)
    return XR_ERROR_VALIDATION_FAILURE;
  if (info->systemId != kSystemId) return XR_ERROR_SYSTEM_INVALID;
  auto create = reinterpret_cast<PFN_vkCreateInstance>(
      info->pfnGetInstanceProcAddr(VK_NULL_HANDLE, "vkCreateInstance"));
  if (create == nullptr) return XR_ERROR_RUNTIME_FAILURE;
  *vulkan_result = create(info->vulkanCreateInfo, info->vulkanAllocator, vulkan_instance);
  if (*vulkan_result == VK_SUCCESS) {
    const VkApplicationInfo* app = info->vulkanCreateInfo->pApplicationInfo;
    std::erase_if(inst->vk_instances,
                  [&](const VulkanInstanceRecord& r) { return r.instance == *vulkan_instance; });
    inst->vk_instances.push_back({*vulkan_instance, info->pfnGetInstanceProcAddr,
                                  app != nullptr ? app->apiVersion : VK_API_VERSION_1_0});
  }
  return XR_SUCCESS;
}

XrResult xrGetVulkanGraphicsDevice2KHR(XrInstance instance,
                                       const XrVulkanGraphicsDeviceGetInfoKHR* info,
                                       VkPhysicalDevice* physical_device) {
  auto lock = lock_runtime();
  Instance* inst = nullptr;
  if (XrResult r = runtime().get(instance, inst); XR_FAILED(r)) return r;
  if (info == nullptr || physical_device == nullptr ||
      info->type != XR_TYPE_VULKAN_GRAPHICS_DEVICE_GET_INFO_KHR)
    return XR_ERROR_VALIDATION_FAILURE;
  if (info->systemId != kSystemId) return XR_ERROR_SYSTEM_INVALID;
  // The runtime reaches Vulkan only through instances it created.
  const VulkanInstanceRecord* vk = inst->find_vk_instance(info->vulkanInstance);
  if (vk == nullptr) return XR_ERROR_VALIDATION_FAILURE;
  const VkPhysicalDevice chosen = choose_physical_device(vk->instance, vk->get_proc);
  if (chosen == VK_NULL_HANDLE) return XR_ERROR_RUNTIME_FAILURE;
  inst->vk_physical = chosen;
  inst->vk_physical_instance = vk->instance;
  *physical_device = chosen;
  return XR_SUCCESS;
}

XrResult xrCreateVulkanDeviceKHR(XrInstance instance, const XrVulkanDeviceCreateInfoKHR* info,
                                 VkDevice* vulkan_device, VkResult* vulkan_result) {
  auto lock = lock_runtime();
  Instance* inst = nullptr;
  if (XrResult r = runtime().get(instance, inst); XR_FAILED(r)) return r;
  if (info == nullptr || vulkan_device == nullptr || vulkan_result == nullptr ||
      info->type != XR_TYPE_VULKAN_DEVICE_CREATE_INFO_KHR || info->createFlags != 0 ||
      info->pfnGetInstanceProcAddr == nullptr || info->vulkanCreateInfo == nullptr)
    return XR_ERROR_VALIDATION_FAILURE;
  if (info->systemId != kSystemId) return XR_ERROR_SYSTEM_INVALID;
  // The specification's answer when the device is not the one xrGetVulkanGraphicsDevice2KHR
  // reported.
  if (inst->vk_physical == VK_NULL_HANDLE || info->vulkanPhysicalDevice != inst->vk_physical)
    return XR_ERROR_HANDLE_INVALID;
  auto create = reinterpret_cast<PFN_vkCreateDevice>(
      info->pfnGetInstanceProcAddr(inst->vk_physical_instance, "vkCreateDevice"));
  if (create == nullptr) return XR_ERROR_RUNTIME_FAILURE;
  const VkDeviceCreateInfo& create_info = *info->vulkanCreateInfo;
  *vulkan_result =
      create(info->vulkanPhysicalDevice, &create_info, info->vulkanAllocator, vulkan_device);
  if (*vulkan_result == VK_SUCCESS) {
    VulkanDeviceRecord record{*vulkan_device, info->vulkanPhysicalDevice, {}};
    for (uint32_t i = 0; i < create_info.queueCreateInfoCount; ++i) {
      const VkDeviceQueueCreateInfo& q = create_info.pQueueCreateInfos[i];
      record.queues.emplace_back(q.queueFamilyIndex, q.queueCount);
    }
    std::erase_if(inst->vk_devices,
                  [&](const VulkanDeviceRecord& r) { return r.device == *vulkan_device; });
    inst->vk_devices.push_back(std::move(record));
  }
  return XR_SUCCESS;
}

}  // namespace trialxr::xrt
