// Names of event and input kinds, for logs, records and test messages.
#include "trialxr/scene/events.h"
#include "trialxr/scene/input.h"

namespace trialxr::scene {

std::string_view event_kind_name(EventKind kind) {
  switch (kind) {
    case EventKind::step_entered:
      return "step_entered";
    case EventKind::cue_started:
      return "cue_started";
    case EventKind::narration_started:
      return "narration_started";
    case EventKind::quiz_shown:
      return "quiz_shown";
    case EventKind::answer_given:
      return "answer_given";
    case EventKind::feedback_shown:
      return "feedback_shown";
    case EventKind::continued:
      return "continued";
    case EventKind::paused:
      return "paused";
    case EventKind::resumed:
      return "resumed";
    case EventKind::back:
      return "back";
    case EventKind::coordinator_requested:
      return "coordinator_requested";
    case EventKind::coordinator_dismissed:
      return "coordinator_dismissed";
    case EventKind::language_changed:
      return "language_changed";
    case EventKind::explored:
      return "explored";
    case EventKind::scene_ended:
      return "scene_ended";
  }
  return "unknown";
}

std::string_view input_kind_name(InputKind kind) {
  switch (kind) {
    case InputKind::press_continue:
      return "continue";
    case InputKind::choose:
      return "choose";
    case InputKind::select:
      return "select";
    case InputKind::submit:
      return "submit";
    case InputKind::pause:
      return "pause";
    case InputKind::resume:
      return "resume";
    case InputKind::back:
      return "back";
    case InputKind::ask_coordinator:
      return "ask_coordinator";
    case InputKind::dismiss_coordinator:
      return "dismiss_coordinator";
    case InputKind::set_language:
      return "set_language";
  }
  return "unknown";
}

}  // namespace trialxr::scene
