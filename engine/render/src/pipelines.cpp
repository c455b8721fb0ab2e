#include "pipelines.h"

#include <array>
#include <span>

#include "trialxr/render/vk_check.h"
#include "trialxr/render/vk_init.h"
#include "trialxr/shaders/spirv.h"

namespace trialxr::render {
namespace {

Unique<VkShaderModule> module(VkDevice device, std::span<const std::uint32_t> words) {
  auto info = vk_init<VkShaderModuleCreateInfo>(VK_STRUCTURE_TYPE_SHADER_MODULE_CREATE_INFO);
  info.codeSize = words.size_bytes();
  info.pCode = words.data();
  VkShaderModule m = VK_NULL_HANDLE;
  VK_CHECK(vkCreateShaderModule(device, &info, nullptr, &m));
  return {device, m};
}

VkPipelineDepthStencilStateCreateInfo depth_state(PassKind kind) {
  auto ds = vk_init<VkPipelineDepthStencilStateCreateInfo>(
      VK_STRUCTURE_TYPE_PIPELINE_DEPTH_STENCIL_STATE_CREATE_INFO);
  VkStencilOpState stencil{};
  stencil.compareMask = 0xFF;
  stencil.writeMask = 0xFF;
  stencil.reference = 1;
  stencil.failOp = stencil.passOp = stencil.depthFailOp = VK_STENCIL_OP_KEEP;
  stencil.compareOp = VK_COMPARE_OP_ALWAYS;
  switch (kind) {
    case PassKind::opaque:
      ds.depthTestEnable = ds.depthWriteEnable = VK_TRUE;
      ds.depthCompareOp = VK_COMPARE_OP_LESS;
      break;
    case PassKind::blend:
      ds.depthTestEnable = VK_TRUE;
      ds.depthCompareOp = VK_COMPARE_OP_LESS;
      break;
    case PassKind::stencil_mark:
      ds.stencilTestEnable = VK_TRUE;
      stencil.passOp = VK_STENCIL_OP_REPLACE;
      break;
    case PassKind::ui:
      break;  // the interface is drawn over the scene
    case PassKind::outline:
      // No depth test: the outline of a highlighted part shows even where the part is
      // embedded in or behind something else (a vein under the skin), so the patient
      // always sees where to look.
      ds.stencilTestEnable = VK_TRUE;
      stencil.compareOp = VK_COMPARE_OP_NOT_EQUAL;
      break;
  }
  ds.front = ds.back = stencil;
  return ds;
}

VkPipelineColorBlendAttachmentState blend_state(PassKind kind) {
  VkPipelineColorBlendAttachmentState b{};
  b.colorWriteMask = VK_COLOR_COMPONENT_R_BIT | VK_COLOR_COMPONENT_G_BIT |
                     VK_COLOR_COMPONENT_B_BIT | VK_COLOR_COMPONENT_A_BIT;
  if (kind == PassKind::stencil_mark) b.colorWriteMask = 0;
  if (kind == PassKind::blend || kind == PassKind::outline || kind == PassKind::ui) {
    b.blendEnable = VK_TRUE;
    b.srcColorBlendFactor = VK_BLEND_FACTOR_SRC_ALPHA;
    b.dstColorBlendFactor = VK_BLEND_FACTOR_ONE_MINUS_SRC_ALPHA;
    b.colorBlendOp = VK_BLEND_OP_ADD;
    b.srcAlphaBlendFactor = VK_BLEND_FACTOR_ONE;
    b.dstAlphaBlendFactor = VK_BLEND_FACTOR_ONE_MINUS_SRC_ALPHA;
    b.alphaBlendOp = VK_BLEND_OP_ADD;
  }
  return b;
}

}  // namespace

PipelineCache::PipelineCache(const Device& device, const Layouts& layouts)
    : device_(device.device()),
      layout_(layouts.pipeline.get()),
      mesh_vert_(module(device_, shaders::mesh_vert)),
      mesh_multiview_vert_(module(device_, shaders::mesh_multiview_vert)),
      pbr_frag_(module(device_, shaders::pbr_frag)),
      ui_vert_(module(device_, shaders::ui_vert)),
      ui_multiview_vert_(module(device_, shaders::ui_multiview_vert)),
      ui_frag_(module(device_, shaders::ui_frag)) {}

VkPipeline PipelineCache::get(const TargetKey& target, VkRenderPass pass, const PipelineKey& key) {
  auto [it, inserted] = pipelines_.try_emplace({target, key});
  if (inserted) it->second = create(target, pass, key);
  return it->second.get();
}

Unique<VkPipeline> PipelineCache::create(const TargetKey& target, VkRenderPass pass,
                                         const PipelineKey& key) const {
  const bool surface = key.kind == PassKind::opaque || key.kind == PassKind::blend;
  const bool ui = key.kind == PassKind::ui;
  const VkShaderModule vert =
      ui ? (target.multiview ? ui_multiview_vert_.get() : ui_vert_.get())
         : (target.multiview ? mesh_multiview_vert_.get() : mesh_vert_.get());
  const std::array<VkPipelineShaderStageCreateInfo, 2> stages = {{
      {VK_STRUCTURE_TYPE_PIPELINE_SHADER_STAGE_CREATE_INFO, nullptr, 0, VK_SHADER_STAGE_VERTEX_BIT,
       vert, "main", nullptr},
      {VK_STRUCTURE_TYPE_PIPELINE_SHADER_STAGE_CREATE_INFO, nullptr, 0,
       VK_SHADER_STAGE_FRAGMENT_BIT, ui ? ui_frag_.get() : pbr_frag_.get(), "main", nullptr},
  }};
  // No vertex input: the vertex shader pulls its attributes from GEOM.
  auto vertex_input = vk_init<VkPipelineVertexInputStateCreateInfo>(
      VK_STRUCTURE_TYPE_PIPELINE_VERTEX_INPUT_STATE_CREATE_INFO);
  auto assembly = vk_init<VkPipelineInputAssemblyStateCreateInfo>(
      VK_STRUCTURE_TYPE_PIPELINE_INPUT_ASSEMBLY_STATE_CREATE_INFO);
  assembly.topology = VK_PRIMITIVE_TOPOLOGY_TRIANGLE_LIST;
  auto viewport = vk_init<VkPipelineViewportStateCreateInfo>(
      VK_STRUCTURE_TYPE_PIPELINE_VIEWPORT_STATE_CREATE_INFO);
  viewport.viewportCount = 1;
  viewport.scissorCount = 1;

  auto raster = vk_init<VkPipelineRasterizationStateCreateInfo>(
      VK_STRUCTURE_TYPE_PIPELINE_RASTERIZATION_STATE_CREATE_INFO);
  raster.polygonMode = VK_POLYGON_MODE_FILL;
  raster.cullMode = surface && !key.double_sided ? VK_CULL_MODE_BACK_BIT : VK_CULL_MODE_NONE;
  // glTF fronts are counter-clockwise; the projection's y flip keeps them so on screen.
  raster.frontFace = key.mirrored ? VK_FRONT_FACE_CLOCKWISE : VK_FRONT_FACE_COUNTER_CLOCKWISE;
  raster.lineWidth = 1.0f;

  auto multisample = vk_init<VkPipelineMultisampleStateCreateInfo>(
      VK_STRUCTURE_TYPE_PIPELINE_MULTISAMPLE_STATE_CREATE_INFO);
  multisample.rasterizationSamples = target.samples;
  const VkPipelineDepthStencilStateCreateInfo depth = depth_state(key.kind);
  const VkPipelineColorBlendAttachmentState attachment = blend_state(key.kind);
  auto blend = vk_init<VkPipelineColorBlendStateCreateInfo>(
      VK_STRUCTURE_TYPE_PIPELINE_COLOR_BLEND_STATE_CREATE_INFO);
  blend.attachmentCount = 1;
  blend.pAttachments = &attachment;
  constexpr std::array kDynamic = {VK_DYNAMIC_STATE_VIEWPORT, VK_DYNAMIC_STATE_SCISSOR};
  auto dynamic = vk_init<VkPipelineDynamicStateCreateInfo>(
      VK_STRUCTURE_TYPE_PIPELINE_DYNAMIC_STATE_CREATE_INFO);
  dynamic.dynamicStateCount = static_cast<std::uint32_t>(kDynamic.size());
  dynamic.pDynamicStates = kDynamic.data();

  auto info =
      vk_init<VkGraphicsPipelineCreateInfo>(VK_STRUCTURE_TYPE_GRAPHICS_PIPELINE_CREATE_INFO);
  info.stageCount = static_cast<std::uint32_t>(stages.size());
  info.pStages = stages.data();
  info.pVertexInputState = &vertex_input;
  info.pInputAssemblyState = &assembly;
  info.pViewportState = &viewport;
  info.pRasterizationState = &raster;
  info.pMultisampleState = &multisample;
  info.pDepthStencilState = &depth;
  info.pColorBlendState = &blend;
  info.pDynamicState = &dynamic;
  info.layout = layout_;
  info.renderPass = pass;
  info.subpass = 0;
  VkPipeline pipeline = VK_NULL_HANDLE;
  VK_CHECK(vkCreateGraphicsPipelines(device_, VK_NULL_HANDLE, 1, &info, nullptr, &pipeline));
  return {device_, pipeline};
}

}  // namespace trialxr::render
