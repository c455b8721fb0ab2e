// The per-frame constants (FrameUbo): view-projections and eyes, the light and
// environment, the highlight colour and pulse, the viewport and the output encoding.
#pragma once

#include <vulkan/vulkan.h>

#include "gpu_types.h"
#include "trialxr/render/frame_input.h"
#include "trialxr/render/renderer.h"

namespace trialxr::render {

bool is_unorm_target(VkFormat format);

gpu::FrameUbo frame_constants(const FrameInput& input, const RendererDesc& desc, VkExtent2D extent,
                              bool encode_srgb);

// The clear colour as the attachment wants it: linear for _SRGB targets, encoded for
// _UNORM ones (the shaders encode there too); alpha as given.
VkClearColorValue clear_value(const glm::vec4& linear, bool encode_srgb);

}  // namespace trialxr::render
