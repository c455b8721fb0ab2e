// The timeline: the clock, steps, cues and what each cue does. Everything that happens
// happens at an exact scene time: run_scene() jumps from one event time to the next
// (a cue's end, a queued narration line's start) and settle() does all that follows at
// that instant, so the outcome never depends on how ticks cut time.
#include <algorithm>
#include <array>

#include "player_impl.h"
#include "quat_math.h"
#include "trialxr/scene/narration.h"

namespace trialxr::scene {

using bundle::CueOp;
using bundle::kNone;
using detail::kForever;
using detail::kNever;
using detail::Pending;
using detail::PendingKind;

// [SECTION] the clock

bool Player::Impl::advance_to(Micros target) {
  target = std::min(target, kMaxTime);
  for (;;) {
    const bool has_input = replayed < log.size();
    const Micros input_time = has_input ? log[replayed].time : kForever;
    const Micros until = std::min(target, input_time);
    const Micros now = session_now();
    if (until > now) {
      if (paused) {
        offset += until - now;
      } else if (!run_scene(scene + (until - now))) {
        return false;
      }
    }
    if (!has_input || input_time > target) return true;
    apply(log[replayed++]);
  }
}

bool Player::Impl::run_scene(Micros target) {
  for (;;) {
    settle();
    if (stop_hit) {
      stop_hit = false;
      return false;
    }
    if ((stops & kStopWhenWaiting) != 0 && waiting_for_input()) return false;
    const Micros next = next_scene_event();
    if (next > target) {
      scene = target;
      return true;
    }
    scene = next;
  }
}

Micros Player::Impl::next_scene_event() const {
  Micros next = kForever;
  for (const Pending& p : pending) {
    if (p.kind == PendingKind::timed || p.kind == PendingKind::clip) {
      next = std::min(next, p.end);
    } else if (p.kind == PendingKind::wait_say) {
      next = std::min(next, state.narration_end());
    }
  }
  for (const detail::Narration& n : state.narration)
    if (!n.announced) next = std::min(next, n.start);
  // settle() has done everything due at `scene`; a later time keeps the loop going.
  return std::max(next, scene + 1);
}

// [SECTION] steps and cues

void Player::Impl::settle() {
  if (paused) return;
  for (;;) {
    announce_narration();
    if (stop_hit || ended || step == kNone) return;
    complete_pending();
    if (!pending.empty()) return;
    const bundle::StepRecord& s = b.steps()[step];
    if (next_cue >= s.cue_count) {
      enter_step(step + 1);
      continue;
    }
    start_cue(s.first_cue + next_cue++);
  }
}

void Player::Impl::enter_step(std::uint32_t s) {
  if (s >= b.steps().size()) {
    end_scene(false);
    return;
  }
  if (scene == instant && inputs_applied == instant_inputs) {
    if (++instant_entries > b.steps().size()) {
      end_scene(true);
      return;
    }
  } else {
    instant = scene;
    instant_inputs = inputs_applied;
    instant_entries = 1;
  }
  pending.clear();
  reset_quiz();
  state.look_at = kNone;
  if (history_count == detail::kMaxHistory) {
    std::rotate(history.begin(), history.begin() + 1, history.end());
    --history_count;
  }
  if (history_count == history.size()) history.emplace_back();
  detail::HistoryEntry& entry = history[history_count++];
  entry.step = s;
  entry.time = scene;
  entry.state = state;
  step = s;
  next_cue = 0;
  emit(event(EventKind::step_entered));
  if ((stops & kStopOnStepEntry) != 0) stop_hit = true;
}

void Player::Impl::end_scene(bool stalled) {
  ended = true;
  pending.clear();
  reset_quiz();
  Event e = event(EventKind::scene_ended);
  e.value = stalled ? 1u : 0u;
  emit(e);
}

void Player::Impl::start_cue(std::uint32_t top) {
  cue_stack.clear();
  cue_stack.emplace_back(top, top + 1);
  while (!cue_stack.empty()) {
    auto& [next, end] = cue_stack.back();
    if (next == end) {
      cue_stack.pop_back();
      continue;
    }
    const std::uint32_t c = next++;
    const bundle::CueRecord& cue = b.cues()[c];
    Event e = event(EventKind::cue_started);
    e.cue = c;
    e.line = cue.line;
    emit(e);
    if (cue.op == CueOp::together) {
      cue_stack.emplace_back(cue.ref, cue.ref + cue.count);  // `next`, `end` now dangle
      continue;
    }
    if (!run_cue(c)) {
      cue_stack.clear();
      return;
    }
  }
}

bool Player::Impl::run_cue(std::uint32_t c) {
  const bundle::CueRecord& cue = b.cues()[c];
  const Micros duration = to_micros(static_cast<double>(cue.duration));
  switch (cue.op) {
    case CueOp::say:
      if (cue.line != kNone) queue_narration(cue.line, cue.target);
      break;
    case CueOp::show:
    case CueOp::hide: {
      detail::Tween<float>& fade = state.nodes[cue.target].opacity;
      const float from = detail::tween_value(fade, scene);
      fade = {scene, duration, cue.easing, from, cue.op == CueOp::show ? 1.0f : 0.0f};
      break;
    }
    case CueOp::move:
    case CueOp::rotate:
    case CueOp::scale:
      start_tween(cue);
      if (duration > 0) pending.push_back({c, PendingKind::timed, scene, scene + duration});
      break;
    case CueOp::play:
      play_clip(c, cue);
      break;
    case CueOp::stop:
      if (cue.ref == kNone) {
        stop_clips(b.nodes()[cue.target].object);
      } else {
        finish_clip(cue.ref);
      }
      break;
    case CueOp::highlight:
      state.nodes[cue.target].highlight_until = duration > 0 ? scene + duration : kForever;
      break;
    case CueOp::unhighlight:
      state.nodes[cue.target].highlight_until = kNever;
      break;
    case CueOp::label:
      std::erase_if(state.labels,
                    [&](const detail::ActiveLabel& l) { return l.node == cue.target; });
      state.labels.push_back({cue.target, cue.line, duration > 0 ? scene + duration : kForever});
      break;
    case CueOp::unlabel:
      std::erase_if(state.labels,
                    [&](const detail::ActiveLabel& l) { return l.node == cue.target; });
      break;
    case CueOp::look_at:
      state.look_at = cue.target;
      break;
    case CueOp::wait_time:
      if (duration > 0) pending.push_back({c, PendingKind::timed, scene, scene + duration});
      break;
    case CueOp::wait_say:
      pending.push_back({c, PendingKind::wait_say, scene, 0});
      break;
    case CueOp::wait_continue:
      pending.push_back({c, PendingKind::wait_continue, scene, 0});
      break;
    case CueOp::together:  // start_cue expands it
      break;
    case CueOp::quiz:
      show_quiz(c);
      break;
    case CueOp::go_to:
      enter_step(cue.ref);
      return false;
    case CueOp::end_scene:
      end_scene(false);
      return false;
  }
  return true;
}

void Player::Impl::complete_pending() {
  std::size_t kept = 0;
  for (std::size_t i = 0; i < pending.size(); ++i) {
    const Pending p = pending[i];
    bool done = false;
    switch (p.kind) {
      case PendingKind::timed:
        done = p.end <= scene;
        break;
      case PendingKind::clip:
        done = p.end <= scene;
        if (done) {
          // The clip holds its last pose, unless a stop or a replay has replaced it.
          const std::uint32_t anim = b.cues()[p.cue].ref;
          for (std::size_t k = 0; k < state.clips.size(); ++k) {
            if (state.clips[k].animation == anim && state.clips[k].start == p.start) {
              poser.bake(state, k, scene);
              state.clips.erase(state.clips.begin() + static_cast<std::ptrdiff_t>(k));
              break;
            }
          }
        }
        break;
      case PendingKind::wait_say:
        done = state.narration_end() <= scene;
        break;
      case PendingKind::wait_continue:
      case PendingKind::quiz:
        break;
    }
    if (!done) pending[kept++] = p;
  }
  pending.resize(kept);
}

// [SECTION] what cues do

void Player::Impl::queue_narration(std::uint32_t line, std::uint32_t speaker) {
  const Micros start = std::max(scene, state.narration_end());
  const Micros length = to_micros(narration_seconds(b, line, language));
  state.narration.push_back({line, start, start + length, false, speaker});
}

void Player::Impl::retime_narration() {
  // The line being heard starts again, in the new language, now; the lines queued
  // behind it follow it as before. `wait say` reads the new end.
  Micros next = scene;
  for (detail::Narration& n : state.narration) {
    if (n.end <= scene) continue;  // heard already, not yet dropped
    n.start = n.start <= scene ? scene : std::max(next, scene);
    n.end = n.start + to_micros(narration_seconds(b, n.line, language));
    next = n.end;
  }
}

void Player::Impl::announce_narration() {
  for (detail::Narration& n : state.narration) {
    if (n.announced || n.start > scene) continue;
    n.announced = true;
    Event e = event(EventKind::narration_started);
    e.line = n.line;
    emit(e);
  }
  std::size_t done = 0;
  while (done < state.narration.size() && state.narration[done].announced &&
         state.narration[done].end <= scene)
    ++done;
  if (done > 0)
    state.narration.erase(state.narration.begin(),
                          state.narration.begin() + static_cast<std::ptrdiff_t>(done));
}

void Player::Impl::start_tween(const bundle::CueRecord& cue) {
  const Micros duration = to_micros(static_cast<double>(cue.duration));
  detail::NodeState& n = state.nodes[cue.target];
  std::array<float, 4> v{};
  switch (cue.op) {
    case CueOp::move:
      poser.property(state, cue.target, bundle::AnimPath::translation, scene, v);
      n.translation = {scene, duration, cue.easing, glm::vec3(v[0], v[1], v[2]),
                       glm::vec3(cue.value[0], cue.value[1], cue.value[2])};
      break;
    case CueOp::rotate:
      poser.property(state, cue.target, bundle::AnimPath::rotation, scene, v);
      n.rotation = {scene, duration, cue.easing, detail::quat_xyzw(v.data()),
                    detail::safe_normalize(detail::quat_xyzw(cue.value))};
      break;
    case CueOp::scale:
      poser.property(state, cue.target, bundle::AnimPath::scale, scene, v);
      n.scale = {scene, duration, cue.easing, glm::vec3(v[0], v[1], v[2]),
                 glm::vec3(cue.value[0], cue.value[1], cue.value[2])};
      break;
    default:
      break;
  }
}

void Player::Impl::play_clip(std::uint32_t c, const bundle::CueRecord& cue) {
  const std::uint32_t anim = cue.ref;
  std::erase_if(state.clips,
                [&](const detail::ActiveClip& clip) { return clip.animation == anim; });
  state.clips.push_back({anim, b.animations()[anim].object, scene, cue.count});
  if (cue.count == 0) return;  // loops until stopped; does not block
  const Micros end = scene + clamp_product(layout.clip_duration[anim], cue.count);
  if (end > scene) {
    pending.push_back({c, PendingKind::clip, scene, end});
  } else {
    poser.bake(state, state.clips.size() - 1, scene);
    state.clips.pop_back();
  }
}

void Player::Impl::stop_clips(std::uint32_t object) {
  // Latest first: each bakes the properties it drives, which takes them from older clips.
  for (std::size_t i = state.clips.size(); i-- > 0;) {
    if (state.clips[i].object != object) continue;
    poser.bake(state, i, scene);
    state.clips.erase(state.clips.begin() + static_cast<std::ptrdiff_t>(i));
  }
}

// `stop NAME "clip"`: the clip plays to the end of the cycle it is in, then holds that
// last pose (a loop made to start and end at rest comes to rest); other clips go on.
void Player::Impl::finish_clip(std::uint32_t animation) {
  const Micros length = layout.clip_duration[animation];
  for (std::size_t i = 0; i < state.clips.size(); ++i) {
    detail::ActiveClip& clip = state.clips[i];
    if (clip.animation != animation) continue;
    if (length <= 0) {
      poser.bake(state, i, scene);
      state.clips.erase(state.clips.begin() + static_cast<std::ptrdiff_t>(i));
      return;
    }
    const Micros elapsed = std::max<Micros>(0, scene - clip.start);
    const auto cycles = static_cast<std::uint32_t>(
        std::min<Micros>((elapsed + length - 1) / length, Micros{UINT32_MAX}));
    const std::uint32_t last = std::max<std::uint32_t>(1, cycles);
    clip.repeats = clip.repeats == 0 ? last : std::min(clip.repeats, last);
    return;
  }
}

// [SECTION] quizzes

void Player::Impl::show_quiz(std::uint32_t c) {
  pending.push_back({c, PendingKind::quiz, scene, 0});
  if (!quiz.active) activate_quiz(c);  // a second quiz in one `together` waits its turn
}

void Player::Impl::activate_quiz(std::uint32_t c) {
  const std::uint32_t q = b.cues()[c].ref;
  reset_quiz();
  quiz.active = true;
  quiz.cue = c;
  quiz.quiz = q;
  quiz.selected.assign(b.quizzes()[q].option_count, 0);
  Event e = event(EventKind::quiz_shown);
  e.cue = c;
  e.quiz = q;
  e.line = b.quizzes()[q].question_line;
  emit(e);
}

void Player::Impl::reset_quiz() {
  quiz.active = false;
  quiz.cue = kNone;
  quiz.quiz = kNone;
  quiz.selected.clear();
  quiz.answered = false;
  quiz.correct = false;
  quiz.feedback_line = kNone;
  quiz.branch_step = kNone;
}

bool Player::Impl::exploring() const {
  return quiz.active && b.quizzes()[quiz.quiz].kind == bundle::QuizKind::explore;
}

// The focus of an explore prompt: the chosen visit's marker node and name line.
std::pair<std::uint32_t, std::uint32_t> Player::Impl::explore_focus() const {
  if (!exploring()) return {kNone, kNone};
  const bundle::QuizRecord& q = b.quizzes()[quiz.quiz];
  const auto visits = b.visits_of(q.schedule);
  for (std::size_t i = 0; i < quiz.selected.size() && i < visits.size(); ++i)
    if (quiz.selected[i] != 0) return {visits[i].node, visits[i].name_line};
  return {kNone, kNone};
}

bool Player::Impl::waiting_for_continue() const {
  if (quiz.active && (quiz.answered || exploring())) return true;
  return std::any_of(pending.begin(), pending.end(),
                     [](const Pending& p) { return p.kind == PendingKind::wait_continue; });
}

bool Player::Impl::waiting_for_input() const {
  return waiting_for_continue() || (quiz.active && !quiz.answered);
}

}  // namespace trialxr::scene
