#include "session_audio.h"

namespace trialxr::app {

SessionAudio::SessionAudio(const AudioChoice& choice) : settings_(choice.settings) {
  if (!choice.enabled) return;
  auto out = audio::AudioOutput::open(choice.device);
  if (!out) {
    problem_ = out.error().message + "; the scene plays without sound (subtitles only)";
    return;
  }
  out_ = std::move(*out);
  out_->apply(settings_);
}

void SessionAudio::set_bundle(const bundle::Bundle* b) {
  voice_.reset();
  if (!out_ || b == nullptr) return;
  voice_.emplace(*out_, *b);
}

void SessionAudio::update(const scene::FrameState& frame, const glm::vec3& head_position,
                          const glm::quat& head_orientation) {
  if (!out_ || !voice_) return;
  out_->set_listener(head_position, head_orientation);
  voice_->update(frame);
  if (voice_->last_error() && voice_->last_error()->message != problem_) {
    problem_ = voice_->last_error()->message;
    reported_ = false;
  }
}

std::string SessionAudio::take_new_problem() {
  if (reported_ || problem_.empty()) return {};
  reported_ = true;
  return problem_;
}

void SessionAudio::apply(const audio::AudioSettings& settings) {
  settings_ = settings;
  if (out_) out_->apply(settings_);
}

std::string SessionAudio::device_name() const {
  return out_ ? out_->device_name() : std::string();
}

}  // namespace trialxr::app
