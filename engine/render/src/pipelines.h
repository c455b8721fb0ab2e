// Graphics pipelines, created on first use and kept for the renderer's life. A
// pipeline depends on the pass kind, the face culling a material and the item's
// mirroring ask for, and the target configuration (colour and depth-stencil formats,
// samples, multiview).
//
//   kind          depth             stencil                 colour         cull
//   opaque        test <, write     -                       write          back*
//   blend         test <, no write  -                       alpha blend    back*
//   stencil_mark  off               always, replace 1       no writes      none
//   outline       test <=, no write not equal 1             alpha blend    none
//   ui            off               -                       alpha blend    none   (ui shaders)
//   (* none for double-sided materials; mirrored items swap the front face)
#pragma once

#include <vulkan/vulkan.h>

#include <compare>
#include <map>
#include <utility>

#include "layouts.h"
#include "trialxr/render/device.h"

namespace trialxr::render {

enum class PassKind : std::uint8_t { opaque, blend, stencil_mark, outline, ui };

struct PipelineKey {
  PassKind kind = PassKind::opaque;
  bool double_sided = false;
  bool mirrored = false;  // the world matrix has a negative determinant
  auto operator<=>(const PipelineKey&) const = default;
};

struct TargetKey {
  VkFormat color = VK_FORMAT_UNDEFINED;
  VkSampleCountFlagBits samples = VK_SAMPLE_COUNT_1_BIT;
  bool multiview = false;
  // The depth-stencil attachment's: render passes with another format are not compatible.
  VkFormat depth = VK_FORMAT_UNDEFINED;
  auto operator<=>(const TargetKey&) const = default;
};

class PipelineCache {
 public:
  PipelineCache(const Device& device, const Layouts& layouts);

  // `pass` is any render pass compatible with `target` (used only on creation).
  VkPipeline get(const TargetKey& target, VkRenderPass pass, const PipelineKey& key);

 private:
  Unique<VkPipeline> create(const TargetKey& target, VkRenderPass pass,
                            const PipelineKey& key) const;

  VkDevice device_;
  VkPipelineLayout layout_;
  Unique<VkShaderModule> mesh_vert_;
  Unique<VkShaderModule> mesh_multiview_vert_;
  Unique<VkShaderModule> pbr_frag_;
  Unique<VkShaderModule> ui_vert_;
  Unique<VkShaderModule> ui_multiview_vert_;
  Unique<VkShaderModule> ui_frag_;
  std::map<std::pair<TargetKey, PipelineKey>, Unique<VkPipeline>> pipelines_;
};

}  // namespace trialxr::render
