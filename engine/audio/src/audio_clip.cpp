#include "trialxr/audio/audio_clip.h"

#include "device.h"
#include "trialxr/core/check.h"

namespace trialxr::audio {

Result<AudioClip> AudioClip::create(AudioOutput& out, std::span<const float> mono,
                                    int sample_rate) {
  TRIALXR_CHECK(out.device_ != nullptr);
  auto buffer = detail::make_buffer(out.device_, mono.data(), mono.size(), sample_rate);
  if (!buffer) return fail(buffer.error().message);
  return AudioClip(std::move(*buffer));
}

AudioClip::AudioClip(std::shared_ptr<const detail::Buffer> buffer) : buffer_(std::move(buffer)) {}

std::size_t AudioClip::samples() const {
  return buffer_->samples;
}

int AudioClip::sample_rate() const {
  return buffer_->sample_rate;
}

double AudioClip::seconds() const {
  return static_cast<double>(buffer_->samples) / buffer_->sample_rate;
}

}  // namespace trialxr::audio
