// Unique<T>: a move-only owner of one Vulkan handle created from a VkDevice, destroyed
// with the matching vkDestroy*/vkFree* call. Resources that the GPU may still use go
// to the renderer's retire queue instead of being destroyed in place.
//
//   Unique<VkSampler> sampler(device, raw_sampler);   // owns raw_sampler from now on
//   vkCmdBind...(sampler.get());
#pragma once

#include <vulkan/vulkan.h>

#include <utility>

namespace trialxr::render {

// Non-dispatchable handles are distinct pointer types only on 64-bit targets, which the
// specialisations below rely on.
static_assert(sizeof(void*) == 8, "TrialXR's renderer needs a 64-bit target");

template <class T>
struct VkDestroyer;

#define TRIALXR_VK_DESTROYER(Type, call)                                                 \
  template <>                                                                            \
  struct VkDestroyer<Type> {                                                             \
    static void destroy(VkDevice device, Type handle) { call(device, handle, nullptr); } \
  }

TRIALXR_VK_DESTROYER(VkBuffer, vkDestroyBuffer);
TRIALXR_VK_DESTROYER(VkImage, vkDestroyImage);
TRIALXR_VK_DESTROYER(VkImageView, vkDestroyImageView);
TRIALXR_VK_DESTROYER(VkDeviceMemory, vkFreeMemory);
TRIALXR_VK_DESTROYER(VkSampler, vkDestroySampler);
TRIALXR_VK_DESTROYER(VkShaderModule, vkDestroyShaderModule);
TRIALXR_VK_DESTROYER(VkPipeline, vkDestroyPipeline);
TRIALXR_VK_DESTROYER(VkPipelineLayout, vkDestroyPipelineLayout);
TRIALXR_VK_DESTROYER(VkDescriptorSetLayout, vkDestroyDescriptorSetLayout);
TRIALXR_VK_DESTROYER(VkDescriptorPool, vkDestroyDescriptorPool);
TRIALXR_VK_DESTROYER(VkRenderPass, vkDestroyRenderPass);
TRIALXR_VK_DESTROYER(VkFramebuffer, vkDestroyFramebuffer);
TRIALXR_VK_DESTROYER(VkCommandPool, vkDestroyCommandPool);
TRIALXR_VK_DESTROYER(VkFence, vkDestroyFence);
TRIALXR_VK_DESTROYER(VkSemaphore, vkDestroySemaphore);

#undef TRIALXR_VK_DESTROYER

template <class T>
class Unique {
 public:
  Unique() = default;
  Unique(VkDevice device, T handle) : device_(device), handle_(handle) {}
  Unique(Unique&& other) noexcept
      : device_(other.device_), handle_(std::exchange(other.handle_, VK_NULL_HANDLE)) {}
  Unique& operator=(Unique&& other) noexcept {
    if (this != &other) {
      reset();
      device_ = other.device_;
      handle_ = std::exchange(other.handle_, VK_NULL_HANDLE);
    }
    return *this;
  }
  Unique(const Unique&) = delete;
  Unique& operator=(const Unique&) = delete;
  ~Unique() { reset(); }

  T get() const { return handle_; }
  explicit operator bool() const { return handle_ != VK_NULL_HANDLE; }
  void reset() {
    if (handle_ != VK_NULL_HANDLE)
      VkDestroyer<T>::destroy(device_, std::exchange(handle_, VK_NULL_HANDLE));
  }

 private:
  VkDevice device_ = VK_NULL_HANDLE;
  T handle_ = VK_NULL_HANDLE;
};

}  // namespace trialxr::render
