// The one place a player's frame becomes renderer input: every host (headless,
// desktop, headset) calls this, so they draw the same thing for the same moment.
#pragma once

#include <vector>

#include "trialxr/render/frame_input.h"
#include "trialxr/scene/frame_state.h"

namespace trialxr::stage {

// Fills `out` (reusing its storage) with the frame's draw items, joint matrices and
// morph weights for `views`. The highlight pulse follows the scene clock, so a frame
// rendered at a time looks the same however it was reached.
void build_frame_input(const scene::FrameState& frame, const std::vector<render::View>& views,
                       render::FrameInput& out);

}  // namespace trialxr::stage
