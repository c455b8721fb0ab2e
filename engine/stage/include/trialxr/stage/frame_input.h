// The one place a player's frame becomes renderer input: every host (headless,
// desktop, headset) calls this, so they draw the same thing for the same moment.
#pragma once

#include <vector>

#include "trialxr/render/frame_input.h"
#include "trialxr/scene/frame_state.h"
#include "trialxr/stage/ui_layout.h"

namespace trialxr::stage {

// Fills `out` (reusing its storage) with the frame's draw items, joint matrices and
// morph weights for `views`. The highlight pulse follows the scene clock, so a frame
// rendered at a time looks the same however it was reached.
void build_frame_input(const scene::FrameState& frame, const std::vector<render::View>& views,
                       render::FrameInput& out);

// The same plus the patient's interface (subtitles, labels, quiz, buttons) from the
// bundle's compiled text, seen from `viewer`; `ui` keeps the buttons for hit-testing.
void build_frame_input(const scene::FrameState& frame, const std::vector<render::View>& views,
                       const bundle::Bundle& bundle, const UiViewer& viewer, UiFrame& ui,
                       render::FrameInput& out);

}  // namespace trialxr::stage
