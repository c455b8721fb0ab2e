// AudioClip: mono samples uploaded once into an OpenAL buffer, to be played by any number
// of sounds on the same output.
//
//   auto chime = audio::AudioClip::create(out, samples, 48000);
//   if (chime) sound.play(*chime);
//
// Copies share the buffer; it is freed when the last copy and the last sound playing it
// are gone.
#pragma once

#include <cstddef>
#include <memory>
#include <span>

#include "trialxr/audio/audio_output.h"
#include "trialxr/core/result.h"

namespace trialxr::audio {

namespace detail {
struct Buffer;
}

class AudioClip {
 public:
  // Errors: no samples, a sample rate outside [8000, 192000], a clip too long for one
  // OpenAL buffer, or OpenAL out of memory.
  static Result<AudioClip> create(AudioOutput& out, std::span<const float> mono,
                                  int sample_rate = 48000);

  std::size_t samples() const;
  int sample_rate() const;
  double seconds() const;

 private:
  explicit AudioClip(std::shared_ptr<const detail::Buffer> buffer);
  friend class PositionalSound;
  friend class NarrationVoice;

  std::shared_ptr<const detail::Buffer> buffer_;
};

}  // namespace trialxr::audio
