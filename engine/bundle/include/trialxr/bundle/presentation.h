// How the player presents a bundle's text to a seated viewer: the size and wrap width
// of each kind of line and where the fixed panels stand. The compiler lays text out and
// checks its readability against these numbers; the stage places panels with them, so
// what the lint measured is what the patient sees.
#pragma once
#include "trialxr/bundle/format.h"

namespace trialxr::bundle {

struct TextStyle {
  float em_size = 0.02f;    // metres per em
  float wrap_width = 0.5f;  // metres; lines longer than this wrap
  TextAlign align = TextAlign::start;
  float distance = 0.0f;  // metres from the eye for a fixed panel; 0 = anchored in the scene
};

// The eye of the seated viewer (matches the script language's defaults).
inline constexpr float kEyeHeight = 1.2f;

// Subtitles: a panel 1.4 m ahead, just below eye level — above the tabletop where the
// scene's content sits — that follows the head's turn lazily. Angles are from the horizon.
inline constexpr float kSubtitleDistance = 1.4f;
inline constexpr float kSubtitlePitchDegrees = -2.0f;
inline constexpr unsigned kSubtitleMaxLines = 2;
// The quiz panel and its buttons: 1.2 m ahead, in the middle of a seated viewer's gaze.
inline constexpr float kQuizDistance = 1.2f;
inline constexpr float kQuizPitchDegrees = -10.0f;

constexpr TextStyle text_style(LineKind kind) {
  switch (kind) {
    case LineKind::title:
      return {0.040f, 0.90f, TextAlign::center, kQuizDistance};
    case LineKind::say:
      return {0.026f, 0.72f, TextAlign::center, kSubtitleDistance};
    case LineKind::label:
      return {0.018f, 0.30f, TextAlign::start, 0.0f};
    case LineKind::question:
      return {0.028f, 0.76f, TextAlign::center, kQuizDistance};
    case LineKind::option:
      return {0.024f, 0.62f, TextAlign::start, kQuizDistance};
    case LineKind::feedback:
      return {0.024f, 0.76f, TextAlign::center, kQuizDistance};
    case LineKind::caption:
      return {0.020f, 0.40f, TextAlign::start, 0.0f};
    case LineKind::ui:
      return {0.022f, 0.34f, TextAlign::center, kQuizDistance};
  }
  return {};
}

}  // namespace trialxr::bundle
