// Render passes for a target configuration. One subpass: colour (MSAA, resolved into
// the target, or the target itself) and a depth-stencil attachment, both cleared; with
// multiview the subpass's view mask covers both layers. The target's previous contents
// are discarded (initial layout UNDEFINED) and it ends in the host's final layout.
#pragma once

#include <vulkan/vulkan.h>

#include <compare>

#include "trialxr/render/vk_handles.h"

namespace trialxr::render {

struct PassKey {
  VkFormat color = VK_FORMAT_UNDEFINED;
  VkFormat depth = VK_FORMAT_UNDEFINED;
  VkSampleCountFlagBits samples = VK_SAMPLE_COUNT_1_BIT;
  bool multiview = false;  // view mask 0b11
  VkImageLayout final_layout = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL;
  auto operator<=>(const PassKey&) const = default;
};

Unique<VkRenderPass> create_render_pass(VkDevice device, const PassKey& key);

}  // namespace trialxr::render
