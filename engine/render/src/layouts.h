// The descriptor set layouts and the one pipeline layout every mesh pipeline shares
// (the bindings of shaders/common.glsl).
#pragma once

#include <vulkan/vulkan.h>

#include "trialxr/render/device.h"

namespace trialxr::render {

inline constexpr std::uint32_t kFrameSet = 0;     // UBO + draws, joints, weights, UI quads
inline constexpr std::uint32_t kSceneSet = 1;     // GEOM, primitives, targets, materials
inline constexpr std::uint32_t kMaterialSet = 2;  // five combined image samplers
inline constexpr std::uint32_t kMaterialTextures = 5;

struct Layouts {
  explicit Layouts(const Device& device);

  Unique<VkDescriptorSetLayout> frame;
  Unique<VkDescriptorSetLayout> scene;
  Unique<VkDescriptorSetLayout> material;
  Unique<VkPipelineLayout> pipeline;
};

}  // namespace trialxr::render
