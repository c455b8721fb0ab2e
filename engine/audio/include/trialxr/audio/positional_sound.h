// PositionalSound: one sound attached to an object — an OpenAL source in world space
// (AL_SOURCE_RELATIVE false) whose position the host moves with the object's node each
// frame. Distance attenuation is OpenAL's default (inverse distance, clamped, reference
// distance 1 m). In mono mode (AudioSettings::mono) it is heard centred: placed straight
// ahead of the listener, relative to the head, at its real distance, so it is never
// panned but still fades with distance.
//
//   audio::PositionalSound hum(out);
//   hum.play(*clip, /*loop=*/true);
//   every frame: hum.set_position(frame.items[i].world[3]);
#pragma once

#include <glm/glm.hpp>
#include <memory>

#include "trialxr/audio/audio_clip.h"
#include "trialxr/audio/audio_output.h"
#include "trialxr/core/result.h"

namespace trialxr::audio {

class PositionalSound {
 public:
  // At the world origin, silent. If OpenAL has no source left, play() reports it.
  explicit PositionalSound(AudioOutput& out);
  PositionalSound(PositionalSound&&) noexcept;
  PositionalSound& operator=(PositionalSound&&) noexcept;
  PositionalSound(const PositionalSound&) = delete;
  PositionalSound& operator=(const PositionalSound&) = delete;
  ~PositionalSound();

  // Plays `clip` (made on the same output) from its start, replacing what was playing.
  Status play(const AudioClip& clip, bool loop = false);
  // World space; a non-finite position is ignored.
  void set_position(const glm::vec3& position);
  const glm::vec3& position() const;
  void set_gain(float gain);  // this sound's own gain, >= 0 (default 1)
  void stop();
  bool playing() const;  // false once a clip played to its end

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace trialxr::audio
