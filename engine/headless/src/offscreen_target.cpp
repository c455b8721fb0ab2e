#include "trialxr/headless/offscreen_target.h"

#include <fmt/format.h>

#include <cstring>

#include "trialxr/core/check.h"
#include "trialxr/render/vk_init.h"

namespace trialxr::headless {
namespace {

bool is_bgra(VkFormat f) {
  return f == VK_FORMAT_B8G8R8A8_SRGB || f == VK_FORMAT_B8G8R8A8_UNORM;
}

bool is_rgba8_family(VkFormat f) {
  return f == VK_FORMAT_R8G8B8A8_SRGB || f == VK_FORMAT_R8G8B8A8_UNORM || is_bgra(f);
}

}  // namespace

Result<OffscreenTarget> OffscreenTarget::create(render::Device& device, const OffscreenDesc& desc) {
  if (!is_rgba8_family(desc.format)) {
    return fail(
        fmt::format("unsupported offscreen format {}: use R8G8B8A8_SRGB, R8G8B8A8_UNORM, "
                    "B8G8R8A8_SRGB or B8G8R8A8_UNORM",
                    static_cast<int>(desc.format)));
  }
  if (!device.format_supports(desc.format, VK_FORMAT_FEATURE_COLOR_ATTACHMENT_BIT |
                                               VK_FORMAT_FEATURE_TRANSFER_SRC_BIT)) {
    return fail(
        fmt::format("unsupported offscreen format {}: the Vulkan device cannot render to "
                    "it and copy from it",
                    static_cast<int>(desc.format)));
  }
  const std::uint32_t max = device.properties().limits.maxImageDimension2D;
  if (desc.width == 0 || desc.height == 0 || desc.width > max || desc.height > max ||
      desc.layers == 0 || desc.layers > 2) {
    return fail(
        fmt::format("unsupported offscreen size {}x{} with {} layers (at most {}x{}, 1 or 2 "
                    "layers)",
                    desc.width, desc.height, desc.layers, max, max));
  }
  OffscreenTarget t;
  t.desc_ = desc;
  t.image_ = render::Image(
      device, {.format = desc.format,
               .extent = {desc.width, desc.height},
               .layers = desc.layers,
               .usage = VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT | VK_IMAGE_USAGE_TRANSFER_SRC_BIT});
  t.readback_ =
      render::Buffer(device, {.size = VkDeviceSize{desc.width} * desc.height * 4 * desc.layers,
                              .usage = VK_BUFFER_USAGE_TRANSFER_DST_BIT,
                              .memory = render::MemoryUse::readback});
  return t;
}

render::RenderTarget OffscreenTarget::target() const {
  return {image_.get(),
          desc_.format,
          {desc_.width, desc_.height},
          desc_.layers,
          VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL};
}

RgbaImage OffscreenTarget::read_back(render::Device& device) const {
  const std::uint32_t w = desc_.width;
  const std::uint32_t h = desc_.height;
  device.run_now([&](VkCommandBuffer cmd) {
    VkBufferImageCopy region{};
    region.bufferOffset = 0;
    region.imageSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, desc_.layers};
    region.imageExtent = {w, h, 1};
    vkCmdCopyImageToBuffer(cmd, image_.get(), VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, readback_.get(),
                           1, &region);
    auto barrier = render::vk_init<VkMemoryBarrier>(VK_STRUCTURE_TYPE_MEMORY_BARRIER);
    barrier.srcAccessMask = VK_ACCESS_TRANSFER_WRITE_BIT;
    barrier.dstAccessMask = VK_ACCESS_HOST_READ_BIT;
    vkCmdPipelineBarrier(cmd, VK_PIPELINE_STAGE_TRANSFER_BIT, VK_PIPELINE_STAGE_HOST_BIT, 0, 1,
                         &barrier, 0, nullptr, 0, nullptr);
  });
  // Layers are stored one after another; lay them side by side.
  RgbaImage out;
  out.width = w * desc_.layers;
  out.height = h;
  out.pixels.resize(std::size_t{out.width} * h * 4);
  const std::byte* src = readback_.mapped();
  for (std::uint32_t layer = 0; layer < desc_.layers; ++layer) {
    for (std::uint32_t y = 0; y < h; ++y) {
      const std::byte* row = src + (std::size_t{layer} * h + y) * w * 4;
      std::uint8_t* dst =
          out.pixels.data() + (std::size_t{y} * out.width + std::size_t{layer} * w) * 4;
      std::memcpy(dst, row, std::size_t{w} * 4);
      if (is_bgra(desc_.format)) {
        for (std::uint32_t x = 0; x < w; ++x) std::swap(dst[x * 4], dst[x * 4 + 2]);
      }
    }
  }
  return out;
}

}  // namespace trialxr::headless
