// Render passes for a target configuration. One subpass: colour (MSAA, resolved into
// the target, or the target itself) and a depth-stencil attachment, both cleared; with
// multiview the subpass's view mask covers both layers. The target's previous contents
// are discarded (initial layout UNDEFINED) and it ends in the host's final layout.
// With a host's depth target, the depth is kept: resolved into the target (sample zero)
// when multisampled, or stored when the target is the depth-stencil attachment itself.
#pragma once

#include <vulkan/vulkan.h>

#include <compare>

#include "trialxr/render/vk_handles.h"

namespace trialxr::render {

struct PassKey {
  VkFormat color = VK_FORMAT_UNDEFINED;
  VkFormat depth = VK_FORMAT_UNDEFINED;  // the depth-stencil attachment
  VkSampleCountFlagBits samples = VK_SAMPLE_COUNT_1_BIT;
  bool multiview = false;  // view mask 0b11
  VkImageLayout final_layout = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL;
  // A host's depth target (UNDEFINED: none). With samples > 1 it is a depth-stencil resolve
  // attachment; with one sample it must equal `depth` (the attachment is the target).
  VkFormat depth_target = VK_FORMAT_UNDEFINED;
  VkImageLayout depth_final_layout = VK_IMAGE_LAYOUT_DEPTH_STENCIL_ATTACHMENT_OPTIMAL;
  auto operator<=>(const PassKey&) const = default;
};

// Attachment indices: 0 colour, 1 depth-stencil, then with MSAA 2 the colour resolve and,
// with a depth target, 3 the depth resolve.
Unique<VkRenderPass> create_render_pass(VkDevice device, const PassKey& key);

}  // namespace trialxr::render
