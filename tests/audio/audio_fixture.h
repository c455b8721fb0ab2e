// Shared by the audio tests: bundles compiled from a short script whose narration is
// replaced by Opus-encoded test tones (one frequency per line and language, so what is
// mixed says what plays), a player driven in 10 ms ticks with a loopback output rendering
// 480 frames per tick, and the signal measures the checks use.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "temp_dir.h"
#include "trialxr/audio/audio_output.h"
#include "trialxr/audio/narration_voice.h"
#include "trialxr/bundle/bundle.h"
#include "trialxr/compiler/bundle_content.h"
#include "trialxr/scene/player.h"

namespace trialxr::testing {

inline constexpr int kRate = 48000;
inline constexpr std::size_t kTickFrames = 480;  // 10 ms

// Two `say` lines ("one" and "two") with a one-second gap, in en and de.
extern const char* kNarrationScript;

std::vector<float> sine(double hz, std::size_t samples, float amplitude = 0.5f);

// The script compiled (its narration, if any, cleared: every line silent).
compiler::BundleContent compile_script(const TempDir& dir, const std::string& script);
std::uint32_t line_id(const compiler::BundleContent& c, std::string_view id);
// Encodes `signal` as the bundle format's Opus (mono, 48 kHz, 20 ms packets) for
// (line, language).
void add_narration(compiler::BundleContent& c, std::uint32_t line, std::uint32_t language,
                   std::span<const float> signal);
bundle::Bundle open_content(const compiler::BundleContent& c, const std::string& name);

// The tones of kNarrationScript's lines: line "one" / "two" x en / de.
struct Tone {
  std::string line;
  std::uint32_t language;
  double hz;
  double seconds;
};
extern const std::vector<Tone> kTones;
// kNarrationScript with kTones as its narration.
bundle::Bundle narrated_bundle(const TempDir& dir);

// [SECTION] signals
std::vector<float> channel(std::span<const float> stereo, int which);
double rms(std::span<const float> x);
// The amplitude of the `hz` component (Goertzel, over the whole span).
double tone_amplitude(std::span<const float> x, double hz);

// A player ticked in 10 ms steps, a NarrationVoice updated with each frame and a loopback
// output rendering the 10 ms that follow it.
struct Block {
  scene::FrameState frame;
  std::vector<float> stereo;  // kTickFrames frames, interleaved
  std::vector<float> left() const { return channel(stereo, 0); }
  std::vector<float> right() const { return channel(stereo, 1); }
};

class NarrationRig {
 public:
  explicit NarrationRig(const bundle::Bundle& b);

  Block tick();                                // player.tick(10 ms), update, render
  Block show(const scene::FrameState& frame);  // update with `frame`, render

  // What should be heard after `frame`: the decoded line at the frame's offset, as mono.
  std::vector<float> expected(const scene::FrameState& frame);
  // The narration gain of a centred head-locked source in this output (from a block
  // that has signal, by least squares).
  static double gain_of(const Block& block, std::span<const float> expected);

  const bundle::Bundle& bundle;
  scene::Player player;
  audio::AudioOutput out;
  audio::NarrationVoice voice;

 private:
  std::map<std::pair<std::uint32_t, std::uint32_t>, std::vector<float>> decoded_;
};

// Fails the test with the first sample where a block differs from gain x expected, in
// either channel, by more than `tolerance`.
::testing::AssertionResult heard_as(const Block& block, std::span<const float> expected,
                                    double gain, double tolerance = 1e-4);
// Like heard_as, but the block may fade in: OpenAL Soft ramps a source that starts
// mid-clip up from silence over its first mixing update (a declick). Each sample must be
// expected x gain x a weight that rises monotonically from [0, 1] to above 0.9.
::testing::AssertionResult heard_fading_in(const Block& block, std::span<const float> expected,
                                           double gain, double tolerance = 1e-4);

}  // namespace trialxr::testing
