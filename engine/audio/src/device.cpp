#include "device.h"

#include <fmt/format.h>

#include <climits>
#include <cmath>

#include "trialxr/core/check.h"

namespace trialxr::audio::detail {

namespace {

std::string al_error_name(ALenum error) {
  const ALchar* name = alGetString(error);
  return name != nullptr ? std::string(name) : fmt::format("0x{:x}", error);
}

}  // namespace

Device::~Device() {
  if (context != nullptr) {
    if (alcGetCurrentContext() == context) alcMakeContextCurrent(nullptr);
    alcDestroyContext(context);
  }
  if (device != nullptr) alcCloseDevice(device);
}

void Device::make_current() const {
  if (alcGetCurrentContext() != context) TRIALXR_CHECK(alcMakeContextCurrent(context) == ALC_TRUE);
}

void Device::place(const PlacedSource& s) const {
  make_current();
  if (settings.mono) {
    // Straight ahead of the head at the real distance: centred, still attenuated.
    const float distance = glm::length(s.position - listener_position);
    alSourcei(s.source, AL_SOURCE_RELATIVE, AL_TRUE);
    alSource3f(s.source, AL_POSITION, 0.0f, 0.0f, -distance);
  } else {
    alSourcei(s.source, AL_SOURCE_RELATIVE, AL_FALSE);
    alSource3f(s.source, AL_POSITION, s.position.x, s.position.y, s.position.z);
  }
  check_al();
}

void Device::place_all() const {
  for (const PlacedSource* s : placed) place(*s);
}

Buffer::~Buffer() {
  if (id == 0) return;
  device->make_current();
  alDeleteBuffers(1, &id);
  check_al();
}

Result<std::shared_ptr<const Buffer>> make_buffer(const std::shared_ptr<Device>& device,
                                                  const float* samples, std::size_t count,
                                                  int sample_rate) {
  if (count == 0) return fail("an audio clip needs at least one sample");
  if (sample_rate < 8000 || sample_rate > 192000)
    return fail(
        fmt::format("an audio clip's sample rate must be 8000..192000 Hz, not {}", sample_rate));
  if (count > static_cast<std::size_t>(INT_MAX) / sizeof(float))
    return fail(
        fmt::format("an audio clip of {} samples is too long for one OpenAL buffer", count));
  device->make_current();
  alGetError();
  auto buffer = std::make_shared<Buffer>();
  buffer->device = device;
  alGenBuffers(1, &buffer->id);
  if (const ALenum e = alGetError(); e != AL_NO_ERROR) {
    buffer->id = 0;
    return fail("OpenAL could not create a buffer (" + al_error_name(e) + ")");
  }
  buffer->samples = count;
  buffer->sample_rate = sample_rate;
  alBufferData(buffer->id, AL_FORMAT_MONO_FLOAT32, samples,
               static_cast<ALsizei>(count * sizeof(float)), sample_rate);
  if (const ALenum e = alGetError(); e != AL_NO_ERROR)
    return fail(
        fmt::format("OpenAL could not store {} samples in a buffer ({})", count, al_error_name(e)));
  return std::shared_ptr<const Buffer>(std::move(buffer));
}

Result<ALuint> make_source(const Device& device, std::string_view what) {
  device.make_current();
  alGetError();
  ALuint source = 0;
  alGenSources(1, &source);
  if (const ALenum e = alGetError(); e != AL_NO_ERROR)
    return fail(fmt::format("OpenAL has no source left for {} ({})", what, al_error_name(e)));
  return source;
}

void delete_source(const Device& device, ALuint source) {
  if (source == 0) return;
  device.make_current();
  alSourceStop(source);
  alSourcei(source, AL_BUFFER, 0);
  alDeleteSources(1, &source);
  check_al();
}

void check_al() {
  const ALenum error = alGetError();
  TRIALXR_CHECK(error == AL_NO_ERROR);
}

}  // namespace trialxr::audio::detail
