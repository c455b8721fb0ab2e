// The renderer's own attachments for a target configuration: the multisampled colour
// image (resolved into the host's target) and the depth-stencil image, with one layer
// per view for multiview or one layer when views are drawn one pass at a time. Frames
// in flight share them (the render pass's external dependency orders their use).
#pragma once

#include <vulkan/vulkan.h>

#include <compare>
#include <cstdint>

#include "trialxr/render/device.h"
#include "trialxr/render/memory.h"

namespace trialxr::render {

struct AttachmentKey {
  VkFormat color = VK_FORMAT_UNDEFINED;
  // The depth-stencil image's format; UNDEFINED when a host's depth target is the
  // attachment itself (no MSAA), so the renderer needs none of its own.
  VkFormat depth = VK_FORMAT_UNDEFINED;
  std::uint32_t width = 0;
  std::uint32_t height = 0;
  std::uint32_t layers = 1;
  VkSampleCountFlagBits samples = VK_SAMPLE_COUNT_1_BIT;
  auto operator<=>(const AttachmentKey&) const = default;
};

struct Attachments {
  Attachments(const Device& device, const AttachmentKey& key);

  AttachmentKey key;
  Image color;  // only when key.samples > 1
  Image depth;  // only when key.depth is a format
};

}  // namespace trialxr::render
