// Records one render pass's draws: opaque, then the highlight (stencil mark of every
// highlighted primitive, then their outlines), then blended — binding each pipeline,
// material set and index range only when it changes.
#pragma once

#include <vulkan/vulkan.h>

#include <cstdint>

#include "draw_list.h"
#include "pipelines.h"
#include "scene_resources.h"

namespace trialxr::render {

struct RecordContext {
  VkCommandBuffer cmd = VK_NULL_HANDLE;
  VkPipelineLayout layout = VK_NULL_HANDLE;
  VkRenderPass pass = VK_NULL_HANDLE;
  TargetKey target;
  PipelineCache* pipelines = nullptr;
  const SceneResources* scene = nullptr;
  std::uint32_t view = 0;  // the view of a single-view pass (0 with multiview)
};

struct RecordCounts {
  std::uint32_t opaque = 0;
  std::uint32_t blend = 0;
  std::uint32_t outline = 0;
};

RecordCounts record_draws(const RecordContext& context, const DrawList& list);

// The interface quads of FrameInput::ui (glyphs from the scene's atlas `text_atlas`),
// over everything else. Returns the number of quads.
std::uint32_t record_ui(const RecordContext& context, std::uint32_t quad_count,
                        std::uint32_t text_atlas);

}  // namespace trialxr::render
