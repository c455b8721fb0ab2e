#include "trialxr/render/memory.h"

#include "trialxr/core/check.h"
#include "trialxr/render/device.h"
#include "trialxr/render/vk_check.h"
#include "trialxr/render/vk_init.h"

namespace trialxr::render {
namespace {

VkMemoryPropertyFlags required_flags(MemoryUse use) {
  return use == MemoryUse::gpu_only
             ? 0
             : VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT | VK_MEMORY_PROPERTY_HOST_COHERENT_BIT;
}

VkMemoryPropertyFlags preferred_flags(MemoryUse use) {
  switch (use) {
    case MemoryUse::gpu_only:
      return VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT;
    case MemoryUse::upload:
      return 0;
    case MemoryUse::readback:
      return VK_MEMORY_PROPERTY_HOST_CACHED_BIT;
  }
  return 0;
}

Unique<VkDeviceMemory> allocate(const Device& device, const VkMemoryRequirements& req,
                                VkMemoryPropertyFlags required, VkMemoryPropertyFlags preferred) {
  auto info = vk_init<VkMemoryAllocateInfo>(VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO);
  info.allocationSize = req.size;
  info.memoryTypeIndex = device.memory_type(req.memoryTypeBits, required, preferred);
  VkDeviceMemory memory = VK_NULL_HANDLE;
  VK_CHECK(vkAllocateMemory(device.device(), &info, nullptr, &memory));
  return {device.device(), memory};
}

}  // namespace

Buffer::Buffer(const Device& device, const BufferDesc& desc) : size_(desc.size) {
  TRIALXR_CHECK(desc.size > 0);
  auto info = vk_init<VkBufferCreateInfo>(VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO);
  info.size = desc.size;
  info.usage = desc.usage;
  info.sharingMode = VK_SHARING_MODE_EXCLUSIVE;
  VkBuffer buffer = VK_NULL_HANDLE;
  VK_CHECK(vkCreateBuffer(device.device(), &info, nullptr, &buffer));
  buffer_ = Unique<VkBuffer>(device.device(), buffer);

  VkMemoryRequirements req;
  vkGetBufferMemoryRequirements(device.device(), buffer, &req);
  memory_ = allocate(device, req, required_flags(desc.memory), preferred_flags(desc.memory));
  VK_CHECK(vkBindBufferMemory(device.device(), buffer, memory_.get(), 0));
  if (desc.memory != MemoryUse::gpu_only) {
    void* data = nullptr;
    VK_CHECK(vkMapMemory(device.device(), memory_.get(), 0, VK_WHOLE_SIZE, 0, &data));
    mapped_ = static_cast<std::byte*>(data);
  }
}

Image::Image(const Device& device, const ImageDesc& desc) : desc_(desc) {
  auto info = vk_init<VkImageCreateInfo>(VK_STRUCTURE_TYPE_IMAGE_CREATE_INFO);
  info.imageType = VK_IMAGE_TYPE_2D;
  info.format = desc.format;
  info.extent = {desc.extent.width, desc.extent.height, 1};
  info.mipLevels = desc.mip_levels;
  info.arrayLayers = desc.layers;
  info.samples = desc.samples;
  info.tiling = VK_IMAGE_TILING_OPTIMAL;
  info.usage = desc.usage |
               (desc.transient ? VkImageUsageFlags{VK_IMAGE_USAGE_TRANSIENT_ATTACHMENT_BIT} : 0u);
  info.sharingMode = VK_SHARING_MODE_EXCLUSIVE;
  info.initialLayout = VK_IMAGE_LAYOUT_UNDEFINED;
  VkImage image = VK_NULL_HANDLE;
  VK_CHECK(vkCreateImage(device.device(), &info, nullptr, &image));
  image_ = Unique<VkImage>(device.device(), image);

  VkMemoryRequirements req;
  vkGetImageMemoryRequirements(device.device(), image, &req);
  const VkMemoryPropertyFlags preferred =
      VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT |
      (desc.transient ? VkMemoryPropertyFlags{VK_MEMORY_PROPERTY_LAZILY_ALLOCATED_BIT} : 0u);
  memory_ = allocate(device, req, 0, preferred);
  VK_CHECK(vkBindImageMemory(device.device(), image, memory_.get(), 0));
  view_ = create_view(device.device(), image, desc.format, desc.aspect, 0, desc.layers,
                      desc.mip_levels);
}

Unique<VkImageView> create_view(VkDevice device, VkImage image, VkFormat format,
                                VkImageAspectFlags aspect, std::uint32_t base_layer,
                                std::uint32_t layer_count, std::uint32_t mip_levels) {
  auto info = vk_init<VkImageViewCreateInfo>(VK_STRUCTURE_TYPE_IMAGE_VIEW_CREATE_INFO);
  info.image = image;
  info.viewType = layer_count > 1 ? VK_IMAGE_VIEW_TYPE_2D_ARRAY : VK_IMAGE_VIEW_TYPE_2D;
  info.format = format;
  info.subresourceRange = {aspect, 0, mip_levels, base_layer, layer_count};
  VkImageView view = VK_NULL_HANDLE;
  VK_CHECK(vkCreateImageView(device, &info, nullptr, &view));
  return {device, view};
}

}  // namespace trialxr::render
