// Device: the Vulkan instance, physical device, logical device and graphics queue the
// renderer draws with, plus the validation layer's message log.
//
// The host says *how* they are created (DeviceDesc): the defaults call vkCreateInstance
// / vkCreateDevice themselves (headless, desktop); an OpenXR host passes callbacks that
// go through xrCreateVulkanInstanceKHR, xrGetVulkanGraphicsDevice2KHR and
// xrCreateVulkanDeviceKHR, adding the runtime's required extensions:
//
//   render::DeviceDesc desc;
//   desc.create_instance = [&](const VkInstanceCreateInfo& info, VkInstance& out) {
//     XrVulkanInstanceCreateInfoKHR xr{...info...}; VkResult vk; xrCreateVulkanInstanceKHR(...);
//     return vk; };
//   desc.select_physical_device = [&](VkInstance i) -> VkPhysicalDevice { ... };
//   desc.create_device = [&](VkPhysicalDevice p, const VkDeviceCreateInfo& info, VkDevice& out)
//   {...};
//
// Vulkan 1.2 is the minimum (instance and device). Multiview is enabled when offered.
// With `validation`, VK_LAYER_KHRONOS_validation is loaded and a debug-utils messenger
// logs every warning and error (validation, general and performance) into a
// ValidationLog, which outlives the Device so that messages from destruction (leak
// reports) are counted too.
#pragma once

#include <vulkan/vulkan.h>

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "trialxr/core/result.h"
#include "trialxr/render/vk_handles.h"

namespace trialxr::render {

// Every message the debug messenger received (warnings and errors of any type).
class ValidationLog {
 public:
  explicit ValidationLog(bool print_to_stderr = true) : print_(print_to_stderr) {}
  void add(std::string message);
  std::uint32_t count() const { return count_.load(); }
  std::vector<std::string> messages() const;

 private:
  bool print_;
  std::atomic<std::uint32_t> count_{0};
  mutable std::mutex mutex_;
  std::vector<std::string> messages_;
};

struct DeviceDesc {
  std::string application_name = "TrialXR";
  bool validation = false;                // VK_LAYER_KHRONOS_validation + messenger
  bool print_validation_messages = true;  // also print each message to stderr
  // With validation: also the layer's synchronization validation (hazards between
  // commands and submissions). Slower; the tests turn it on.
  bool synchronization_validation = false;
  std::vector<std::string> instance_extensions;  // extra ones (a desktop host: surfaces)
  std::vector<std::string> device_extensions;    // extra ones (a desktop host: swapchain)

  // Each callback is optional; empty means the default path.
  // Creates the instance from `info` (default: vkCreateInstance).
  std::function<VkResult(const VkInstanceCreateInfo& info, VkInstance& instance)> create_instance;
  // Chooses the GPU (default: the first of discrete, integrated, virtual, CPU that has
  // Vulkan 1.2 and a graphics queue). VK_NULL_HANDLE: none suitable.
  std::function<VkPhysicalDevice(VkInstance instance)> select_physical_device;
  // Creates the device from `info` (default: vkCreateDevice).
  std::function<VkResult(VkPhysicalDevice gpu, const VkDeviceCreateInfo& info, VkDevice& device)>
      create_device;
  // Extra condition on the graphics queue family (a desktop host: can present).
  std::function<bool(VkPhysicalDevice gpu, std::uint32_t family)> accept_queue_family;
};

class Device {
 public:
  // Errors: no Vulkan driver or device, Vulkan older than 1.2, a missing layer or
  // extension; each message says what to install or change.
  static Result<std::unique_ptr<Device>> create(const DeviceDesc& desc);
  ~Device();  // destroys the device, the messenger, then the instance
  Device(const Device&) = delete;
  Device& operator=(const Device&) = delete;

  VkInstance instance() const { return instance_; }
  VkPhysicalDevice physical_device() const { return gpu_; }
  VkDevice device() const { return device_; }
  VkQueue queue() const { return queue_; }
  std::uint32_t queue_family() const { return queue_family_; }
  const VkPhysicalDeviceProperties& properties() const { return properties_; }
  bool multiview() const { return multiview_; }
  // Null when validation is off.
  const std::shared_ptr<ValidationLog>& validation_log() const { return log_; }

  // A memory type index with all of `required` (and `preferred` when one has it);
  // aborts when none does (VK_CHECK-style: a driver that lacks host-visible or
  // device-local memory is broken).
  std::uint32_t memory_type(std::uint32_t type_bits, VkMemoryPropertyFlags required,
                            VkMemoryPropertyFlags preferred = 0) const;
  bool format_supports(VkFormat format, VkFormatFeatureFlags features) const;
  // The first depth-stencil format usable as an attachment (D24S8, D32S8, D16S8).
  VkFormat depth_stencil_format() const { return depth_format_; }

  // Records `record` into a one-time command buffer, submits it and waits for it.
  // For uploads and readbacks; not for per-frame work.
  void run_now(const std::function<void(VkCommandBuffer)>& record);
  void wait_idle() const;

 private:
  Device() = default;
  Status create_instance(const DeviceDesc& desc);
  Status select_gpu(const DeviceDesc& desc);
  Status create_logical_device(const DeviceDesc& desc);

  std::shared_ptr<ValidationLog> log_;
  VkInstance instance_ = VK_NULL_HANDLE;
  VkDebugUtilsMessengerEXT messenger_ = VK_NULL_HANDLE;
  VkPhysicalDevice gpu_ = VK_NULL_HANDLE;
  VkPhysicalDeviceProperties properties_{};
  VkPhysicalDeviceMemoryProperties memory_{};
  VkDevice device_ = VK_NULL_HANDLE;
  VkQueue queue_ = VK_NULL_HANDLE;
  std::uint32_t queue_family_ = 0;
  bool multiview_ = false;
  VkFormat depth_format_ = VK_FORMAT_UNDEFINED;
  Unique<VkCommandPool> one_time_pool_;
};

}  // namespace trialxr::render
