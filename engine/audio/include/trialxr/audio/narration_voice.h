// NarrationVoice: keeps what the patient hears in step with the player. Once per rendered
// frame it takes the player's FrameState and makes the narration voice — one head-locked
// mono source (relative to the listener, at the head, never attenuated; for `say … from
// NAME` placed at that object instead, panned but not attenuated) — play the line
// the subtitle shows, in the frame's language, from where the line has got to:
//
//   audio::NarrationVoice voice(out, bundle);
//   voice.preload(language);  // optional: decode every line now, not at its first use
//   every frame: voice.update(player.tick(dt));
//
// - a new line or language: its clip replaces the old and starts at the offset
//   scene_time - subtitle_start;
// - paused: the source pauses; resuming continues from where it stopped;
// - no line, or the scene ended: silence;
// - the source's position differs from the expected offset by more than kMaxDrift (a
//   seek, a `back`, a device clock that runs apart from the frames): it jumps there.
// OpenAL Soft fades a source in over its first mixing update when it starts mid-clip (a
// declick): a switch or a jump is not a click. A correction of a playing source is a plain
// jump. A line whose audio ends before its subtitle is silent for the rest; lines without audio
// (bundles before format 1.3) are silent. Clips are decoded once and kept per (line,
// language) for the voice's life. A line that does not decode stays silent, and
// last_error() says why.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>

#include "trialxr/audio/audio_output.h"
#include "trialxr/bundle/bundle.h"
#include "trialxr/core/result.h"
#include "trialxr/scene/frame_state.h"
#include "trialxr/scene/time.h"

namespace trialxr::audio {

class NarrationVoice {
 public:
  // How far the heard position may stray from the frame's before it is corrected.
  static constexpr scene::Micros kMaxDrift = 40'000;

  // `b` must outlive the voice. If OpenAL has no source left the voice stays silent and
  // last_error() says so.
  NarrationVoice(AudioOutput& out, const bundle::Bundle& b);
  NarrationVoice(NarrationVoice&&) noexcept;
  NarrationVoice& operator=(NarrationVoice&&) noexcept;
  NarrationVoice(const NarrationVoice&) = delete;
  NarrationVoice& operator=(const NarrationVoice&) = delete;
  ~NarrationVoice();

  // Call once per rendered frame with the player's state (of the same bundle).
  void update(const scene::FrameState& frame);

  // Decodes every line of `language` that has audio; the first failure is returned (the
  // lines before it are kept). TRIALXR_CHECKs `language`.
  Status preload(std::uint32_t language);

  // What is playing now, for tests and overlays; nothing when silent.
  struct Playing {
    std::uint32_t line = bundle::kNone;
    std::uint32_t language = 0;
    double offset_seconds = 0.0;  // into the line's audio
    bool paused = false;
  };
  std::optional<Playing> playing() const;

  // The most recent problem (a line that does not decode, OpenAL out of resources).
  const std::optional<Error>& last_error() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace trialxr::audio
