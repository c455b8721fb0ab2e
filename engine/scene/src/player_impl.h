// Player::Impl: the player's whole state and its internal operations. The methods are
// spread over timeline.cpp (cues, steps, the clock), inputs.cpp (what each input does)
// and player.cpp (the public API, frames, seeking).
#pragma once

#include <cstdint>
#include <span>
#include <utility>
#include <vector>

#include "frame_builder.h"
#include "layout.h"
#include "pose.h"
#include "scene_state.h"
#include "trialxr/scene/player.h"

namespace trialxr::scene {

namespace detail {

// A running cue the current top-level cue waits for (a `together` waits for several).
enum class PendingKind : std::uint8_t { timed, clip, wait_say, wait_continue, quiz };

struct Pending {
  std::uint32_t cue = 0;
  PendingKind kind = PendingKind::timed;
  Micros start = 0;
  Micros end = 0;  // timed, clip
};

struct QuizState {
  bool active = false;
  std::uint32_t cue = bundle::kNone;
  std::uint32_t quiz = bundle::kNone;
  std::vector<std::uint8_t> selected;  // per option
  bool answered = false;
  bool correct = false;
  std::uint32_t feedback_line = bundle::kNone;
  std::uint32_t branch_step = bundle::kNone;  // after Continue; kNone = next cue
};

struct HistoryEntry {
  std::uint32_t step = 0;
  Micros time = 0;  // scene clock at entry
  SceneState state;
};

// `back` can go this many step entries back.
inline constexpr std::size_t kMaxHistory = 64;

}  // namespace detail

struct Player::Impl {
  Impl(const bundle::Bundle& b, PlayerOptions o);

  // [SECTION] player.cpp
  void reset();
  void build_frame();
  void emit(Event e, std::span<const std::uint32_t> options = {});
  bool live_input(InputRecord input);

  // [SECTION] timeline.cpp
  // Advances the session clock to `target`, applying recorded inputs at their times.
  // Returns false when it stopped early (run_until).
  bool advance_to(Micros target);
  bool run_scene(Micros target);  // scene clock; false when stopped early
  void settle();                  // everything that happens at the current instant
  Micros next_scene_event() const;
  void start_cue(std::uint32_t cue);
  bool run_cue(std::uint32_t cue);  // false when control left the cue list (goto, end)
  void enter_step(std::uint32_t step);
  void end_scene(bool stalled);
  void complete_pending();
  void queue_narration(std::uint32_t line, std::uint32_t speaker);
  void retime_narration();  // after a language change
  void announce_narration();
  void start_tween(const bundle::CueRecord& cue);
  void play_clip(std::uint32_t cue_index, const bundle::CueRecord& cue);
  void stop_clips(std::uint32_t object);
  void finish_clip(std::uint32_t animation);
  void show_quiz(std::uint32_t cue_index);
  void activate_quiz(std::uint32_t cue_index);
  void reset_quiz();
  bool exploring() const;  // the prompt shown is an explore (a schedule's visits)
  std::pair<std::uint32_t, std::uint32_t> explore_focus() const;  // node, line; or kNone
  bool waiting_for_input() const;
  bool waiting_for_continue() const;

  // [SECTION] inputs.cpp
  bool apply(const InputRecord& input);
  bool do_continue();
  bool do_choose(std::uint32_t option);
  bool do_select(const std::vector<std::uint32_t>& chosen);
  bool do_submit();
  bool do_back();
  void answer();

  Event event(EventKind kind) const;
  Micros session_now() const { return scene + offset; }

  const bundle::Bundle& b;
  PlayerOptions options;
  detail::Layout layout;
  detail::Poser poser;
  detail::FrameBuilder builder;

  // Clocks: session = scene + offset; offset grows while paused.
  Micros scene = 0;
  Micros offset = 0;
  bool paused = false;
  bool ended = false;
  bool coordinator = false;
  std::uint32_t language = 0;

  // Timeline.
  std::uint32_t step = bundle::kNone;
  std::uint32_t next_cue = 0;  // within the step's top-level cues
  std::vector<detail::Pending> pending;
  detail::QuizState quiz;
  detail::SceneState state;
  // Step entries for `back`: history[0, history_count); entries past the count are kept
  // (not destroyed) so that copying a snapshot in reuses their memory.
  std::vector<detail::HistoryEntry> history;
  std::size_t history_count = 0;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> cue_stack;  // together: [next, end)
  std::vector<std::uint32_t> answer_scratch;

  // A timeline that loops without time passing (goto in a circle) would never return;
  // more step entries than steps at one instant, with no input between, ends the scene.
  Micros instant = -1;
  std::uint64_t instant_inputs = 0;
  std::uint32_t instant_entries = 0;
  std::uint64_t inputs_applied = 0;

  // Inputs: the record, and how far it has been applied.
  std::vector<InputRecord> log;
  std::size_t replayed = 0;

  // run_until.
  std::uint32_t stops = 0;
  bool stop_hit = false;

  EventList events;                  // everything since the start
  bool frame_events_stale = false;   // the frame's events belong to the previous tick
  bool collect_frame_events = true;  // off while seek re-simulates
  FrameState frame;
};

}  // namespace trialxr::scene
