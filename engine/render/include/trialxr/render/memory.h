// Buffers and images with their own memory (one allocation each: a bundle holds tens
// of resources, not thousands). Move-only; destroyed in place, so anything the GPU may
// still read goes through the renderer's retire queue first.
#pragma once

#include <vulkan/vulkan.h>

#include <cstddef>
#include <cstdint>

#include "trialxr/render/vk_handles.h"

namespace trialxr::render {

class Device;

enum class MemoryUse : std::uint8_t {
  gpu_only,  // device-local
  upload,    // host-visible, coherent, mapped: staging and per-frame data
  readback,  // host-visible, coherent (cached when offered), mapped
};

struct BufferDesc {
  VkDeviceSize size = 0;
  VkBufferUsageFlags usage = 0;
  MemoryUse memory = MemoryUse::gpu_only;
};

class Buffer {
 public:
  Buffer() = default;
  Buffer(const Device& device, const BufferDesc& desc);
  VkBuffer get() const { return buffer_.get(); }
  VkDeviceSize size() const { return size_; }
  std::byte* mapped() const { return mapped_; }  // null for gpu_only

 private:
  Unique<VkDeviceMemory> memory_;  // declared first: freed after the buffer
  Unique<VkBuffer> buffer_;
  VkDeviceSize size_ = 0;
  std::byte* mapped_ = nullptr;
};

struct ImageDesc {
  VkFormat format = VK_FORMAT_R8G8B8A8_SRGB;
  VkExtent2D extent{1, 1};
  std::uint32_t mip_levels = 1;
  std::uint32_t layers = 1;
  VkSampleCountFlagBits samples = VK_SAMPLE_COUNT_1_BIT;
  VkImageUsageFlags usage = VK_IMAGE_USAGE_SAMPLED_BIT;
  VkImageAspectFlags aspect = VK_IMAGE_ASPECT_COLOR_BIT;
  bool transient = false;  // lazily allocated memory when the device offers it
};

// An image with one view over all its mips and layers (2D, or 2D array when layers > 1).
class Image {
 public:
  Image() = default;
  Image(const Device& device, const ImageDesc& desc);
  VkImage get() const { return image_.get(); }
  VkImageView view() const { return view_.get(); }
  const ImageDesc& desc() const { return desc_; }

 private:
  Unique<VkDeviceMemory> memory_;
  Unique<VkImage> image_;
  Unique<VkImageView> view_;  // declared last: destroyed first
  ImageDesc desc_;
};

// A view of `layer_count` layers of `image` from `base_layer` (2D when one layer).
Unique<VkImageView> create_view(VkDevice device, VkImage image, VkFormat format,
                                VkImageAspectFlags aspect, std::uint32_t base_layer,
                                std::uint32_t layer_count, std::uint32_t mip_levels = 1);

}  // namespace trialxr::render
