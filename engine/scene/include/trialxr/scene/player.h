// Player: plays a bundle's timeline — steps, cues, quizzes — and poses its scene graph,
// one FrameState per tick. Semantics: docs/script-language.md; the player's own
// decisions (time, narration queueing, `back`, seeking) are documented in
// engine/scene/README.md.
//
//   scene::Player player(bundle);            // the bundle must outlive the player
//   for (;;) {
//     const scene::FrameState& f = player.tick(dt);
//     if (f.waiting_for_continue && continue_pressed) player.press_continue();
//     ...
//   }
//
// Deterministic: the same bundle, options and sequence of ticks and inputs give the
// same frames, bit for bit. Time is whole microseconds (time.h); events happen at their
// exact times whatever the tick size, so the state at time t does not depend on how
// the ticks before it were cut. Every accepted input is recorded with its time;
// seek(t) replays the record from the start, and gives the state play-to-t gave.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "trialxr/bundle/bundle.h"
#include "trialxr/scene/events.h"
#include "trialxr/scene/frame_state.h"
#include "trialxr/scene/input.h"
#include "trialxr/scene/time.h"

namespace trialxr::scene {

struct PlayerOptions {
  std::uint32_t language = 0;  // index into the bundle's languages; out of range -> 0
};

// Where run_until() may stop early (bits).
enum RunStop : std::uint32_t {
  kStopWhenWaiting = 1u << 0,  // a `wait continue`, a quiz prompt or quiz feedback waits
  kStopOnStepEntry = 1u << 1,  // right after a step is entered
};

class Player {
 public:
  explicit Player(const bundle::Bundle& bundle, PlayerOptions options = {});
  ~Player();
  Player(Player&&) noexcept;
  Player& operator=(Player&&) noexcept;
  Player(const Player&) = delete;
  Player& operator=(const Player&) = delete;

  // [SECTION] time
  // Advances the session clock by dt (seconds, rounded to a microsecond; negative or NaN
  // counts as 0). The scene clock stands still while paused.
  const FrameState& tick(double dt_seconds);
  const FrameState& tick_micros(Micros dt);
  // The state after every event at or before `time` (session clock) and every recorded
  // input at or before it, re-simulated from the start. Recorded inputs after `time`
  // stay recorded: ticking on replays them at their times until a new input is given.
  const FrameState& seek(Micros time);
  // Advances to `time` like tick, but stops early at the first moment one of `stops`
  // holds (returns at once if it holds already).
  const FrameState& run_until(Micros time, std::uint32_t stops);

  const FrameState& frame() const;
  Micros time() const;  // session clock

  // [SECTION] inputs: each returns true when accepted (and recorded); a refused input
  // (nothing to continue, paused, out of range...) changes nothing.
  bool press_continue();
  bool choose(std::uint32_t option);
  bool select(std::span<const std::uint32_t> options);
  bool submit();
  bool pause();
  bool resume();
  bool back();
  bool ask_coordinator();
  bool dismiss_coordinator();
  bool set_language(std::uint32_t language);
  // Any of the above from a record (its time is ignored: inputs apply now).
  bool apply(const InputRecord& input);

  // [SECTION] records
  const std::vector<InputRecord>& inputs() const;
  // Replaces the input record (sorted by time, stable) and restarts at time 0; ticking
  // or seeking then replays it.
  void load_inputs(std::vector<InputRecord> inputs);
  // Every event since the start (or since the last seek/load_inputs re-simulated it).
  const EventList& event_log() const;

  const bundle::Bundle& bundle() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace trialxr::scene
