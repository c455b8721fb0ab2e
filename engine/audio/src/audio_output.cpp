#include "trialxr/audio/audio_output.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "device.h"
#include "trialxr/core/check.h"

namespace trialxr::audio {

namespace {

std::string alc_error_name(ALCdevice* device) {
  const ALCenum error = alcGetError(device);
  if (error == ALC_NO_ERROR) return "no error reported";
  const ALCchar* name = alcGetString(device, error);
  return name != nullptr ? std::string(name) : fmt::format("ALC error 0x{:x}", error);
}

template <class Fn>
Fn alc_function(ALCdevice* device, const char* name) {
  return reinterpret_cast<Fn>(alcGetProcAddress(device, name));
}

// The context's common set-up: float buffers, the listener at the origin.
Result<std::shared_ptr<detail::Device>> finish_open(std::shared_ptr<detail::Device> d,
                                                    const ALCint* attributes,
                                                    std::string_view what) {
  d->context = alcCreateContext(d->device, attributes);
  if (d->context == nullptr)
    return fail(
        fmt::format("{}: OpenAL could not create a context ({})", what, alc_error_name(d->device)));
  d->make_current();
  if (alIsExtensionPresent("AL_EXT_FLOAT32") != AL_TRUE)
    return fail(fmt::format("{}: OpenAL lacks AL_EXT_FLOAT32 (float buffers)", what));
  ALCint rate = 0;
  alcGetIntegerv(d->device, ALC_FREQUENCY, 1, &rate);
  d->sample_rate = rate;
  alGetError();
  alListenerf(AL_GAIN, 1.0f);
  alListener3f(AL_POSITION, 0.0f, 0.0f, 0.0f);
  const ALfloat orientation[6] = {0.0f, 0.0f, -1.0f, 0.0f, 1.0f, 0.0f};
  alListenerfv(AL_ORIENTATION, orientation);
  detail::check_al();
  return d;
}

bool finite(const glm::vec3& v) {
  return std::isfinite(v.x) && std::isfinite(v.y) && std::isfinite(v.z);
}

}  // namespace

Result<AudioOutput> AudioOutput::open(const std::string& device_name) {
  auto d = std::make_shared<detail::Device>();
  d->device = alcOpenDevice(device_name.empty() ? nullptr : device_name.c_str());
  if (d->device == nullptr) {
    const std::string reason = alc_error_name(nullptr);
    if (!device_name.empty())
      return fail("no audio output device ('" + device_name +
                  "' could not be opened; OpenAL reports: " + reason + ")");
    const ALCchar* fallback = alcGetString(nullptr, ALC_DEFAULT_ALL_DEVICES_SPECIFIER);
    if (fallback == nullptr || *fallback == '\0')
      fallback = alcGetString(nullptr, ALC_DEFAULT_DEVICE_SPECIFIER);
    if (fallback == nullptr || *fallback == '\0')
      return fail("no audio output device (OpenAL lists none; it reports: " + reason + ")");
    return fail(std::string("no audio output device (OpenAL could not open the default one, '") +
                fallback + "'; it reports: " + reason + ")");
  }
  auto opened = finish_open(std::move(d), nullptr, "audio output");
  if (!opened) return fail(opened.error().message);
  return AudioOutput(std::move(*opened));
}

Result<AudioOutput> AudioOutput::open_loopback(int sample_rate) {
  if (sample_rate < 8000 || sample_rate > 192000)
    return fail(
        fmt::format("loopback audio: a sample rate of {} Hz is not supported", sample_rate));
  if (alcIsExtensionPresent(nullptr, "ALC_SOFT_loopback") != ALC_TRUE)
    return fail("loopback audio: OpenAL lacks ALC_SOFT_loopback");
  const auto open_device =
      alc_function<LPALCLOOPBACKOPENDEVICESOFT>(nullptr, "alcLoopbackOpenDeviceSOFT");
  const auto is_supported =
      alc_function<LPALCISRENDERFORMATSUPPORTEDSOFT>(nullptr, "alcIsRenderFormatSupportedSOFT");
  const auto render = alc_function<LPALCRENDERSAMPLESSOFT>(nullptr, "alcRenderSamplesSOFT");
  if (open_device == nullptr || is_supported == nullptr || render == nullptr)
    return fail("loopback audio: OpenAL does not export the ALC_SOFT_loopback functions");

  auto d = std::make_shared<detail::Device>();
  d->device = open_device(nullptr);
  if (d->device == nullptr)
    return fail("loopback audio: OpenAL could not open a loopback device (" +
                alc_error_name(nullptr) + ")");
  if (is_supported(d->device, sample_rate, ALC_STEREO_SOFT, ALC_FLOAT_SOFT) != ALC_TRUE)
    return fail(fmt::format("loopback audio: stereo float at {} Hz is not supported", sample_rate));
  d->render_samples = render;
  const ALCint attributes[] = {ALC_FORMAT_CHANNELS_SOFT,
                               ALC_STEREO_SOFT,
                               ALC_FORMAT_TYPE_SOFT,
                               ALC_FLOAT_SOFT,
                               ALC_FREQUENCY,
                               sample_rate,
                               ALC_HRTF_SOFT,
                               ALC_FALSE,
                               ALC_OUTPUT_LIMITER_SOFT,
                               ALC_FALSE,
                               0};
  auto opened = finish_open(std::move(d), attributes, "loopback audio");
  if (!opened) return fail(opened.error().message);
  if ((*opened)->sample_rate != sample_rate)
    return fail(fmt::format("loopback audio: asked for {} Hz, OpenAL gave {} Hz", sample_rate,
                            (*opened)->sample_rate));
  return AudioOutput(std::move(*opened));
}

AudioOutput::AudioOutput(std::shared_ptr<detail::Device> device) : device_(std::move(device)) {}
AudioOutput::AudioOutput(AudioOutput&&) noexcept = default;
AudioOutput& AudioOutput::operator=(AudioOutput&&) noexcept = default;
AudioOutput::~AudioOutput() = default;

void AudioOutput::render(std::span<float> interleaved_stereo) {
  TRIALXR_CHECK(device_ != nullptr && device_->render_samples != nullptr);
  TRIALXR_CHECK(interleaved_stereo.size() % 2 == 0);
  const std::size_t frames = interleaved_stereo.size() / 2;
  TRIALXR_CHECK(frames <= static_cast<std::size_t>(INT32_MAX));
  if (frames == 0) return;
  device_->render_samples(device_->device, interleaved_stereo.data(),
                          static_cast<ALCsizei>(frames));
}

void AudioOutput::apply(const AudioSettings& settings) {
  TRIALXR_CHECK(device_ != nullptr);
  AudioSettings s = settings;
  s.volume = std::isnan(s.volume) ? 0.0f : std::clamp(s.volume, 0.0f, 1.0f);
  const bool mono_changed = s.mono != device_->settings.mono;
  device_->settings = s;
  device_->make_current();
  alListenerf(AL_GAIN, s.muted ? 0.0f : s.volume);
  detail::check_al();
  if (mono_changed) device_->place_all();
}

const AudioSettings& AudioOutput::settings() const {
  TRIALXR_CHECK(device_ != nullptr);
  return device_->settings;
}

void AudioOutput::set_listener(const glm::vec3& position, const glm::quat& orientation) {
  TRIALXR_CHECK(device_ != nullptr);
  const glm::vec4 q(orientation.x, orientation.y, orientation.z, orientation.w);
  if (!finite(position) || !std::isfinite(q.x) || !std::isfinite(q.y) || !std::isfinite(q.z) ||
      !std::isfinite(q.w) || glm::dot(q, q) < 1e-12f)
    return;
  const glm::quat unit = glm::normalize(orientation);
  const glm::vec3 at = unit * glm::vec3(0.0f, 0.0f, -1.0f);
  const glm::vec3 up = unit * glm::vec3(0.0f, 1.0f, 0.0f);
  device_->listener_position = position;
  device_->listener_orientation = unit;
  device_->make_current();
  alListener3f(AL_POSITION, position.x, position.y, position.z);
  const ALfloat values[6] = {at.x, at.y, at.z, up.x, up.y, up.z};
  alListenerfv(AL_ORIENTATION, values);
  detail::check_al();
  // In mono mode a sound's distance to the head sets its place.
  if (device_->settings.mono) device_->place_all();
}

int AudioOutput::sample_rate() const {
  TRIALXR_CHECK(device_ != nullptr);
  return device_->sample_rate;
}

bool AudioOutput::is_loopback() const {
  TRIALXR_CHECK(device_ != nullptr);
  return device_->render_samples != nullptr;
}

std::string AudioOutput::device_name() const {
  TRIALXR_CHECK(device_ != nullptr);
  const ALCchar* name = nullptr;
  if (alcIsExtensionPresent(device_->device, "ALC_ENUMERATE_ALL_EXT") == ALC_TRUE)
    name = alcGetString(device_->device, ALC_ALL_DEVICES_SPECIFIER);
  if (name == nullptr) name = alcGetString(device_->device, ALC_DEVICE_SPECIFIER);
  return name != nullptr ? std::string(name) : std::string();
}

}  // namespace trialxr::audio
