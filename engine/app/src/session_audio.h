// SessionAudio: what a host plays through the speakers or the headset — the narration
// voice kept in step with the player (engine/audio), the listener at the patient's head,
// and the patient's settings (master volume, mute, mono audio). No output device is not
// an error: the host says so once (problem()) and the session runs silent, with subtitles.
#pragma once

#include <glm/glm.hpp>
#include <glm/gtc/quaternion.hpp>
#include <optional>
#include <string>

#include "trialxr/audio/audio_output.h"
#include "trialxr/audio/narration_voice.h"
#include "trialxr/bundle/bundle.h"
#include "trialxr/scene/frame_state.h"

namespace trialxr::app {

struct AudioChoice {
  std::string device;  // OpenAL's name for it; empty: the default
  audio::AudioSettings settings;
  bool enabled = true;  // false (`--no-audio`): open no device at all
};

class SessionAudio {
 public:
  // Opens the output; problem() says why there is none.
  explicit SessionAudio(const AudioChoice& choice);

  // The scene whose narration plays; call again when the scene is replaced.
  void set_bundle(const bundle::Bundle* b);
  // Once per rendered frame, after the player's tick.
  void update(const scene::FrameState& frame, const glm::vec3& head_position,
              const glm::quat& head_orientation);
  void apply(const audio::AudioSettings& settings);

  bool available() const { return out_.has_value(); }
  // Why there is no sound ("" when there is), or the last line that would not play.
  const std::string& problem() const { return problem_; }
  // A problem not yet reported: returned once, then "".
  std::string take_new_problem();
  const audio::AudioSettings& settings() const { return settings_; }
  std::string device_name() const;

 private:
  audio::AudioSettings settings_;
  std::string problem_;
  bool reported_ = false;
  std::optional<audio::AudioOutput> out_;
  std::optional<audio::NarrationVoice> voice_;
};

}  // namespace trialxr::app
