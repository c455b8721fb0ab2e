#include "layouts.h"

#include <array>
#include <vector>

#include "gpu_types.h"
#include "trialxr/render/vk_check.h"
#include "trialxr/render/vk_init.h"

namespace trialxr::render {
namespace {

constexpr VkShaderStageFlags kBoth = VK_SHADER_STAGE_VERTEX_BIT | VK_SHADER_STAGE_FRAGMENT_BIT;

Unique<VkDescriptorSetLayout> make_layout(
    VkDevice device, const std::vector<VkDescriptorSetLayoutBinding>& bindings) {
  auto info =
      vk_init<VkDescriptorSetLayoutCreateInfo>(VK_STRUCTURE_TYPE_DESCRIPTOR_SET_LAYOUT_CREATE_INFO);
  info.bindingCount = static_cast<std::uint32_t>(bindings.size());
  info.pBindings = bindings.data();
  VkDescriptorSetLayout layout = VK_NULL_HANDLE;
  VK_CHECK(vkCreateDescriptorSetLayout(device, &info, nullptr, &layout));
  return {device, layout};
}

}  // namespace

Layouts::Layouts(const Device& device) {
  const VkDevice d = device.device();
  frame = make_layout(
      d, {{0, VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER, 1, kBoth, nullptr},
          {1, VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, 1, kBoth, nullptr},
          {2, VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, 1, VK_SHADER_STAGE_VERTEX_BIT, nullptr},
          {3, VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, 1, VK_SHADER_STAGE_VERTEX_BIT, nullptr},
          {4, VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, 1, kBoth, nullptr}});
  scene = make_layout(
      d, {{0, VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, 1, VK_SHADER_STAGE_VERTEX_BIT, nullptr},
          {1, VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, 1, VK_SHADER_STAGE_VERTEX_BIT, nullptr},
          {2, VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, 1, VK_SHADER_STAGE_VERTEX_BIT, nullptr},
          {3, VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, 1, VK_SHADER_STAGE_FRAGMENT_BIT, nullptr}});
  std::vector<VkDescriptorSetLayoutBinding> textures;
  for (std::uint32_t i = 0; i < kMaterialTextures; ++i) {
    textures.push_back(
        {i, VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, 1, VK_SHADER_STAGE_FRAGMENT_BIT, nullptr});
  }
  material = make_layout(d, textures);

  const std::array sets = {frame.get(), scene.get(), material.get()};
  const VkPushConstantRange push{kBoth, 0, sizeof(gpu::Push)};
  auto info = vk_init<VkPipelineLayoutCreateInfo>(VK_STRUCTURE_TYPE_PIPELINE_LAYOUT_CREATE_INFO);
  info.setLayoutCount = static_cast<std::uint32_t>(sets.size());
  info.pSetLayouts = sets.data();
  info.pushConstantRangeCount = 1;
  info.pPushConstantRanges = &push;
  VkPipelineLayout layout = VK_NULL_HANDLE;
  VK_CHECK(vkCreatePipelineLayout(d, &info, nullptr, &layout));
  pipeline = Unique<VkPipelineLayout>(d, layout);
}

}  // namespace trialxr::render
