#include "upload.h"

#include <cstring>

#include "trialxr/core/check.h"
#include "trialxr/render/memory.h"
#include "trialxr/render/vk_init.h"

namespace trialxr::render {
namespace {

VkDeviceSize align_up(VkDeviceSize value, VkDeviceSize alignment) {
  return (value + alignment - 1) / alignment * alignment;
}

void image_barrier(VkCommandBuffer cmd, VkImage image, std::uint32_t mips, VkImageLayout from,
                   VkImageLayout to, VkAccessFlags src_access, VkAccessFlags dst_access,
                   VkPipelineStageFlags src_stage, VkPipelineStageFlags dst_stage) {
  auto barrier = vk_init<VkImageMemoryBarrier>(VK_STRUCTURE_TYPE_IMAGE_MEMORY_BARRIER);
  barrier.srcAccessMask = src_access;
  barrier.dstAccessMask = dst_access;
  barrier.oldLayout = from;
  barrier.newLayout = to;
  barrier.srcQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
  barrier.dstQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
  barrier.image = image;
  barrier.subresourceRange = {VK_IMAGE_ASPECT_COLOR_BIT, 0, mips, 0, 1};
  vkCmdPipelineBarrier(cmd, src_stage, dst_stage, 0, 0, nullptr, 0, nullptr, 1, &barrier);
}

}  // namespace

void UploadBatch::buffer(std::span<const std::byte> bytes, VkBuffer dst, VkDeviceSize dst_offset) {
  if (!bytes.empty()) buffers_.push_back({bytes, dst, dst_offset});
}

void UploadBatch::image(std::span<const std::byte> bytes, VkImage dst,
                        std::vector<MipUpload> mips) {
  TRIALXR_CHECK(!mips.empty());
  images_.push_back({bytes, dst, std::move(mips)});
}

void UploadBatch::submit_and_wait() {
  // Plan: every source at a 16-byte aligned offset (copies need 4; 16 is cheap).
  VkDeviceSize total = 0;
  std::vector<VkDeviceSize> buffer_at;
  std::vector<VkDeviceSize> image_at;
  for (const BufferCopy& c : buffers_) {
    buffer_at.push_back(total);
    total = align_up(total + c.bytes.size(), 16);
  }
  for (const ImageCopy& c : images_) {
    image_at.push_back(total);
    total = align_up(total + c.bytes.size(), 16);
  }
  if (total == 0) return;

  Buffer staging(
      device_,
      {.size = total, .usage = VK_BUFFER_USAGE_TRANSFER_SRC_BIT, .memory = MemoryUse::upload});
  for (std::size_t i = 0; i < buffers_.size(); ++i) {
    std::memcpy(staging.mapped() + buffer_at[i], buffers_[i].bytes.data(),
                buffers_[i].bytes.size());
  }
  for (std::size_t i = 0; i < images_.size(); ++i) {
    std::memcpy(staging.mapped() + image_at[i], images_[i].bytes.data(), images_[i].bytes.size());
  }

  device_.run_now([&](VkCommandBuffer cmd) {
    for (std::size_t i = 0; i < buffers_.size(); ++i) {
      const VkBufferCopy region{buffer_at[i], buffers_[i].dst_offset, buffers_[i].bytes.size()};
      vkCmdCopyBuffer(cmd, staging.get(), buffers_[i].dst, 1, &region);
    }
    for (std::size_t i = 0; i < images_.size(); ++i) {
      const ImageCopy& c = images_[i];
      const auto mips = static_cast<std::uint32_t>(c.mips.size());
      image_barrier(cmd, c.dst, mips, VK_IMAGE_LAYOUT_UNDEFINED,
                    VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, 0, VK_ACCESS_TRANSFER_WRITE_BIT,
                    VK_PIPELINE_STAGE_TOP_OF_PIPE_BIT, VK_PIPELINE_STAGE_TRANSFER_BIT);
      std::vector<VkBufferImageCopy> regions;
      for (std::uint32_t level = 0; level < mips; ++level) {
        VkBufferImageCopy r{};
        r.bufferOffset = image_at[i] + c.mips[level].offset;
        r.imageSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, level, 0, 1};
        r.imageExtent = {c.mips[level].width, c.mips[level].height, 1};
        regions.push_back(r);
      }
      vkCmdCopyBufferToImage(cmd, staging.get(), c.dst, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, mips,
                             regions.data());
      image_barrier(cmd, c.dst, mips, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL,
                    VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL, VK_ACCESS_TRANSFER_WRITE_BIT,
                    VK_ACCESS_SHADER_READ_BIT, VK_PIPELINE_STAGE_TRANSFER_BIT,
                    VK_PIPELINE_STAGE_FRAGMENT_SHADER_BIT);
    }
    auto barrier = vk_init<VkMemoryBarrier>(VK_STRUCTURE_TYPE_MEMORY_BARRIER);
    barrier.srcAccessMask = VK_ACCESS_TRANSFER_WRITE_BIT;
    barrier.dstAccessMask = VK_ACCESS_SHADER_READ_BIT | VK_ACCESS_INDEX_READ_BIT;
    vkCmdPipelineBarrier(cmd, VK_PIPELINE_STAGE_TRANSFER_BIT,
                         VK_PIPELINE_STAGE_VERTEX_INPUT_BIT | VK_PIPELINE_STAGE_VERTEX_SHADER_BIT |
                             VK_PIPELINE_STAGE_FRAGMENT_SHADER_BIT,
                         0, 1, &barrier, 0, nullptr, 0, nullptr);
  });
  buffers_.clear();
  images_.clear();
}

}  // namespace trialxr::render
