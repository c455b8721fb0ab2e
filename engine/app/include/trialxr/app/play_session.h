// `trialxr play BUNDLE`: patient mode in a headset (engine/xr). Only a bundle signed by
// a trusted key plays; a refused one shows the patient a neutral, calm view and tells
// the coordinator why. Select with a controller (a ray from its aim, a haptic tick) or
// by gaze alone (look at a button for 1.5 s); the menu button pauses. Losing focus
// pauses narration and the timeline; the scene's end requests the session's exit.
// The coordinator's mirror (a desktop window, when there is a display) shows what the
// patient sees with controls: pause/resume, back, skip, recentre, language, end session,
// and a banner nobody can miss when the patient asks for the coordinator.
#pragma once
#include <cstdint>
#include <iosfwd>
#include <string>
#include <vector>

namespace trialxr::app {

struct PlayOptions {
  std::string bundle;
  std::vector<std::string> trust;  // public key files (.pub) of the signers to accept
  std::string language;
  bool fallback = true;  // no runtime or headset: open the desktop preview instead
  bool mirror = true;    // the coordinator's window (needs a display)
  bool validate = false;
  bool prefer_stage = false;
  bool prefer_passthrough = false;
  std::uint32_t max_frames = 0;  // automation: end after this many frames
  // Narration through OpenAL Soft: the device (empty: the default), master volume, mute,
  // mono audio (W3C XAUR: nothing panned). `audio` false opens no device.
  bool audio = true;
  std::string audio_device;
  float volume = 1.0f;
  bool mute = false;
  bool mono_audio = false;
  // The session record (engine/records), sealed to the study's key and appended to
  // `records` at the end: the pseudonymous participant code the coordinator typed and
  // the site. All three or none.
  std::string participant;
  std::string site;
  std::string records;
  std::string study_key;  // the study's public key file (X25519, .pub)
};

int run_play(const PlayOptions& options, std::ostream& out, std::ostream& err);

}  // namespace trialxr::app
