// The runtime's side of a Vulkan session: swapchain images with memory on the application's
// VkDevice, their first layout transition, and reading a submitted image back to the host.
// Every Vulkan function comes from the vkGetInstanceProcAddr the application gave to
// xrCreateVulkanInstanceKHR; work goes to the binding's queue on a command buffer of the
// runtime's own, and each submission waits for the queue to go idle.
#pragma once

#include <memory>
#include <optional>
#include <span>
#include <vector>

#include "xr_headers.h"

namespace trialxr::xrt {

struct ImageDesc {
  VkFormat format = VK_FORMAT_UNDEFINED;
  uint32_t width = 0;
  uint32_t height = 0;
  uint32_t layers = 1;
  uint32_t mips = 1;
  VkImageUsageFlags usage = 0;
  VkImageCreateFlags flags = 0;
  bool depth = false;  // a depth format: the images live in DEPTH_STENCIL_ATTACHMENT_OPTIMAL
};

struct VulkanImage {
  VkImage image = VK_NULL_HANDLE;
  VkDeviceMemory memory = VK_NULL_HANDLE;
};

#define TRIALXR_XRT_INSTANCE_FUNCTIONS(X)     \
  X(vkGetDeviceProcAddr)                      \
  X(vkGetPhysicalDeviceMemoryProperties)      \
  X(vkGetPhysicalDeviceImageFormatProperties) \
  X(vkGetPhysicalDeviceQueueFamilyProperties)

#define TRIALXR_XRT_DEVICE_FUNCTIONS(X) \
  X(vkGetDeviceQueue)                   \
  X(vkCreateCommandPool)                \
  X(vkDestroyCommandPool)               \
  X(vkAllocateCommandBuffers)           \
  X(vkResetCommandBuffer)               \
  X(vkBeginCommandBuffer)               \
  X(vkEndCommandBuffer)                 \
  X(vkCmdPipelineBarrier)               \
  X(vkCmdCopyImageToBuffer)             \
  X(vkQueueSubmit)                      \
  X(vkQueueWaitIdle)                    \
  X(vkCreateImage)                      \
  X(vkDestroyImage)                     \
  X(vkGetImageMemoryRequirements)       \
  X(vkBindImageMemory)                  \
  X(vkCreateBuffer)                     \
  X(vkDestroyBuffer)                    \
  X(vkGetBufferMemoryRequirements)      \
  X(vkBindBufferMemory)                 \
  X(vkAllocateMemory)                   \
  X(vkFreeMemory)                       \
  X(vkMapMemory)                        \
  X(vkUnmapMemory)

class VulkanSession {
 public:
  // Loads the functions and creates the command pool on the binding's queue family. The
  // binding must already have been checked against what xrCreateVulkanDeviceKHR created.
  static XrResult create(const XrGraphicsBindingVulkan2KHR& binding,
                         PFN_vkGetInstanceProcAddr get_instance_proc,
                         std::unique_ptr<VulkanSession>& out);
  ~VulkanSession();
  VulkanSession(const VulkanSession&) = delete;
  VulkanSession& operator=(const VulkanSession&) = delete;

  // Whether the device can create images like `desc` (format, usage, size, layers, mips).
  bool supports(const ImageDesc& desc) const;
  XrResult create_image(const ImageDesc& desc, VulkanImage& out);
  void destroy_image(VulkanImage& image);

  // Moves freshly created images from UNDEFINED to the layout the application finds them in
  // after xrWaitSwapchainImage (COLOR_ATTACHMENT_OPTIMAL or DEPTH_STENCIL_ATTACHMENT_OPTIMAL).
  XrResult initialize_layouts(std::span<const VulkanImage> images, const ImageDesc& desc);

  // Copies `rect` of mip 0 of array layer `layer` of a released color image to `rgba`
  // (RGBA8, rows top first), leaving the image in COLOR_ATTACHMENT_OPTIMAL.
  XrResult read_rgba(const VulkanImage& image, const ImageDesc& desc, uint32_t layer,
                     const XrRect2Di& rect, std::vector<uint8_t>& rgba);
  // The same for the depth aspect of a released D32_SFLOAT image, as floats, leaving it in
  // DEPTH_STENCIL_ATTACHMENT_OPTIMAL. XR_ERROR_RUNTIME_FAILURE for any other format.
  XrResult read_depth(const VulkanImage& image, const ImageDesc& desc, uint32_t layer,
                      const XrRect2Di& rect, std::vector<float>& depth);

 private:
  VulkanSession() = default;

  struct Functions {
#define TRIALXR_XRT_DECLARE(name) PFN_##name name = nullptr;
    TRIALXR_XRT_INSTANCE_FUNCTIONS(TRIALXR_XRT_DECLARE)
    TRIALXR_XRT_DEVICE_FUNCTIONS(TRIALXR_XRT_DECLARE)
#undef TRIALXR_XRT_DECLARE
  };

  std::optional<uint32_t> memory_type(uint32_t allowed, VkMemoryPropertyFlags wanted) const;
  XrResult begin_commands();
  XrResult submit_and_wait();
  // Copies `rect` of `aspect` of mip 0 of layer `layer` (4 bytes a texel) to `bytes`, the
  // image going from `layout` to TRANSFER_SRC_OPTIMAL and back.
  XrResult copy_to_host(const VulkanImage& image, VkImageAspectFlags aspect, VkImageLayout layout,
                        uint32_t layer, const XrRect2Di& rect, std::vector<uint8_t>& bytes);

  Functions fn_;
  VkPhysicalDevice physical_ = VK_NULL_HANDLE;
  VkDevice device_ = VK_NULL_HANDLE;
  VkQueue queue_ = VK_NULL_HANDLE;
  VkCommandPool pool_ = VK_NULL_HANDLE;
  VkCommandBuffer commands_ = VK_NULL_HANDLE;
  VkPhysicalDeviceMemoryProperties memory_{};
};

// XR_ERROR_OUT_OF_MEMORY for Vulkan's out-of-memory results, XR_ERROR_RUNTIME_FAILURE for
// any other failure, XR_SUCCESS for success.
XrResult to_xr(VkResult result);

}  // namespace trialxr::xrt
