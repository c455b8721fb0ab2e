// How a frame's depth reaches a host's DepthTarget (render_target.h), per target format and
// sample count:
//   - with MSAA, the multisampled depth-stencil attachment is resolved into the target at
//     the end of the subpass (VkSubpassDescriptionDepthStencilResolve, core in Vulkan 1.2,
//     SAMPLE_ZERO: the one mode every implementation offers). The attachment's depth must
//     have the target's bits and type, so it is the target's depth-stencil partner
//     (D32_SFLOAT -> D32_SFLOAT_S8_UINT); its stencil serves the highlight;
//   - without MSAA, the target is the depth-stencil attachment itself. The highlight's
//     outline is drawn where the stencil mark is not, so the target needs a stencil.
#pragma once

#include <vulkan/vulkan.h>

#include <optional>

#include "trialxr/render/device.h"

namespace trialxr::render {

bool has_stencil(VkFormat format);
// DEPTH, plus STENCIL for formats that have it.
VkImageAspectFlags depth_aspects(VkFormat format);

struct DepthTargetPlan {
  VkFormat attachment = VK_FORMAT_UNDEFINED;  // the subpass's depth-stencil attachment
  bool resolve = false;                       // resolved into the target; else it is the target
};

class DepthTargetSupport {
 public:
  explicit DepthTargetSupport(const Device& device);
  // How a frame with `samples` writes into a target of `format`; nothing when it cannot.
  std::optional<DepthTargetPlan> plan(VkFormat format, VkSampleCountFlagBits samples) const;

 private:
  bool attachment_supports(VkFormat format, VkSampleCountFlagBits samples) const;

  const Device* device_;
  VkResolveModeFlags depth_resolve_modes_ = 0;
  VkResolveModeFlags stencil_resolve_modes_ = 0;
};

}  // namespace trialxr::render
