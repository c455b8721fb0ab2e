// FrameState: everything the player decided for one moment, as plain data. A host turns
// it into render::FrameInput (draw items, joint matrices, morph weights) and into UI
// (subtitle, labels, quiz, Continue button). Texts are line indices: look them up with
// Bundle::text(line, language) so a language switch shows at once.
#pragma once

#include <cstdint>
#include <glm/glm.hpp>
#include <vector>

#include "trialxr/bundle/format.h"
#include "trialxr/scene/events.h"
#include "trialxr/scene/time.h"

namespace trialxr::scene {

// One node's mesh (all its primitives), drawn once.
struct DrawItem {
  std::uint32_t node = 0;
  std::uint32_t mesh = 0;
  glm::mat4 world{1.0f};
  float opacity = 1.0f;      // product of the show/hide fades of the node and its ancestors
  bool highlighted = false;  // the node or an ancestor is highlighted
  std::uint32_t skin = bundle::kNone;
  // Skinned: FrameState::joint_matrices[first_joint_matrix, + joint_count), each
  // world(joint) * inverse bind matrix; the renderer uses them instead of `world`.
  std::uint32_t first_joint_matrix = 0;
  std::uint32_t joint_count = 0;
  // Morph targets: FrameState::morph_weights[first_weight, + weight_count), one per target.
  std::uint32_t first_weight = 0;
  std::uint32_t weight_count = 0;

  bool operator==(const DrawItem&) const = default;
};

struct LabelText {
  std::uint32_t line = bundle::kNone;
  std::uint32_t node = bundle::kNone;  // the anchor
  glm::vec3 anchor{0.0f};              // the anchor node's world position
  float opacity = 1.0f;                // the anchor node's effective opacity

  bool operator==(const LabelText&) const = default;
};

struct QuizOptionView {
  std::uint32_t line = bundle::kNone;
  bool chosen = false;   // selected (multiple, before submitting) or answered with
  bool correct = false;  // from the bundle; a UI may reveal it after answering

  bool operator==(const QuizOptionView&) const = default;
};

struct QuizPrompt {
  bool visible = false;
  std::uint32_t quiz = bundle::kNone;
  bundle::QuizKind kind = bundle::QuizKind::single;
  std::uint32_t question_line = bundle::kNone;
  std::vector<QuizOptionView> options;  // in the quiz's order; choose() takes these indices
  bool answered = false;
  bool correct = false;                         // when answered
  std::uint32_t feedback_line = bundle::kNone;  // when answered and the option has one

  bool operator==(const QuizPrompt&) const = default;
};

struct FrameState {
  Micros time = 0;        // session clock: all ticks, paused or not
  Micros scene_time = 0;  // scene clock: stops while paused
  std::uint32_t step = bundle::kNone;
  bool paused = false;
  bool ended = false;
  bool waiting_for_continue = false;  // a `wait continue` or quiz feedback: show Continue
  std::uint32_t language = 0;
  bool coordinator_requested = false;
  std::uint32_t look_at = bundle::kNone;  // gaze hint node, until the step changes

  std::vector<DrawItem> items;  // in node order
  std::vector<glm::mat4> joint_matrices;
  std::vector<float> morph_weights;

  std::uint32_t subtitle_line = bundle::kNone;  // the narration line being heard
  Micros subtitle_start = 0;  // the scene time it began: its audio is heard from scene_time - this
  // `say … from NAME`: the node the voice comes from and where it is (world); kNone: the
  // narrator's voice, head-locked.
  std::uint32_t subtitle_speaker = bundle::kNone;
  glm::vec3 speaker_position{0.0f};
  std::vector<LabelText> labels;  // in the order they were cued
  QuizPrompt quiz;

  // Events since the previous tick (including those of inputs given in between). After
  // seek() it is empty; Player::event_log() has them all.
  EventList events;

  bool operator==(const FrameState&) const = default;
};

}  // namespace trialxr::scene
