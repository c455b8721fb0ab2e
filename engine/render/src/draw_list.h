// DrawList: a FrameInput turned into draw calls, in the order they are recorded.
//   opaque     opaque and alpha-mask primitives of items with opacity 1, in input order
//   highlight  every primitive of highlighted items (stencil mark, then outline)
//   blend      alpha-blend primitives and all primitives of items with opacity < 1,
//              items sorted back to front by view depth (the mean over the views) of
//              their bounds centre; primitives of one item keep their order
// Items with opacity <= 0 are skipped. The per-item shader data (DrawData) is built
// here too: world and normal matrices, world-space centre, opacity, highlight, skin
// and morph ranges.
#pragma once

#include <cstdint>
#include <vector>

#include "gpu_types.h"
#include "pipelines.h"
#include "scene_resources.h"
#include "trialxr/render/frame_input.h"

namespace trialxr::render {

struct DrawCall {
  std::uint32_t draw = 0;       // into DrawList::draws
  std::uint32_t primitive = 0;  // scene primitive
  std::uint32_t material = 0;   // resolved material
  PipelineKey key;
};

struct DrawList {
  std::vector<gpu::DrawData> draws;
  std::vector<DrawCall> opaque;
  std::vector<DrawCall> highlight;
  std::vector<DrawCall> blend;
};

// TRIALXR_CHECKs that every mesh index and joint/weight range lies inside the scene
// and the input (a host bug otherwise).
DrawList build_draw_list(const SceneResources& scene, const FrameInput& input);

}  // namespace trialxr::render
