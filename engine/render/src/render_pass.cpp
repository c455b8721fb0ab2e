#include "render_pass.h"

#include <array>
#include <cstdint>
#include <vector>

#include "trialxr/render/vk_check.h"
#include "trialxr/render/vk_init.h"

namespace trialxr::render {

Unique<VkRenderPass> create_render_pass(VkDevice device, const PassKey& key) {
  const bool msaa = key.samples != VK_SAMPLE_COUNT_1_BIT;
  std::vector<VkAttachmentDescription> attachments;
  VkAttachmentDescription color{};
  color.format = key.color;
  color.samples = key.samples;
  color.loadOp = VK_ATTACHMENT_LOAD_OP_CLEAR;
  color.storeOp = msaa ? VK_ATTACHMENT_STORE_OP_DONT_CARE : VK_ATTACHMENT_STORE_OP_STORE;
  color.stencilLoadOp = VK_ATTACHMENT_LOAD_OP_DONT_CARE;
  color.stencilStoreOp = VK_ATTACHMENT_STORE_OP_DONT_CARE;
  color.initialLayout = VK_IMAGE_LAYOUT_UNDEFINED;
  color.finalLayout = msaa ? VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL : key.final_layout;
  attachments.push_back(color);

  VkAttachmentDescription depth{};
  depth.format = key.depth;
  depth.samples = key.samples;
  depth.loadOp = VK_ATTACHMENT_LOAD_OP_CLEAR;
  depth.storeOp = VK_ATTACHMENT_STORE_OP_DONT_CARE;
  depth.stencilLoadOp = VK_ATTACHMENT_LOAD_OP_CLEAR;
  depth.stencilStoreOp = VK_ATTACHMENT_STORE_OP_DONT_CARE;
  depth.initialLayout = VK_IMAGE_LAYOUT_UNDEFINED;
  depth.finalLayout = VK_IMAGE_LAYOUT_DEPTH_STENCIL_ATTACHMENT_OPTIMAL;
  attachments.push_back(depth);

  if (msaa) {
    VkAttachmentDescription resolve = color;
    resolve.samples = VK_SAMPLE_COUNT_1_BIT;
    resolve.loadOp = VK_ATTACHMENT_LOAD_OP_DONT_CARE;
    resolve.storeOp = VK_ATTACHMENT_STORE_OP_STORE;
    resolve.finalLayout = key.final_layout;
    attachments.push_back(resolve);
  }

  const VkAttachmentReference color_ref{0, VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL};
  const VkAttachmentReference depth_ref{1, VK_IMAGE_LAYOUT_DEPTH_STENCIL_ATTACHMENT_OPTIMAL};
  const VkAttachmentReference resolve_ref{2, VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL};
  VkSubpassDescription subpass{};
  subpass.pipelineBindPoint = VK_PIPELINE_BIND_POINT_GRAPHICS;
  subpass.colorAttachmentCount = 1;
  subpass.pColorAttachments = &color_ref;
  subpass.pResolveAttachments = msaa ? &resolve_ref : nullptr;
  subpass.pDepthStencilAttachment = &depth_ref;

  // In: earlier frames (same queue) wrote the shared depth and MSAA images and the host
  // may have waited on a semaphore at colour output. Out: whatever the host does next
  // with the target (present, sample, copy) sees the frame's writes.
  constexpr VkPipelineStageFlags kAttachmentStages = VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT |
                                                     VK_PIPELINE_STAGE_EARLY_FRAGMENT_TESTS_BIT |
                                                     VK_PIPELINE_STAGE_LATE_FRAGMENT_TESTS_BIT;
  constexpr VkAccessFlags kAttachmentWrites =
      VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT | VK_ACCESS_DEPTH_STENCIL_ATTACHMENT_WRITE_BIT;
  const std::array<VkSubpassDependency, 2> dependencies = {{
      {VK_SUBPASS_EXTERNAL, 0, kAttachmentStages, kAttachmentStages, kAttachmentWrites,
       kAttachmentWrites | VK_ACCESS_COLOR_ATTACHMENT_READ_BIT |
           VK_ACCESS_DEPTH_STENCIL_ATTACHMENT_READ_BIT,
       0},
      {0, VK_SUBPASS_EXTERNAL, kAttachmentStages, VK_PIPELINE_STAGE_ALL_COMMANDS_BIT,
       kAttachmentWrites, VK_ACCESS_MEMORY_READ_BIT | VK_ACCESS_MEMORY_WRITE_BIT, 0},
  }};

  const std::uint32_t view_mask = 0b11;
  auto multiview =
      vk_init<VkRenderPassMultiviewCreateInfo>(VK_STRUCTURE_TYPE_RENDER_PASS_MULTIVIEW_CREATE_INFO);
  multiview.subpassCount = 1;
  multiview.pViewMasks = &view_mask;
  multiview.correlationMaskCount = 1;
  multiview.pCorrelationMasks = &view_mask;

  auto info = vk_init<VkRenderPassCreateInfo>(VK_STRUCTURE_TYPE_RENDER_PASS_CREATE_INFO);
  info.pNext = key.multiview ? &multiview : nullptr;
  info.attachmentCount = static_cast<std::uint32_t>(attachments.size());
  info.pAttachments = attachments.data();
  info.subpassCount = 1;
  info.pSubpasses = &subpass;
  info.dependencyCount = static_cast<std::uint32_t>(dependencies.size());
  info.pDependencies = dependencies.data();
  VkRenderPass pass = VK_NULL_HANDLE;
  VK_CHECK(vkCreateRenderPass(device, &info, nullptr, &pass));
  return {device, pass};
}

}  // namespace trialxr::render
