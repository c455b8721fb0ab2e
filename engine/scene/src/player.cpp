// The public Player: construction, ticks, seeking, the input record, frames and events.
#include "trialxr/scene/player.h"

#include <algorithm>

#include "player_impl.h"

namespace trialxr::scene {

using bundle::kNone;

// [SECTION] Impl: reset, events, frames

Player::Impl::Impl(const bundle::Bundle& bundle, PlayerOptions o)
    : b(bundle), options(o), layout(bundle), poser(bundle, layout), builder(bundle, layout) {
  if (options.language >= b.languages().size()) options.language = 0;
  reset();
  build_frame();
}

void Player::Impl::reset() {
  scene = 0;
  offset = 0;
  paused = false;
  ended = false;
  coordinator = false;
  language = options.language;
  step = kNone;
  next_cue = 0;
  pending.clear();
  reset_quiz();
  layout.reset_state(b, state);
  history_count = 0;
  instant = -1;
  instant_inputs = 0;
  instant_entries = 0;
  inputs_applied = 0;
  replayed = 0;
  stops = 0;
  stop_hit = false;
  events.clear();
  frame.events.clear();
  frame_events_stale = false;
  if (b.steps().empty()) {
    end_scene(false);
  } else {
    enter_step(0);
  }
  settle();
}

Event Player::Impl::event(EventKind kind) const {
  Event e;
  e.kind = kind;
  e.time = session_now();
  e.scene_time = scene;
  e.step = step;
  return e;
}

void Player::Impl::emit(Event e, std::span<const std::uint32_t> chosen) {
  e.option_count = static_cast<std::uint32_t>(chosen.size());
  e.first_option = static_cast<std::uint32_t>(events.options.size());
  events.events.push_back(e);
  events.options.insert(events.options.end(), chosen.begin(), chosen.end());
  if (!collect_frame_events) return;
  if (frame_events_stale) {
    frame.events.clear();
    frame_events_stale = false;
  }
  e.first_option = static_cast<std::uint32_t>(frame.events.options.size());
  frame.events.events.push_back(e);
  frame.events.options.insert(frame.events.options.end(), chosen.begin(), chosen.end());
}

void Player::Impl::build_frame() {
  frame.time = session_now();
  frame.scene_time = scene;
  frame.step = step;
  frame.paused = paused;
  frame.ended = ended;
  frame.waiting_for_continue = waiting_for_continue();
  frame.language = language;
  frame.coordinator_requested = coordinator;
  frame.look_at = state.look_at;
  const auto [focus_node, focus_line] = explore_focus();
  builder.build(poser, state, scene, frame, focus_node, focus_line);

  frame.subtitle_line = kNone;
  frame.subtitle_start = 0;
  frame.subtitle_speaker = kNone;
  frame.speaker_position = glm::vec3(0.0f);
  for (const detail::Narration& n : state.narration) {
    if (n.start <= scene && scene < n.end) {
      frame.subtitle_line = n.line;
      frame.subtitle_start = n.start;
      frame.subtitle_speaker = n.speaker;
      if (n.speaker != kNone) frame.speaker_position = builder.world_position(n.speaker);
      break;
    }
  }

  QuizPrompt& p = frame.quiz;
  p.options.clear();
  p.visible = quiz.active;
  p.quiz = quiz.quiz;
  p.answered = quiz.answered;
  p.correct = quiz.correct;
  p.feedback_line = quiz.feedback_line;
  p.kind = bundle::QuizKind::single;
  p.question_line = kNone;
  if (quiz.active) {
    const bundle::QuizRecord& q = b.quizzes()[quiz.quiz];
    p.kind = q.kind;
    p.question_line = q.question_line;
    const auto opts = b.options().subspan(q.first_option, q.option_count);
    for (std::size_t i = 0; i < opts.size(); ++i)
      p.options.push_back({opts[i].text_line, quiz.selected[i] != 0,
                           (opts[i].flags & bundle::kOptionCorrect) != 0});
  }
}

bool Player::Impl::live_input(InputRecord input) {
  if (!apply(input)) return false;
  input.time = session_now();
  // A new input ends the replay of a recorded future: it starts a different one.
  log.erase(log.begin() + static_cast<std::ptrdiff_t>(replayed), log.end());
  log.push_back(std::move(input));
  replayed = log.size();
  build_frame();
  return true;
}

// [SECTION] Player

Player::Player(const bundle::Bundle& bundle, PlayerOptions options)
    : impl_(std::make_unique<Impl>(bundle, options)) {}
Player::~Player() = default;
Player::Player(Player&&) noexcept = default;
Player& Player::operator=(Player&&) noexcept = default;

const FrameState& Player::tick(double dt_seconds) {
  return tick_micros(to_micros(dt_seconds));
}

const FrameState& Player::tick_micros(Micros dt) {
  return run_until(impl_->session_now() + std::clamp<Micros>(dt, 0, kMaxDuration), 0);
}

const FrameState& Player::run_until(Micros time, std::uint32_t stops) {
  Impl& m = *impl_;
  if (m.frame_events_stale) {
    m.frame.events.clear();
    m.frame_events_stale = false;
  }
  m.stops = stops;
  m.stop_hit = false;
  m.advance_to(std::max(time, m.session_now()));
  m.stops = 0;
  m.build_frame();
  m.frame_events_stale = true;
  return m.frame;
}

const FrameState& Player::seek(Micros time) {
  Impl& m = *impl_;
  m.collect_frame_events = false;
  m.reset();
  m.advance_to(std::max<Micros>(time, 0));
  m.collect_frame_events = true;
  m.frame.events.clear();
  m.build_frame();
  m.frame_events_stale = true;
  return m.frame;
}

const FrameState& Player::frame() const {
  return impl_->frame;
}

Micros Player::time() const {
  return impl_->session_now();
}

bool Player::press_continue() {
  return apply({0, InputKind::press_continue, 0, {}});
}
bool Player::choose(std::uint32_t option) {
  return apply({0, InputKind::choose, option, {}});
}
bool Player::select(std::span<const std::uint32_t> options) {
  return apply({0, InputKind::select, 0, {options.begin(), options.end()}});
}
bool Player::submit() {
  return apply({0, InputKind::submit, 0, {}});
}
bool Player::pause() {
  return apply({0, InputKind::pause, 0, {}});
}
bool Player::resume() {
  return apply({0, InputKind::resume, 0, {}});
}
bool Player::back() {
  return apply({0, InputKind::back, 0, {}});
}
bool Player::ask_coordinator() {
  return apply({0, InputKind::ask_coordinator, 0, {}});
}
bool Player::dismiss_coordinator() {
  return apply({0, InputKind::dismiss_coordinator, 0, {}});
}
bool Player::set_language(std::uint32_t language) {
  return apply({0, InputKind::set_language, language, {}});
}
bool Player::apply(const InputRecord& input) {
  return impl_->live_input(input);
}

const std::vector<InputRecord>& Player::inputs() const {
  return impl_->log;
}

void Player::load_inputs(std::vector<InputRecord> inputs) {
  std::stable_sort(inputs.begin(), inputs.end(),
                   [](const InputRecord& a, const InputRecord& c) { return a.time < c.time; });
  impl_->log = std::move(inputs);
  impl_->reset();
  impl_->build_frame();
}

const EventList& Player::event_log() const {
  return impl_->events;
}

const bundle::Bundle& Player::bundle() const {
  return impl_->b;
}

}  // namespace trialxr::scene
