// storyboard_moments: one scripted run (Continue whenever asked, correct answers), then
// a pass over its event log that finds each visited step's settled moment.
#include "trialxr/scene/storyboard.h"

#include <algorithm>
#include <cstdint>
#include <optional>

namespace trialxr::scene {

namespace {

bool answer_correctly(Player& p, const bundle::Bundle& b, const QuizPrompt& prompt) {
  const bundle::QuizRecord& q = b.quizzes()[prompt.quiz];
  std::vector<std::uint32_t> correct;
  for (std::uint32_t i = 0; i < prompt.options.size(); ++i)
    if (prompt.options[i].correct) correct.push_back(i);
  if (correct.empty()) correct.push_back(0);  // a quiz without a right answer: take the first
  if (q.kind != bundle::QuizKind::multiple) return p.choose(correct.front());
  return p.select(correct) && p.submit();
}

std::optional<MomentKind> wait_kind(bundle::CueOp op) {
  switch (op) {
    case bundle::CueOp::wait_continue:
      return MomentKind::wait_continue;
    case bundle::CueOp::quiz:
      return MomentKind::quiz;
    case bundle::CueOp::wait_say:
      return MomentKind::wait_say;
    default:
      return std::nullopt;
  }
}

// The scripted run: Continue whenever asked, correct answers, until the scene ends or a
// step is entered a second time.
struct PolicyRun {
  Player player;
  std::vector<std::size_t> events_before;  // per recorded input: log size when it was given
  std::size_t run_end = SIZE_MAX;          // the event that ends the run: a second visit
};

PolicyRun run_policy(const bundle::Bundle& b, PlayerOptions options) {
  PolicyRun r{Player(b, options), {}, SIZE_MAX};
  Player& p = r.player;
  std::vector<std::uint8_t> visited(b.steps().size(), 0);
  const std::vector<Event>& log = p.event_log().events;
  std::size_t scanned = 0;
  for (;;) {
    const FrameState& f = p.run_until(kStoryboardLimit, kStopWhenWaiting | kStopOnStepEntry);
    for (; scanned < log.size() && r.run_end == SIZE_MAX; ++scanned) {
      if (log[scanned].kind != EventKind::step_entered) continue;
      if (visited[log[scanned].step] != 0) r.run_end = scanned;
      visited[log[scanned].step] = 1;
    }
    if (r.run_end != SIZE_MAX || f.ended || p.time() >= kStoryboardLimit) break;
    const std::size_t before = log.size();
    const std::size_t recorded = p.inputs().size();
    if (f.quiz.visible && f.quiz.kind == bundle::QuizKind::explore) {
      // Look at the first visit, then go on.
      if (f.quiz.feedback_line == bundle::kNone) {
        p.choose(0);
      } else {
        p.press_continue();
      }
    } else if (f.quiz.visible && !f.quiz.answered) {
      answer_correctly(p, b, f.quiz);
    } else if (f.waiting_for_continue) {
      p.press_continue();
    } else {
      continue;  // stopped at a step entry: run on
    }
    if (p.inputs().size() == recorded) break;  // the policy's input was refused: give up
    r.events_before.resize(p.inputs().size(), before);
  }
  return r;
}

}  // namespace

std::string_view moment_kind_name(MomentKind kind) {
  switch (kind) {
    case MomentKind::wait_continue:
      return "wait_continue";
    case MomentKind::quiz:
      return "quiz";
    case MomentKind::wait_say:
      return "wait_say";
    case MomentKind::step_end:
      return "step_end";
  }
  return "step_end";
}

GuidedRun guided_run(const bundle::Bundle& b, PlayerOptions options) {
  PolicyRun r = run_policy(b, options);
  const std::vector<Event>& log = r.player.event_log().events;
  GuidedRun run;
  run.inputs = r.player.inputs();
  run.ended = r.player.frame().ended;
  run.end_time = r.run_end < log.size() ? log[r.run_end].time : r.player.time();
  for (const Event& e : log) {
    if (e.kind == EventKind::scene_ended) run.end_time = std::min(run.end_time, e.time);
  }
  return run;
}

std::vector<StepMoment> storyboard_moments(const bundle::Bundle& b, PlayerOptions options) {
  PolicyRun r = run_policy(b, options);
  Player& p = r.player;
  const std::vector<std::size_t>& events_before = r.events_before;
  const std::size_t run_end = r.run_end;
  const std::vector<Event>& log = p.event_log().events;
  const std::size_t end = std::min(run_end, log.size());

  std::vector<StepMoment> moments;
  for (std::size_t i = 0; i < end; ++i) {
    if (log[i].kind != EventKind::step_entered) continue;
    std::size_t j = i + 1;
    while (j < end && log[j].kind != EventKind::step_entered &&
           log[j].kind != EventKind::scene_ended)
      ++j;
    StepMoment m;
    m.step = log[i].step;
    std::size_t marker = j;  // inputs given before this event led to the moment
    bool found = false;
    for (std::size_t k = i + 1; k < j && !found; ++k) {
      if (log[k].kind != EventKind::cue_started) continue;
      if (auto kind = wait_kind(b.cues()[log[k].cue].op)) {
        m.kind = *kind;
        m.time = log[k].time;
        marker = k;
        found = true;
        // An explore prompt is shown with its first visit chosen.
        for (std::size_t x = k + 1; x < j; ++x) {
          if (log[x].kind != EventKind::explored) continue;
          m.time = log[x].time;
          marker = x;
          break;
        }
      }
    }
    if (!found) {
      const Micros step_end = j < log.size() ? log[j].time : p.time();
      m.kind = MomentKind::step_end;
      m.time = std::max(log[i].time, step_end - 1);
    }
    for (std::size_t n = 0; n < events_before.size(); ++n) {
      const InputRecord& input = p.inputs()[n];
      if (events_before[n] <= marker && input.time <= m.time) m.inputs.push_back(input);
    }
    moments.push_back(std::move(m));
  }
  return moments;
}

}  // namespace trialxr::scene
