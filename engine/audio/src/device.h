// detail::Device: the OpenAL device and context an AudioOutput opened, shared (through
// std::shared_ptr) with every clip and source made on it, so they release their AL objects
// in the right context whichever is destroyed first. Also the listener's state and the
// positional sounds alive, which a mono switch or a head move re-places.
#pragma once

#include <AL/al.h>
#include <AL/alc.h>
#include <AL/alext.h>

#include <cstddef>
#include <glm/glm.hpp>
#include <glm/gtc/quaternion.hpp>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "trialxr/audio/audio_output.h"
#include "trialxr/core/result.h"

namespace trialxr::audio::detail {

// A source placed in world space (PositionalSound's).
struct PlacedSource {
  ALuint source = 0;
  glm::vec3 position{0.0f};
};

struct Device {
  ALCdevice* device = nullptr;
  ALCcontext* context = nullptr;
  LPALCRENDERSAMPLESSOFT render_samples = nullptr;  // loopback devices only
  int sample_rate = 0;
  AudioSettings settings;
  glm::vec3 listener_position{0.0f};
  glm::quat listener_orientation{1.0f, 0.0f, 0.0f, 0.0f};
  std::vector<PlacedSource*> placed;  // alive, for mono switches and head moves

  Device() = default;
  Device(const Device&) = delete;
  Device& operator=(const Device&) = delete;
  ~Device();

  // Makes this context current (OpenAL's current context is process-wide).
  void make_current() const;
  // Sets the source's AL position for the settings and listener now.
  void place(const PlacedSource& s) const;
  void place_all() const;
};

// An OpenAL buffer of mono float samples.
struct Buffer {
  std::shared_ptr<Device> device;
  ALuint id = 0;
  std::size_t samples = 0;
  int sample_rate = 0;

  Buffer() = default;
  Buffer(const Buffer&) = delete;
  Buffer& operator=(const Buffer&) = delete;
  ~Buffer();
};

// Uploads mono float samples into a new buffer.
Result<std::shared_ptr<const Buffer>> make_buffer(const std::shared_ptr<Device>& device,
                                                  const float* samples, std::size_t count,
                                                  int sample_rate);

// A new source, or an error naming `what` when OpenAL has none left.
Result<ALuint> make_source(const Device& device, std::string_view what);
void delete_source(const Device& device, ALuint source);

// For calls that fail only when misused: TRIALXR_CHECK that OpenAL reported no error.
void check_al();

}  // namespace trialxr::audio::detail
