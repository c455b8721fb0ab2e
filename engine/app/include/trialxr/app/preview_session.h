// PreviewSession: `trialxr preview` — the desktop preview for educators and reviewers.
// It plays a scene in a window (engine/desktop) with the same player, stage and renderer
// as every host, and Dear ImGui review tools around it: play/pause, single step, a
// timeline with step markers, a step list, language, quiz answers and Continue, the
// current step's cues, the compiler's warnings, frame times and screenshots.
//
// A script is compiled in the background and rebuilt whenever it or a file it uses
// changes (tools/live); a good build replaces the scene at the same time with the same
// inputs, a failed one leaves the last good scene playing under a diagnostics overlay.
#pragma once
#include <cstdint>
#include <iosfwd>
#include <memory>
#include <string>

#include "trialxr/core/result.h"
#include "trialxr/headless/rgba_image.h"
#include "trialxr/scene/frame_state.h"

namespace trialxr::app {

struct PreviewOptions {
  std::string file;      // a scene script (.txs) or a bundle (.trxb)
  std::string language;  // BCP 47 tag; empty: the base language
  bool stereo = false;   // both eyes side by side
  bool vsync = true;
  bool validate = false;  // Vulkan validation layer; messages are counted
  std::uint32_t width = 1280;
  std::uint32_t height = 720;
  double fixed_step = 0.0;  // seconds per frame; 0 = real time (tests use a fixed step)
  // Narration through OpenAL Soft, as in `trialxr play`.
  bool audio = true;
  std::string audio_device;
  float volume = 1.0f;
  bool mute = false;
  bool mono_audio = false;
};

class PreviewSession {
 public:
  // Errors: no display, no Vulkan device, an unreadable file or refused bundle. A script
  // with errors is not an error here: the window opens with the diagnostics overlay.
  static Result<std::unique_ptr<PreviewSession>> open(const PreviewOptions& options);
  ~PreviewSession();

  // One frame: window events, a finished rebuild, the review tools, the player, drawing.
  // False once the window has been closed.
  bool frame();

  bool has_scene() const;
  const scene::FrameState& state() const;      // TRIALXR_CHECKs has_scene()
  std::uint64_t build_generation() const;      // good and failed builds seen so far
  bool showing_errors() const;                 // the last build failed: overlay shown
  const std::string& diagnostics() const;      // the last build's messages
  std::string text(std::uint32_t line) const;  // a line of the scene in the frame's language
  std::uint32_t validation_messages() const;
  // The scene as the window shows it, without the review tools.
  Result<headless::RgbaImage> screenshot();
  bool play(bool playing);  // returns the previous state

 private:
  PreviewSession();
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// `trialxr preview FILE [--lang L] [--stereo] [--no-vsync] [--size WxH] [--validate]
//  [--frames N [--screenshot PNG]]`; with --frames it exits after N frames (automation).
int run_preview(const PreviewOptions& options, std::uint32_t frames, const std::string& screenshot,
                std::ostream& out, std::ostream& err);

}  // namespace trialxr::app
