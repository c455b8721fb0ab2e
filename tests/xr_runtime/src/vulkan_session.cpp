#include "vulkan_session.h"

#include <algorithm>
#include <cstring>

namespace trialxr::xrt {

XrResult to_xr(VkResult result) {
  if (result == VK_SUCCESS) return XR_SUCCESS;
  if (result == VK_ERROR_OUT_OF_HOST_MEMORY || result == VK_ERROR_OUT_OF_DEVICE_MEMORY)
    return XR_ERROR_OUT_OF_MEMORY;
  return XR_ERROR_RUNTIME_FAILURE;
}

XrResult VulkanSession::create(const XrGraphicsBindingVulkan2KHR& binding,
                               PFN_vkGetInstanceProcAddr get_instance_proc,
                               std::unique_ptr<VulkanSession>& out) {
  std::unique_ptr<VulkanSession> s(new VulkanSession());
  s->physical_ = binding.physicalDevice;
  s->device_ = binding.device;
  Functions& fn = s->fn_;
#define TRIALXR_XRT_LOAD(name)                                                        \
  fn.name = reinterpret_cast<PFN_##name>(get_instance_proc(binding.instance, #name)); \
  if (fn.name == nullptr) return XR_ERROR_RUNTIME_FAILURE;
  TRIALXR_XRT_INSTANCE_FUNCTIONS(TRIALXR_XRT_LOAD)
#undef TRIALXR_XRT_LOAD
#define TRIALXR_XRT_LOAD(name)                                                           \
  fn.name = reinterpret_cast<PFN_##name>(fn.vkGetDeviceProcAddr(binding.device, #name)); \
  if (fn.name == nullptr) return XR_ERROR_RUNTIME_FAILURE;
  TRIALXR_XRT_DEVICE_FUNCTIONS(TRIALXR_XRT_LOAD)
#undef TRIALXR_XRT_LOAD

  fn.vkGetPhysicalDeviceMemoryProperties(s->physical_, &s->memory_);
  fn.vkGetDeviceQueue(s->device_, binding.queueFamilyIndex, binding.queueIndex, &s->queue_);

  auto pool_info = vk_struct<VkCommandPoolCreateInfo>(VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO);
  pool_info.flags = VK_COMMAND_POOL_CREATE_RESET_COMMAND_BUFFER_BIT;
  pool_info.queueFamilyIndex = binding.queueFamilyIndex;
  if (XrResult r = to_xr(fn.vkCreateCommandPool(s->device_, &pool_info, nullptr, &s->pool_));
      XR_FAILED(r))
    return r;
  auto alloc =
      vk_struct<VkCommandBufferAllocateInfo>(VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO);
  alloc.commandPool = s->pool_;
  alloc.level = VK_COMMAND_BUFFER_LEVEL_PRIMARY;
  alloc.commandBufferCount = 1;
  if (XrResult r = to_xr(fn.vkAllocateCommandBuffers(s->device_, &alloc, &s->commands_));
      XR_FAILED(r))
    return r;
  out = std::move(s);
  return XR_SUCCESS;
}

VulkanSession::~VulkanSession() {
  // Freeing the pool frees its command buffer; nothing of ours is pending (every submission
  // waited for the queue).
  if (pool_ != VK_NULL_HANDLE) fn_.vkDestroyCommandPool(device_, pool_, nullptr);
}

bool VulkanSession::supports(const ImageDesc& desc) const {
  VkImageFormatProperties props{};
  const VkResult r = fn_.vkGetPhysicalDeviceImageFormatProperties(
      physical_, desc.format, VK_IMAGE_TYPE_2D, VK_IMAGE_TILING_OPTIMAL, desc.usage, desc.flags,
      &props);
  if (r != VK_SUCCESS) return false;
  return desc.width <= props.maxExtent.width && desc.height <= props.maxExtent.height &&
         desc.layers <= props.maxArrayLayers && desc.mips <= props.maxMipLevels &&
         (props.sampleCounts & VK_SAMPLE_COUNT_1_BIT) != 0;
}

std::optional<uint32_t> VulkanSession::memory_type(uint32_t allowed,
                                                   VkMemoryPropertyFlags wanted) const {
  for (uint32_t i = 0; i < memory_.memoryTypeCount; ++i) {
    if ((allowed & (1u << i)) != 0 && (memory_.memoryTypes[i].propertyFlags & wanted) == wanted)
      return i;
  }
  return std::nullopt;
}

XrResult VulkanSession::create_image(const ImageDesc& desc, VulkanImage& out) {
  auto info = vk_struct<VkImageCreateInfo>(VK_STRUCTURE_TYPE_IMAGE_CREATE_INFO);
  info.flags = desc.flags;
  info.imageType = VK_IMAGE_TYPE_2D;
  info.format = desc.format;
  info.extent = {desc.width, desc.height, 1};
  info.mipLevels = desc.mips;
  info.arrayLayers = desc.layers;
  info.samples = VK_SAMPLE_COUNT_1_BIT;
  info.tiling = VK_IMAGE_TILING_OPTIMAL;
  info.usage = desc.usage;
  info.sharingMode = VK_SHARING_MODE_EXCLUSIVE;
  info.initialLayout = VK_IMAGE_LAYOUT_UNDEFINED;
  VulkanImage image;
  if (XrResult r = to_xr(fn_.vkCreateImage(device_, &info, nullptr, &image.image)); XR_FAILED(r))
    return r;
  VkMemoryRequirements req{};
  fn_.vkGetImageMemoryRequirements(device_, image.image, &req);
  std::optional<uint32_t> type =
      memory_type(req.memoryTypeBits, VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT);
  if (!type) type = memory_type(req.memoryTypeBits, 0);
  auto alloc = vk_struct<VkMemoryAllocateInfo>(VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO);
  alloc.allocationSize = req.size;
  alloc.memoryTypeIndex = type.value_or(0);
  XrResult r = type ? to_xr(fn_.vkAllocateMemory(device_, &alloc, nullptr, &image.memory))
                    : XR_ERROR_RUNTIME_FAILURE;
  if (XR_SUCCEEDED(r)) r = to_xr(fn_.vkBindImageMemory(device_, image.image, image.memory, 0));
  if (XR_FAILED(r)) {
    destroy_image(image);
    return r;
  }
  out = image;
  return XR_SUCCESS;
}

void VulkanSession::destroy_image(VulkanImage& image) {
  if (image.image != VK_NULL_HANDLE) fn_.vkDestroyImage(device_, image.image, nullptr);
  if (image.memory != VK_NULL_HANDLE) fn_.vkFreeMemory(device_, image.memory, nullptr);
  image = {};
}

XrResult VulkanSession::begin_commands() {
  if (XrResult r = to_xr(fn_.vkResetCommandBuffer(commands_, 0)); XR_FAILED(r)) return r;
  auto begin = vk_struct<VkCommandBufferBeginInfo>(VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO);
  begin.flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT;
  return to_xr(fn_.vkBeginCommandBuffer(commands_, &begin));
}

XrResult VulkanSession::submit_and_wait() {
  if (XrResult r = to_xr(fn_.vkEndCommandBuffer(commands_)); XR_FAILED(r)) return r;
  auto submit = vk_struct<VkSubmitInfo>(VK_STRUCTURE_TYPE_SUBMIT_INFO);
  submit.commandBufferCount = 1;
  submit.pCommandBuffers = &commands_;
  if (XrResult r = to_xr(fn_.vkQueueSubmit(queue_, 1, &submit, VK_NULL_HANDLE)); XR_FAILED(r))
    return r;
  return to_xr(fn_.vkQueueWaitIdle(queue_));
}

XrResult VulkanSession::initialize_layouts(std::span<const VulkanImage> images,
                                           const ImageDesc& desc) {
  if (XrResult r = begin_commands(); XR_FAILED(r)) return r;
  std::vector<VkImageMemoryBarrier> barriers;
  for (const VulkanImage& image : images) {
    auto b = vk_struct<VkImageMemoryBarrier>(VK_STRUCTURE_TYPE_IMAGE_MEMORY_BARRIER);
    b.srcAccessMask = 0;
    b.dstAccessMask =
        desc.depth ? VK_ACCESS_DEPTH_STENCIL_ATTACHMENT_READ_BIT |
                         VK_ACCESS_DEPTH_STENCIL_ATTACHMENT_WRITE_BIT
                   : VK_ACCESS_COLOR_ATTACHMENT_READ_BIT | VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT;
    b.oldLayout = VK_IMAGE_LAYOUT_UNDEFINED;
    b.newLayout = desc.depth ? VK_IMAGE_LAYOUT_DEPTH_STENCIL_ATTACHMENT_OPTIMAL
                             : VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL;
    b.srcQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
    b.dstQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
    b.image = image.image;
    b.subresourceRange = {static_cast<VkImageAspectFlags>(desc.depth ? VK_IMAGE_ASPECT_DEPTH_BIT
                                                                     : VK_IMAGE_ASPECT_COLOR_BIT),
                          0, desc.mips, 0, desc.layers};
    barriers.push_back(b);
  }
  fn_.vkCmdPipelineBarrier(commands_, VK_PIPELINE_STAGE_TOP_OF_PIPE_BIT,
                           VK_PIPELINE_STAGE_ALL_COMMANDS_BIT, 0, 0, nullptr, 0, nullptr,
                           static_cast<uint32_t>(barriers.size()), barriers.data());
  return submit_and_wait();
}

namespace {

// The host-visible buffer a read-back copies into; destroyed at scope end.
struct StagingBuffer {
  VkDevice device = VK_NULL_HANDLE;
  PFN_vkDestroyBuffer destroy_buffer = nullptr;
  PFN_vkFreeMemory free_memory = nullptr;
  VkBuffer buffer = VK_NULL_HANDLE;
  VkDeviceMemory memory = VK_NULL_HANDLE;
  StagingBuffer(VkDevice d, PFN_vkDestroyBuffer db, PFN_vkFreeMemory fm)
      : device(d), destroy_buffer(db), free_memory(fm) {}
  StagingBuffer(const StagingBuffer&) = delete;
  StagingBuffer& operator=(const StagingBuffer&) = delete;
  ~StagingBuffer() {
    if (buffer != VK_NULL_HANDLE) destroy_buffer(device, buffer, nullptr);
    if (memory != VK_NULL_HANDLE) free_memory(device, memory, nullptr);
  }
};

bool is_bgra(VkFormat format) {
  return format == VK_FORMAT_B8G8R8A8_SRGB || format == VK_FORMAT_B8G8R8A8_UNORM;
}

}  // namespace

XrResult VulkanSession::read_rgba(const VulkanImage& image, const ImageDesc& desc, uint32_t layer,
                                  const XrRect2Di& rect, std::vector<uint8_t>& rgba) {
  if (XrResult r = copy_to_host(image, VK_IMAGE_ASPECT_COLOR_BIT,
                                VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL, layer, rect, rgba);
      XR_FAILED(r))
    return r;
  if (is_bgra(desc.format)) {
    for (std::size_t i = 0; i + 3 < rgba.size(); i += 4) std::swap(rgba[i], rgba[i + 2]);
  }
  return XR_SUCCESS;
}

XrResult VulkanSession::read_depth(const VulkanImage& image, const ImageDesc& desc, uint32_t layer,
                                   const XrRect2Di& rect, std::vector<float>& depth) {
  // A buffer copy of D32_SFLOAT's depth aspect is 32-bit floats, tightly packed.
  if (desc.format != VK_FORMAT_D32_SFLOAT) return XR_ERROR_RUNTIME_FAILURE;
  std::vector<uint8_t> bytes;
  if (XrResult r =
          copy_to_host(image, VK_IMAGE_ASPECT_DEPTH_BIT,
                       VK_IMAGE_LAYOUT_DEPTH_STENCIL_ATTACHMENT_OPTIMAL, layer, rect, bytes);
      XR_FAILED(r))
    return r;
  depth.resize(bytes.size() / sizeof(float));
  std::memcpy(depth.data(), bytes.data(), depth.size() * sizeof(float));
  return XR_SUCCESS;
}

XrResult VulkanSession::copy_to_host(const VulkanImage& image, VkImageAspectFlags aspect,
                                     VkImageLayout layout, uint32_t layer, const XrRect2Di& rect,
                                     std::vector<uint8_t>& bytes) {
  const auto width = static_cast<uint32_t>(rect.extent.width);
  const auto height = static_cast<uint32_t>(rect.extent.height);
  const VkDeviceSize size = VkDeviceSize{width} * height * 4;
  StagingBuffer staging(device_, fn_.vkDestroyBuffer, fn_.vkFreeMemory);
  auto buffer_info = vk_struct<VkBufferCreateInfo>(VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO);
  buffer_info.size = size;
  buffer_info.usage = VK_BUFFER_USAGE_TRANSFER_DST_BIT;
  buffer_info.sharingMode = VK_SHARING_MODE_EXCLUSIVE;
  if (XrResult r = to_xr(fn_.vkCreateBuffer(device_, &buffer_info, nullptr, &staging.buffer));
      XR_FAILED(r))
    return r;
  VkMemoryRequirements req{};
  fn_.vkGetBufferMemoryRequirements(device_, staging.buffer, &req);
  const std::optional<uint32_t> type =
      memory_type(req.memoryTypeBits,
                  VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT | VK_MEMORY_PROPERTY_HOST_COHERENT_BIT);
  if (!type) return XR_ERROR_RUNTIME_FAILURE;
  auto alloc = vk_struct<VkMemoryAllocateInfo>(VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO);
  alloc.allocationSize = req.size;
  alloc.memoryTypeIndex = *type;
  if (XrResult r = to_xr(fn_.vkAllocateMemory(device_, &alloc, nullptr, &staging.memory));
      XR_FAILED(r))
    return r;
  if (XrResult r = to_xr(fn_.vkBindBufferMemory(device_, staging.buffer, staging.memory, 0));
      XR_FAILED(r))
    return r;

  if (XrResult r = begin_commands(); XR_FAILED(r)) return r;
  const VkImageSubresourceRange range{aspect, 0, 1, layer, 1};
  auto to_src = vk_struct<VkImageMemoryBarrier>(VK_STRUCTURE_TYPE_IMAGE_MEMORY_BARRIER);
  to_src.srcAccessMask = VK_ACCESS_MEMORY_WRITE_BIT;
  to_src.dstAccessMask = VK_ACCESS_TRANSFER_READ_BIT;
  to_src.oldLayout = layout;
  to_src.newLayout = VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL;
  to_src.srcQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
  to_src.dstQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
  to_src.image = image.image;
  to_src.subresourceRange = range;
  fn_.vkCmdPipelineBarrier(commands_, VK_PIPELINE_STAGE_ALL_COMMANDS_BIT,
                           VK_PIPELINE_STAGE_TRANSFER_BIT, 0, 0, nullptr, 0, nullptr, 1, &to_src);
  VkBufferImageCopy copy{};
  copy.imageSubresource = {aspect, 0, layer, 1};
  copy.imageOffset = {rect.offset.x, rect.offset.y, 0};
  copy.imageExtent = {width, height, 1};
  fn_.vkCmdCopyImageToBuffer(commands_, image.image, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL,
                             staging.buffer, 1, &copy);
  VkImageMemoryBarrier back{to_src};
  back.srcAccessMask = VK_ACCESS_TRANSFER_READ_BIT;
  back.dstAccessMask = VK_ACCESS_MEMORY_READ_BIT | VK_ACCESS_MEMORY_WRITE_BIT;
  back.oldLayout = VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL;
  back.newLayout = layout;
  auto to_host = vk_struct<VkBufferMemoryBarrier>(VK_STRUCTURE_TYPE_BUFFER_MEMORY_BARRIER);
  to_host.srcAccessMask = VK_ACCESS_TRANSFER_WRITE_BIT;
  to_host.dstAccessMask = VK_ACCESS_HOST_READ_BIT;
  to_host.srcQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
  to_host.dstQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
  to_host.buffer = staging.buffer;
  to_host.size = VK_WHOLE_SIZE;
  fn_.vkCmdPipelineBarrier(commands_, VK_PIPELINE_STAGE_TRANSFER_BIT,
                           VK_PIPELINE_STAGE_ALL_COMMANDS_BIT | VK_PIPELINE_STAGE_HOST_BIT, 0, 0,
                           nullptr, 1, &to_host, 1, &back);
  if (XrResult r = submit_and_wait(); XR_FAILED(r)) return r;

  void* mapped = nullptr;
  if (XrResult r = to_xr(fn_.vkMapMemory(device_, staging.memory, 0, size, 0, &mapped));
      XR_FAILED(r))
    return r;
  bytes.resize(static_cast<std::size_t>(size));
  std::memcpy(bytes.data(), mapped, bytes.size());
  fn_.vkUnmapMemory(device_, staging.memory);
  return XR_SUCCESS;
}

}  // namespace trialxr::xrt
