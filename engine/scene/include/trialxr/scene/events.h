// What happened while the scene played, with timestamps: the raw material of the
// session records (which step the patient saw, what they answered, when they paused or
// asked for the coordinator). The player appends to a full log and also hands each
// frame the events since the previous tick.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "trialxr/bundle/format.h"
#include "trialxr/scene/time.h"

namespace trialxr::scene {

enum class EventKind : std::uint8_t {
  step_entered,           // step; also after `back`
  cue_started,            // step, cue
  narration_started,      // line: a `say` line starts being heard (queued lines later)
  quiz_shown,             // step, cue, quiz
  answer_given,           // quiz, options, correct
  feedback_shown,         // quiz, line (the feedback line)
  continued,              // the patient pressed Continue and it was waited for
  paused,                 //
  resumed,                //
  back,                   // step = the step gone back to, value = the step left
  coordinator_requested,  // the patient asked for the study coordinator
  coordinator_dismissed,  // the request was cleared
  language_changed,       // value = the new language index
  scene_ended,            // value = 1 when ended because the timeline looped without time
  explored,  // an explore prompt's option (a visit) was chosen to look at: quiz, value = option
};

std::string_view event_kind_name(EventKind kind);

struct Event {
  EventKind kind = EventKind::step_entered;
  Micros time = 0;        // session clock (keeps running while paused)
  Micros scene_time = 0;  // scene clock (stops while paused)
  std::uint32_t step = bundle::kNone;
  std::uint32_t cue = bundle::kNone;
  std::uint32_t line = bundle::kNone;
  std::uint32_t quiz = bundle::kNone;
  std::uint32_t value = 0;  // kind-dependent; see EventKind
  bool correct = false;     // answer_given
  // answer_given: the chosen options (indices within the quiz, ascending) are
  // EventList::options[first_option, first_option + option_count).
  std::uint32_t first_option = 0;
  std::uint32_t option_count = 0;

  bool operator==(const Event&) const = default;
};

struct EventList {
  std::vector<Event> events;
  std::vector<std::uint32_t> options;

  void clear() {
    events.clear();
    options.clear();
  }
  std::span<const std::uint32_t> options_of(const Event& e) const {
    return std::span<const std::uint32_t>(options).subspan(e.first_option, e.option_count);
  }
  bool operator==(const EventList&) const = default;
};

}  // namespace trialxr::scene
