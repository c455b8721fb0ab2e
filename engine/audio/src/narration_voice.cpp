#include "trialxr/audio/narration_voice.h"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <utility>

#include "device.h"
#include "trialxr/audio/audio_clip.h"
#include "trialxr/audio/narration_decoder.h"
#include "trialxr/core/check.h"

namespace trialxr::audio {

// The source's life, as the voice sees it:
//  - pending: not running; when it should be heard it starts at `pending` (a new line, a
//    seek back into a finished line, or a line that began while paused);
//  - AL_PLAYING / AL_PAUSED: running, at AL_SAMPLE_OFFSET;
//  - otherwise (AL_STOPPED, AL_INITIAL, no pending): finished — at the clip's end.
struct NarrationVoice::Impl {
  std::shared_ptr<detail::Device> device;
  const bundle::Bundle* b = nullptr;  // outlives the voice
  ALuint source = 0;
  // Decoded clips by (line, language): no clip for a line without audio, or one that
  // failed (with its error).
  struct Entry {
    std::optional<AudioClip> clip;
    std::optional<Error> error;
  };
  std::map<std::pair<std::uint32_t, std::uint32_t>, Entry> clips;

  struct Current {
    std::uint32_t line = bundle::kNone;
    std::uint32_t language = 0;
    const AudioClip* clip = nullptr;
  };
  std::optional<Current> current;
  std::optional<ALint> pending;
  bool paused = false;
  std::optional<Error> error;
  // `say … from NAME`: the voice is placed at the object (as a positional sound is, so
  // mono audio and head moves apply); otherwise it is head-locked.
  detail::PlacedSource placed;
  bool at_speaker = false;

  ~Impl() {
    if (at_speaker) std::erase(device->placed, &placed);
    detail::delete_source(*device, source);
  }

  const Entry& entry(std::uint32_t line, std::uint32_t language);
  ALint state() const;
  ALint position(ALint state) const;  // in samples, see above
  void silence();
  void attach(std::uint32_t line, std::uint32_t language, const AudioClip& clip);
  void follow(ALint expected);
  void locate(std::uint32_t speaker, const glm::vec3& position);
};

void NarrationVoice::Impl::locate(std::uint32_t speaker, const glm::vec3& position) {
  if (speaker != bundle::kNone) {
    placed.source = source;
    placed.position = position;
    if (!at_speaker) device->placed.push_back(&placed);
    at_speaker = true;
    device->place(placed);  // rolloff stays 0: the voice keeps its loudness, not its place
  } else if (at_speaker) {
    std::erase(device->placed, &placed);
    at_speaker = false;
    alSourcei(source, AL_SOURCE_RELATIVE, AL_TRUE);
    alSource3f(source, AL_POSITION, 0.0f, 0.0f, 0.0f);
    detail::check_al();
  }
}

const NarrationVoice::Impl::Entry& NarrationVoice::Impl::entry(std::uint32_t line,
                                                               std::uint32_t language) {
  const auto key = std::make_pair(line, language);
  if (auto found = clips.find(key); found != clips.end()) return found->second;
  Entry e;
  if (b->narration(line, language) != nullptr) {
    auto samples = decode_narration(*b, line, language);
    if (samples) {
      auto buffer =
          detail::make_buffer(device, samples->data(), samples->size(), bundle::kOpusSampleRate);
      if (buffer)
        e.clip = AudioClip(std::move(*buffer));
      else
        e.error = buffer.error();
    } else {
      e.error = samples.error();
    }
    if (e.error) error = e.error;
  }
  return clips.emplace(key, std::move(e)).first->second;
}

ALint NarrationVoice::Impl::state() const {
  ALint s = AL_INITIAL;
  alGetSourcei(source, AL_SOURCE_STATE, &s);
  detail::check_al();
  return s;
}

ALint NarrationVoice::Impl::position(ALint s) const {
  if (pending) return *pending;
  if (s == AL_PLAYING || s == AL_PAUSED) {
    ALint offset = 0;
    alGetSourcei(source, AL_SAMPLE_OFFSET, &offset);
    detail::check_al();
    return offset;
  }
  return static_cast<ALint>(current->clip->samples());
}

void NarrationVoice::Impl::silence() {
  if (current) {
    alSourceStop(source);
    detail::check_al();
  }
  current.reset();
  pending.reset();
}

void NarrationVoice::Impl::attach(std::uint32_t line, std::uint32_t language,
                                  const AudioClip& clip) {
  alSourceStop(source);
  alSourcei(source, AL_BUFFER, static_cast<ALint>(clip.buffer_->id));
  detail::check_al();
  current = Current{line, language, &clip};
  pending = 0;  // follow() moves it to where the frame is
}

// Brings the source to `expected` (samples into the clip) if it strayed, then to the
// frame's paused state.
void NarrationVoice::Impl::follow(ALint expected) {
  const ALint length = static_cast<ALint>(current->clip->samples());
  const ALint target = std::min(expected, length);
  ALint s = state();
  const ALint max_drift = static_cast<ALint>(kMaxDrift * current->clip->sample_rate() / 1'000'000);
  if (std::abs(position(s) - target) > max_drift || (pending && *pending != target)) {
    if (target >= length) {
      alSourceStop(source);
      pending.reset();
    } else if (pending || (s != AL_PLAYING && s != AL_PAUSED)) {
      pending = target;
    } else {
      alSourcei(source, AL_SAMPLE_OFFSET, target);
    }
    detail::check_al();
    s = state();
  }
  if (paused) {
    if (s == AL_PLAYING) alSourcePause(source);
  } else if (pending) {
    alSourceStop(source);  // a stopped source applies the offset when it starts
    alSourcei(source, AL_SAMPLE_OFFSET, *pending);
    alSourcePlay(source);
    pending.reset();
  } else if (s == AL_PAUSED) {
    alSourcePlay(source);
  }
  detail::check_al();
}

NarrationVoice::NarrationVoice(AudioOutput& out, const bundle::Bundle& b)
    : impl_(std::make_unique<Impl>()) {
  TRIALXR_CHECK(out.device_ != nullptr);
  impl_->device = out.device_;
  impl_->b = &b;
  auto source = detail::make_source(*impl_->device, "the narration");
  if (!source) {
    impl_->error = source.error();
    return;
  }
  const ALuint s = impl_->source = *source;
  alSourcei(s, AL_SOURCE_RELATIVE, AL_TRUE);  // head-locked, at the head
  alSource3f(s, AL_POSITION, 0.0f, 0.0f, 0.0f);
  alSourcef(s, AL_ROLLOFF_FACTOR, 0.0f);
  alSourcei(s, AL_LOOPING, AL_FALSE);
  detail::check_al();
}

NarrationVoice::NarrationVoice(NarrationVoice&&) noexcept = default;
NarrationVoice& NarrationVoice::operator=(NarrationVoice&&) noexcept = default;
NarrationVoice::~NarrationVoice() = default;

void NarrationVoice::update(const scene::FrameState& frame) {
  TRIALXR_CHECK(impl_ != nullptr);
  Impl& v = *impl_;
  if (v.source == 0) return;
  v.device->make_current();
  v.paused = frame.paused;
  v.locate(frame.subtitle_speaker, frame.speaker_position);
  const bool heard = !frame.ended && frame.subtitle_line != bundle::kNone;
  if (heard) TRIALXR_CHECK(frame.subtitle_line < v.b->lines().size());
  TRIALXR_CHECK(frame.language < v.b->languages().size());
  const Impl::Entry* e = heard ? &v.entry(frame.subtitle_line, frame.language) : nullptr;
  const AudioClip* clip = e != nullptr && e->clip ? &*e->clip : nullptr;
  if (clip == nullptr) {
    v.silence();
    return;
  }
  const scene::Micros into = std::max<scene::Micros>(0, frame.scene_time - frame.subtitle_start);
  // Samples from microseconds, clamped so that the product cannot overflow.
  const scene::Micros limit = scene::Micros{1} << 40;
  const scene::Micros samples = std::min(into, limit) * clip->sample_rate() / 1'000'000;
  const ALint expected = static_cast<ALint>(std::min<scene::Micros>(samples, INT32_MAX));
  if (!v.current || v.current->line != frame.subtitle_line ||
      v.current->language != frame.language) {
    v.attach(frame.subtitle_line, frame.language, *clip);
  }
  v.follow(expected);
}

Status NarrationVoice::preload(std::uint32_t language) {
  TRIALXR_CHECK(impl_ != nullptr);
  TRIALXR_CHECK(language < impl_->b->languages().size());
  if (impl_->source == 0) return tl::unexpected(*impl_->error);
  impl_->device->make_current();
  const auto lines = static_cast<std::uint32_t>(impl_->b->lines().size());
  for (std::uint32_t line = 0; line < lines; ++line) {
    const Impl::Entry& e = impl_->entry(line, language);
    if (e.error) return tl::unexpected(*e.error);
  }
  return {};
}

std::optional<NarrationVoice::Playing> NarrationVoice::playing() const {
  TRIALXR_CHECK(impl_ != nullptr);
  const Impl& v = *impl_;
  if (!v.current) return std::nullopt;
  v.device->make_current();
  const ALint s = v.state();
  bool running = v.pending.has_value() || s == AL_PLAYING || s == AL_PAUSED;
  if (!running) return std::nullopt;
  Playing p;
  p.line = v.current->line;
  p.language = v.current->language;
  p.offset_seconds = static_cast<double>(v.position(s)) / v.current->clip->sample_rate();
  p.paused = v.pending ? v.paused : s == AL_PAUSED;
  return p;
}

const std::optional<Error>& NarrationVoice::last_error() const {
  TRIALXR_CHECK(impl_ != nullptr);
  return impl_->error;
}

}  // namespace trialxr::audio
