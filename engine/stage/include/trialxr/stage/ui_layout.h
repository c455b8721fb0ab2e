// The patient's interface in the world, built from a frame state and the bundle's
// compiled text: the subtitle panel, labels on model parts with leader lines, the quiz
// panel with its options as large buttons (for a visit schedule's explore prompt, also
// an invisible button around each visit's marker in the scene), and the Continue and "Ask
// the coordinator" buttons. Every host draws this same interface; the buttons come back with their
// rectangles so a host can hit-test a controller ray or a mouse against them.
//
// Text whose translation is missing or stale stands on a panel with an amber border, so
// a reviewer sees at once what still needs translating.
#pragma once
#include <cstdint>
#include <glm/glm.hpp>
#include <vector>

#include "trialxr/bundle/bundle.h"
#include "trialxr/render/frame_input.h"
#include "trialxr/scene/frame_state.h"

namespace trialxr::stage {

enum class UiButtonKind : std::uint8_t { option, continue_scene, ask_coordinator };

struct UiButton {
  UiButtonKind kind = UiButtonKind::option;
  std::uint32_t option = 0;  // for options: the index Player::choose takes
  glm::vec3 center{0.0f};
  glm::vec3 half_right{0.0f};  // centre to the right edge
  glm::vec3 half_up{0.0f};     // centre to the top edge
};

struct UiFrame {
  std::vector<render::UiQuad> quads;
  std::vector<UiButton> buttons;
  std::uint32_t text_atlas = bundle::kNone;  // FONT record of the frame's language
  void clear() {
    quads.clear();
    buttons.clear();
    text_atlas = bundle::kNone;
  }
};

// Where the viewer is: the eye, and the yaw the head-following panels face (from a
// PanelFollower; 0 looks along -Z, positive turns left).
struct UiViewer {
  glm::vec3 eye{0.0f, 1.2f, 0.0f};
  float panel_yaw_degrees = 0.0f;
};

// Fills `out` (reusing its storage). A bundle without text layouts (format 1.0) gets no
// interface.
void build_ui(const bundle::Bundle& bundle, const scene::FrameState& frame, const UiViewer& viewer,
              UiFrame& out);

// The lines of the player's own buttons, found once per bundle by their ids.
struct UiLines {
  std::uint32_t continue_line = bundle::kNone;
  std::uint32_t ask_line = bundle::kNone;
};
UiLines find_ui_lines(const bundle::Bundle& bundle);

}  // namespace trialxr::stage
