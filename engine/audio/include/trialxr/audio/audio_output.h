// AudioOutput: an OpenAL Soft device and context — where every sound of the session is
// mixed. A host opens the default output device; tests and offline mixing open a loopback
// device that renders 48 kHz stereo floats on demand, deterministically.
//
//   auto out = audio::AudioOutput::open();
//   if (!out) warn(out.error().message);  // "no audio output device (...)": run silent
//   out->apply({.volume = 0.8f, .mono = settings.mono_audio});
//   every frame: out->set_listener(head.position, head.orientation);
//
// World space is the scene's: metres, right-handed, +Y up, -Z ahead (as glTF and OpenAL).
// Clips (audio_clip.h), positional sounds (positional_sound.h) and the narration voice
// (narration_voice.h) are made on an output and share its device, so they may outlive it
// or be destroyed in any order. Not thread safe: use an output and everything made on it
// from one thread.
#pragma once

#include <glm/glm.hpp>
#include <glm/gtc/quaternion.hpp>
#include <memory>
#include <span>
#include <string>

#include "trialxr/core/result.h"

namespace trialxr::audio {

namespace detail {
struct Device;
}

struct AudioSettings {
  float volume = 1.0f;  // master gain, [0, 1] (outside is clamped; NaN counts as 0)
  bool muted = false;
  // W3C XR Accessibility User Requirements, mono audio: every source is heard centred,
  // nothing panned (distance still makes a positional sound quieter).
  bool mono = false;

  bool operator==(const AudioSettings&) const = default;
};

class AudioOutput {
 public:
  // The default device, or the one named (as OpenAL lists it). Error "no audio output
  // device (...)" when OpenAL cannot open one: hosts then run silent with a warning.
  static Result<AudioOutput> open(const std::string& device_name = {});
  // An ALC_SOFT_loopback device rendering stereo 32-bit float at `sample_rate`, no HRTF,
  // no limiter, only when render() asks.
  static Result<AudioOutput> open_loopback(int sample_rate = 48000);

  AudioOutput(AudioOutput&&) noexcept;
  AudioOutput& operator=(AudioOutput&&) noexcept;
  AudioOutput(const AudioOutput&) = delete;
  AudioOutput& operator=(const AudioOutput&) = delete;
  ~AudioOutput();

  // Mixes the next interleaved_stereo.size() / 2 frames (L, R, L, R...). Loopback only
  // (TRIALXR_CHECK), and the size must be even.
  void render(std::span<float> interleaved_stereo);

  // Master volume (AL_GAIN on the listener), mute, mono. Applies at once to every sound.
  void apply(const AudioSettings& settings);
  const AudioSettings& settings() const;

  // The head in world space. A non-finite pose is ignored (the last one stays).
  void set_listener(const glm::vec3& position, const glm::quat& orientation);

  int sample_rate() const;  // of the output, in Hz
  bool is_loopback() const;
  std::string device_name() const;

 private:
  explicit AudioOutput(std::shared_ptr<detail::Device> device);
  friend class AudioClip;
  friend class PositionalSound;
  friend class NarrationVoice;

  std::shared_ptr<detail::Device> device_;
};

}  // namespace trialxr::audio
