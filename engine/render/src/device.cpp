// [SECTION] instance   [SECTION] GPU   [SECTION] logical device   [SECTION] helpers
#include "trialxr/render/device.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstring>

#include "debug_messenger.h"
#include "device_select.h"
#include "trialxr/core/check.h"
#include "trialxr/render/vk_check.h"
#include "trialxr/render/vk_init.h"

namespace trialxr::render {
namespace {

constexpr const char* kValidationLayer = "VK_LAYER_KHRONOS_validation";
constexpr const char* kNoDevice =
    "no Vulkan device found: install mesa-vulkan-drivers for the CPU driver";

bool has_layer(const char* name) {
  std::uint32_t count = 0;
  if (vkEnumerateInstanceLayerProperties(&count, nullptr) != VK_SUCCESS) return false;
  std::vector<VkLayerProperties> layers(count);
  if (vkEnumerateInstanceLayerProperties(&count, layers.data()) < 0) return false;
  return std::any_of(layers.begin(), layers.end(), [&](const VkLayerProperties& l) {
    return std::strcmp(l.layerName, name) == 0;
  });
}

std::vector<const char*> c_strings(const std::vector<std::string>& strings) {
  std::vector<const char*> out;
  for (const std::string& s : strings) out.push_back(s.c_str());
  return out;
}

std::string missing_device_extension(VkPhysicalDevice gpu, const std::vector<std::string>& wanted) {
  std::uint32_t count = 0;
  VK_CHECK(vkEnumerateDeviceExtensionProperties(gpu, nullptr, &count, nullptr));
  std::vector<VkExtensionProperties> available(count);
  VK_CHECK(vkEnumerateDeviceExtensionProperties(gpu, nullptr, &count, available.data()));
  for (const std::string& name : wanted) {
    const bool found = std::any_of(available.begin(), available.end(),
                                   [&](const auto& e) { return name == e.extensionName; });
    if (!found) return name;
  }
  return {};
}

}  // namespace

Result<std::unique_ptr<Device>> Device::create(const DeviceDesc& desc) {
  std::unique_ptr<Device> device(new Device());
  if (desc.validation)
    device->log_ = std::make_shared<ValidationLog>(desc.print_validation_messages);
  if (auto s = device->create_instance(desc); !s) return fail(s.error().message);
  if (auto s = device->select_gpu(desc); !s) return fail(s.error().message);
  if (auto s = device->create_logical_device(desc); !s) return fail(s.error().message);
  return device;
}

Device::~Device() {
  if (device_ != VK_NULL_HANDLE) {
    vkDeviceWaitIdle(device_);
    one_time_pool_.reset();
    vkDestroyDevice(device_, nullptr);
  }
  if (instance_ != VK_NULL_HANDLE) {
    destroy_messenger(instance_, messenger_);
    vkDestroyInstance(instance_, nullptr);
  }
}

// [SECTION] instance

Status Device::create_instance(const DeviceDesc& desc) {
  std::uint32_t loader_version = 0;
  if (vkEnumerateInstanceVersion(&loader_version) != VK_SUCCESS ||
      loader_version < VK_API_VERSION_1_2) {
    return fail(fmt::format("the Vulkan loader offers {}.{}, TrialXR needs 1.2: update libvulkan1",
                            VK_API_VERSION_MAJOR(loader_version),
                            VK_API_VERSION_MINOR(loader_version)));
  }
  std::vector<const char*> layers;
  std::vector<const char*> extensions = c_strings(desc.instance_extensions);
  if (desc.validation) {
    if (!has_layer(kValidationLayer)) {
      return fail(
          "validation was asked for but VK_LAYER_KHRONOS_validation is not installed: install "
          "vulkan-validationlayers");
    }
    layers.push_back(kValidationLayer);
    extensions.push_back(VK_EXT_DEBUG_UTILS_EXTENSION_NAME);
  }

  auto app = vk_init<VkApplicationInfo>(VK_STRUCTURE_TYPE_APPLICATION_INFO);
  app.pApplicationName = desc.application_name.c_str();
  app.pEngineName = "TrialXR";
  app.apiVersion = VK_API_VERSION_1_2;
  auto info = vk_init<VkInstanceCreateInfo>(VK_STRUCTURE_TYPE_INSTANCE_CREATE_INFO);
  info.pApplicationInfo = &app;
  info.enabledLayerCount = static_cast<std::uint32_t>(layers.size());
  info.ppEnabledLayerNames = layers.data();
  info.enabledExtensionCount = static_cast<std::uint32_t>(extensions.size());
  info.ppEnabledExtensionNames = extensions.data();
  VkDebugUtilsMessengerCreateInfoEXT messenger{};
  const VkValidationFeatureEnableEXT sync =
      VK_VALIDATION_FEATURE_ENABLE_SYNCHRONIZATION_VALIDATION_EXT;
  auto features = vk_init<VkValidationFeaturesEXT>(VK_STRUCTURE_TYPE_VALIDATION_FEATURES_EXT);
  features.enabledValidationFeatureCount = 1;
  features.pEnabledValidationFeatures = &sync;
  if (log_) {
    messenger = messenger_info(*log_);
    info.pNext = &messenger;
    if (desc.synchronization_validation) {
      messenger.pNext = &features;
      extensions.push_back(VK_EXT_VALIDATION_FEATURES_EXTENSION_NAME);
      info.enabledExtensionCount = static_cast<std::uint32_t>(extensions.size());
      info.ppEnabledExtensionNames = extensions.data();
    }
  }

  const VkResult result = desc.create_instance ? desc.create_instance(info, instance_)
                                               : vkCreateInstance(&info, nullptr, &instance_);
  if (result == VK_ERROR_INCOMPATIBLE_DRIVER) return fail(kNoDevice);
  if (result == VK_ERROR_EXTENSION_NOT_PRESENT || result == VK_ERROR_LAYER_NOT_PRESENT) {
    return fail(
        fmt::format("creating the Vulkan instance failed ({}): a layer or instance "
                    "extension that was asked for is missing",
                    vk_result_name(result)));
  }
  if (result != VK_SUCCESS) {
    instance_ = VK_NULL_HANDLE;
    return fail(fmt::format("creating the Vulkan instance failed: {}", vk_result_name(result)));
  }
  if (log_) messenger_ = create_messenger(instance_, *log_);
  return {};
}

// [SECTION] GPU

Status Device::select_gpu(const DeviceDesc& desc) {
  gpu_ = desc.select_physical_device ? desc.select_physical_device(instance_)
                                     : default_gpu(instance_, desc);
  if (gpu_ == VK_NULL_HANDLE) return fail(kNoDevice);
  vkGetPhysicalDeviceProperties(gpu_, &properties_);
  if (properties_.apiVersion < VK_API_VERSION_1_2) {
    return fail(fmt::format("the Vulkan device '{}' offers Vulkan {}.{}; TrialXR needs 1.2",
                            properties_.deviceName, VK_API_VERSION_MAJOR(properties_.apiVersion),
                            VK_API_VERSION_MINOR(properties_.apiVersion)));
  }
  const auto family = graphics_family(gpu_, desc);
  if (!family) {
    return fail(fmt::format("the Vulkan device '{}' has no suitable graphics queue",
                            properties_.deviceName));
  }
  queue_family_ = *family;
  vkGetPhysicalDeviceMemoryProperties(gpu_, &memory_);

  constexpr std::array kDepthFormats = {VK_FORMAT_D24_UNORM_S8_UINT, VK_FORMAT_D32_SFLOAT_S8_UINT,
                                        VK_FORMAT_D16_UNORM_S8_UINT};
  for (VkFormat f : kDepthFormats) {
    if (format_supports(f, VK_FORMAT_FEATURE_DEPTH_STENCIL_ATTACHMENT_BIT)) {
      depth_format_ = f;
      break;
    }
  }
  if (depth_format_ == VK_FORMAT_UNDEFINED) {
    return fail(fmt::format("the Vulkan device '{}' has no depth-stencil attachment format",
                            properties_.deviceName));
  }
  return {};
}

// [SECTION] logical device

Status Device::create_logical_device(const DeviceDesc& desc) {
  if (const std::string missing = missing_device_extension(gpu_, desc.device_extensions);
      !missing.empty()) {
    return fail(fmt::format("the Vulkan device '{}' lacks the extension {}", properties_.deviceName,
                            missing));
  }
  auto supported11 = vk_init<VkPhysicalDeviceVulkan11Features>(
      VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_1_FEATURES);
  auto supported = vk_init<VkPhysicalDeviceFeatures2>(VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_FEATURES_2);
  supported.pNext = &supported11;
  vkGetPhysicalDeviceFeatures2(gpu_, &supported);
  multiview_ = supported11.multiview == VK_TRUE;

  auto features11 = vk_init<VkPhysicalDeviceVulkan11Features>(
      VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_1_FEATURES);
  features11.multiview = supported11.multiview;
  auto features = vk_init<VkPhysicalDeviceFeatures2>(VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_FEATURES_2);
  features.pNext = &features11;

  const float priority = 1.0f;
  auto queue = vk_init<VkDeviceQueueCreateInfo>(VK_STRUCTURE_TYPE_DEVICE_QUEUE_CREATE_INFO);
  queue.queueFamilyIndex = queue_family_;
  queue.queueCount = 1;
  queue.pQueuePriorities = &priority;
  const std::vector<const char*> extensions = c_strings(desc.device_extensions);
  auto info = vk_init<VkDeviceCreateInfo>(VK_STRUCTURE_TYPE_DEVICE_CREATE_INFO);
  info.pNext = &features;
  info.queueCreateInfoCount = 1;
  info.pQueueCreateInfos = &queue;
  info.enabledExtensionCount = static_cast<std::uint32_t>(extensions.size());
  info.ppEnabledExtensionNames = extensions.data();

  const VkResult result = desc.create_device ? desc.create_device(gpu_, info, device_)
                                             : vkCreateDevice(gpu_, &info, nullptr, &device_);
  if (result != VK_SUCCESS) {
    device_ = VK_NULL_HANDLE;
    return fail(fmt::format("creating the Vulkan device on '{}' failed: {}", properties_.deviceName,
                            vk_result_name(result)));
  }
  vkGetDeviceQueue(device_, queue_family_, 0, &queue_);

  auto pool = vk_init<VkCommandPoolCreateInfo>(VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO);
  pool.flags = VK_COMMAND_POOL_CREATE_TRANSIENT_BIT;
  pool.queueFamilyIndex = queue_family_;
  VkCommandPool handle = VK_NULL_HANDLE;
  VK_CHECK(vkCreateCommandPool(device_, &pool, nullptr, &handle));
  one_time_pool_ = Unique<VkCommandPool>(device_, handle);
  return {};
}

// [SECTION] helpers

std::uint32_t Device::memory_type(std::uint32_t type_bits, VkMemoryPropertyFlags required,
                                  VkMemoryPropertyFlags preferred) const {
  const std::array<VkMemoryPropertyFlags, 3> attempts = {
      required | preferred, required | (preferred & ~VK_MEMORY_PROPERTY_LAZILY_ALLOCATED_BIT),
      required};
  for (VkMemoryPropertyFlags wanted : attempts) {
    for (std::uint32_t i = 0; i < memory_.memoryTypeCount; ++i) {
      if ((type_bits & (1u << i)) != 0 &&
          (memory_.memoryTypes[i].propertyFlags & wanted) == wanted) {
        return i;
      }
    }
  }
  TRIALXR_CHECK(!"no Vulkan memory type has the required properties");
  return 0;
}

bool Device::format_supports(VkFormat format, VkFormatFeatureFlags features) const {
  VkFormatProperties props;
  vkGetPhysicalDeviceFormatProperties(gpu_, format, &props);
  return (props.optimalTilingFeatures & features) == features;
}

void Device::run_now(const std::function<void(VkCommandBuffer)>& record) {
  auto alloc = vk_init<VkCommandBufferAllocateInfo>(VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO);
  alloc.commandPool = one_time_pool_.get();
  alloc.level = VK_COMMAND_BUFFER_LEVEL_PRIMARY;
  alloc.commandBufferCount = 1;
  VkCommandBuffer cmd = VK_NULL_HANDLE;
  VK_CHECK(vkAllocateCommandBuffers(device_, &alloc, &cmd));
  auto begin = vk_init<VkCommandBufferBeginInfo>(VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO);
  begin.flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT;
  VK_CHECK(vkBeginCommandBuffer(cmd, &begin));
  record(cmd);
  VK_CHECK(vkEndCommandBuffer(cmd));

  auto fence_info = vk_init<VkFenceCreateInfo>(VK_STRUCTURE_TYPE_FENCE_CREATE_INFO);
  VkFence raw_fence = VK_NULL_HANDLE;
  VK_CHECK(vkCreateFence(device_, &fence_info, nullptr, &raw_fence));
  const Unique<VkFence> fence(device_, raw_fence);
  auto submit = vk_init<VkSubmitInfo>(VK_STRUCTURE_TYPE_SUBMIT_INFO);
  submit.commandBufferCount = 1;
  submit.pCommandBuffers = &cmd;
  VK_CHECK(vkQueueSubmit(queue_, 1, &submit, fence.get()));
  VK_CHECK(vkWaitForFences(device_, 1, &raw_fence, VK_TRUE, UINT64_MAX));
  vkFreeCommandBuffers(device_, one_time_pool_.get(), 1, &cmd);
}

void Device::wait_idle() const {
  VK_CHECK(vkDeviceWaitIdle(device_));
}

}  // namespace trialxr::render
