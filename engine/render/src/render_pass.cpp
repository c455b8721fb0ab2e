#include "render_pass.h"

#include <array>
#include <cstdint>
#include <vector>

#include "depth_target_plan.h"
#include "trialxr/core/check.h"
#include "trialxr/render/vk_check.h"
#include "trialxr/render/vk_init.h"

namespace trialxr::render {
namespace {

VkAttachmentDescription2 attachment(VkFormat format, VkSampleCountFlagBits samples) {
  auto a = vk_init<VkAttachmentDescription2>(VK_STRUCTURE_TYPE_ATTACHMENT_DESCRIPTION_2);
  a.format = format;
  a.samples = samples;
  a.loadOp = VK_ATTACHMENT_LOAD_OP_DONT_CARE;
  a.storeOp = VK_ATTACHMENT_STORE_OP_DONT_CARE;
  a.stencilLoadOp = VK_ATTACHMENT_LOAD_OP_DONT_CARE;
  a.stencilStoreOp = VK_ATTACHMENT_STORE_OP_DONT_CARE;
  a.initialLayout = VK_IMAGE_LAYOUT_UNDEFINED;
  return a;
}

VkAttachmentReference2 reference(std::uint32_t index, VkImageLayout layout,
                                 VkImageAspectFlags aspects) {
  auto r = vk_init<VkAttachmentReference2>(VK_STRUCTURE_TYPE_ATTACHMENT_REFERENCE_2);
  r.attachment = index;
  r.layout = layout;
  r.aspectMask = aspects;
  return r;
}

}  // namespace

Unique<VkRenderPass> create_render_pass(VkDevice device, const PassKey& key) {
  const bool msaa = key.samples != VK_SAMPLE_COUNT_1_BIT;
  const bool depth_out = key.depth_target != VK_FORMAT_UNDEFINED;
  const bool depth_resolve = depth_out && msaa;
  TRIALXR_CHECK(!depth_out || msaa || key.depth_target == key.depth);
  std::vector<VkAttachmentDescription2> attachments;

  VkAttachmentDescription2 color = attachment(key.color, key.samples);
  color.loadOp = VK_ATTACHMENT_LOAD_OP_CLEAR;
  color.storeOp = msaa ? VK_ATTACHMENT_STORE_OP_DONT_CARE : VK_ATTACHMENT_STORE_OP_STORE;
  color.finalLayout = msaa ? VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL : key.final_layout;
  attachments.push_back(color);

  // Without MSAA a depth target is this attachment: its depth is stored, its stencil not.
  VkAttachmentDescription2 depth = attachment(key.depth, key.samples);
  depth.loadOp = VK_ATTACHMENT_LOAD_OP_CLEAR;
  depth.stencilLoadOp = VK_ATTACHMENT_LOAD_OP_CLEAR;
  const bool depth_is_target = depth_out && !msaa;
  depth.storeOp = depth_is_target ? VK_ATTACHMENT_STORE_OP_STORE : VK_ATTACHMENT_STORE_OP_DONT_CARE;
  depth.finalLayout =
      depth_is_target ? key.depth_final_layout : VK_IMAGE_LAYOUT_DEPTH_STENCIL_ATTACHMENT_OPTIMAL;
  attachments.push_back(depth);

  if (msaa) {
    VkAttachmentDescription2 resolve = attachment(key.color, VK_SAMPLE_COUNT_1_BIT);
    resolve.storeOp = VK_ATTACHMENT_STORE_OP_STORE;
    resolve.finalLayout = key.final_layout;
    attachments.push_back(resolve);
  }
  if (depth_resolve) {
    VkAttachmentDescription2 resolve = attachment(key.depth_target, VK_SAMPLE_COUNT_1_BIT);
    resolve.storeOp = VK_ATTACHMENT_STORE_OP_STORE;
    resolve.finalLayout = key.depth_final_layout;
    attachments.push_back(resolve);
  }

  const VkAttachmentReference2 color_ref =
      reference(0, VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL, VK_IMAGE_ASPECT_COLOR_BIT);
  const VkAttachmentReference2 depth_ref =
      reference(1, VK_IMAGE_LAYOUT_DEPTH_STENCIL_ATTACHMENT_OPTIMAL, depth_aspects(key.depth));
  const VkAttachmentReference2 resolve_ref =
      reference(2, VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL, VK_IMAGE_ASPECT_COLOR_BIT);
  const VkAttachmentReference2 depth_resolve_ref = reference(
      3, VK_IMAGE_LAYOUT_DEPTH_STENCIL_ATTACHMENT_OPTIMAL, depth_aspects(key.depth_target));

  // Sample zero: the one depth resolve mode every implementation has. The stencil of a target
  // that has one is resolved the same way (implementations without independentResolveNone
  // need both modes equal); the runtime never reads it.
  auto ds_resolve = vk_init<VkSubpassDescriptionDepthStencilResolve>(
      VK_STRUCTURE_TYPE_SUBPASS_DESCRIPTION_DEPTH_STENCIL_RESOLVE);
  ds_resolve.depthResolveMode = VK_RESOLVE_MODE_SAMPLE_ZERO_BIT;
  ds_resolve.stencilResolveMode =
      has_stencil(key.depth_target) ? VK_RESOLVE_MODE_SAMPLE_ZERO_BIT : VK_RESOLVE_MODE_NONE;
  ds_resolve.pDepthStencilResolveAttachment = &depth_resolve_ref;

  const std::uint32_t view_mask = 0b11;
  auto subpass = vk_init<VkSubpassDescription2>(VK_STRUCTURE_TYPE_SUBPASS_DESCRIPTION_2);
  subpass.pNext = depth_resolve ? &ds_resolve : nullptr;
  subpass.pipelineBindPoint = VK_PIPELINE_BIND_POINT_GRAPHICS;
  subpass.viewMask = key.multiview ? view_mask : 0;
  subpass.colorAttachmentCount = 1;
  subpass.pColorAttachments = &color_ref;
  subpass.pResolveAttachments = msaa ? &resolve_ref : nullptr;
  subpass.pDepthStencilAttachment = &depth_ref;

  // In: earlier frames (same queue) wrote the shared depth and MSAA images and the host
  // may have waited on a semaphore at colour output. Out: whatever the host does next
  // with the target (present, sample, copy) sees the frame's writes. Resolves, the depth
  // resolve included, run at colour attachment output.
  constexpr VkPipelineStageFlags kAttachmentStages = VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT |
                                                     VK_PIPELINE_STAGE_EARLY_FRAGMENT_TESTS_BIT |
                                                     VK_PIPELINE_STAGE_LATE_FRAGMENT_TESTS_BIT;
  constexpr VkAccessFlags kAttachmentWrites =
      VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT | VK_ACCESS_DEPTH_STENCIL_ATTACHMENT_WRITE_BIT;
  std::array<VkSubpassDependency2, 2> dependencies{};
  for (VkSubpassDependency2& d : dependencies)
    d = vk_init<VkSubpassDependency2>(VK_STRUCTURE_TYPE_SUBPASS_DEPENDENCY_2);
  dependencies[0].srcSubpass = VK_SUBPASS_EXTERNAL;
  dependencies[0].dstSubpass = 0;
  dependencies[0].srcStageMask = kAttachmentStages;
  dependencies[0].dstStageMask = kAttachmentStages;
  dependencies[0].srcAccessMask = kAttachmentWrites;
  dependencies[0].dstAccessMask = kAttachmentWrites | VK_ACCESS_COLOR_ATTACHMENT_READ_BIT |
                                  VK_ACCESS_DEPTH_STENCIL_ATTACHMENT_READ_BIT;
  dependencies[1].srcSubpass = 0;
  dependencies[1].dstSubpass = VK_SUBPASS_EXTERNAL;
  dependencies[1].srcStageMask = kAttachmentStages;
  dependencies[1].dstStageMask = VK_PIPELINE_STAGE_ALL_COMMANDS_BIT;
  dependencies[1].srcAccessMask = kAttachmentWrites;
  dependencies[1].dstAccessMask = VK_ACCESS_MEMORY_READ_BIT | VK_ACCESS_MEMORY_WRITE_BIT;

  auto info = vk_init<VkRenderPassCreateInfo2>(VK_STRUCTURE_TYPE_RENDER_PASS_CREATE_INFO_2);
  info.attachmentCount = static_cast<std::uint32_t>(attachments.size());
  info.pAttachments = attachments.data();
  info.subpassCount = 1;
  info.pSubpasses = &subpass;
  info.dependencyCount = static_cast<std::uint32_t>(dependencies.size());
  info.pDependencies = dependencies.data();
  info.correlatedViewMaskCount = key.multiview ? 1 : 0;
  info.pCorrelatedViewMasks = key.multiview ? &view_mask : nullptr;
  VkRenderPass pass = VK_NULL_HANDLE;
  VK_CHECK(vkCreateRenderPass2(device, &info, nullptr, &pass));
  return {device, pass};
}

}  // namespace trialxr::render
