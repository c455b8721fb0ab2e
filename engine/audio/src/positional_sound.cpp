#include "trialxr/audio/positional_sound.h"

#include <algorithm>
#include <cmath>
#include <optional>

#include "device.h"
#include "trialxr/core/check.h"

namespace trialxr::audio {

struct PositionalSound::Impl {
  std::shared_ptr<detail::Device> device;
  detail::PlacedSource placed;
  std::optional<Error> source_error;           // when OpenAL had no source left
  std::shared_ptr<const detail::Buffer> clip;  // attached to the source

  ~Impl() {
    if (placed.source == 0) return;
    std::erase(device->placed, &placed);
    detail::delete_source(*device, placed.source);
  }
};

PositionalSound::PositionalSound(AudioOutput& out) : impl_(std::make_unique<Impl>()) {
  TRIALXR_CHECK(out.device_ != nullptr);
  impl_->device = out.device_;
  auto source = detail::make_source(*impl_->device, "a positional sound");
  if (!source) {
    impl_->source_error = source.error();
    return;
  }
  impl_->placed.source = *source;
  impl_->device->placed.push_back(&impl_->placed);
  impl_->device->place(impl_->placed);
}

PositionalSound::PositionalSound(PositionalSound&&) noexcept = default;
PositionalSound& PositionalSound::operator=(PositionalSound&&) noexcept = default;
PositionalSound::~PositionalSound() = default;

Status PositionalSound::play(const AudioClip& clip, bool loop) {
  TRIALXR_CHECK(impl_ != nullptr);
  if (impl_->source_error) return tl::unexpected(*impl_->source_error);
  TRIALXR_CHECK(clip.buffer_->device == impl_->device);  // made on another output
  const ALuint source = impl_->placed.source;
  impl_->device->make_current();
  alSourceStop(source);
  alSourcei(source, AL_BUFFER, static_cast<ALint>(clip.buffer_->id));
  alSourcei(source, AL_LOOPING, loop ? AL_TRUE : AL_FALSE);
  alSourcePlay(source);
  detail::check_al();
  impl_->clip = clip.buffer_;
  return {};
}

void PositionalSound::set_position(const glm::vec3& position) {
  TRIALXR_CHECK(impl_ != nullptr);
  if (!std::isfinite(position.x) || !std::isfinite(position.y) || !std::isfinite(position.z))
    return;
  impl_->placed.position = position;
  if (impl_->placed.source != 0) impl_->device->place(impl_->placed);
}

const glm::vec3& PositionalSound::position() const {
  TRIALXR_CHECK(impl_ != nullptr);
  return impl_->placed.position;
}

void PositionalSound::set_gain(float gain) {
  TRIALXR_CHECK(impl_ != nullptr);
  if (impl_->placed.source == 0) return;
  impl_->device->make_current();
  alSourcef(impl_->placed.source, AL_GAIN, std::isnan(gain) ? 0.0f : std::max(gain, 0.0f));
  detail::check_al();
}

void PositionalSound::stop() {
  TRIALXR_CHECK(impl_ != nullptr);
  if (impl_->placed.source == 0) return;
  impl_->device->make_current();
  alSourceStop(impl_->placed.source);
  detail::check_al();
}

bool PositionalSound::playing() const {
  TRIALXR_CHECK(impl_ != nullptr);
  if (impl_->placed.source == 0) return false;
  impl_->device->make_current();
  ALint state = AL_STOPPED;
  alGetSourcei(impl_->placed.source, AL_SOURCE_STATE, &state);
  detail::check_al();
  return state == AL_PLAYING;
}

}  // namespace trialxr::audio
