// Pcm: narration as floating-point samples, one channel, between -1 and 1. Everything in
// this module works on it; bundles hold it as Opus (opus_encoder.h).
#pragma once
#include <vector>

namespace trialxr::narration {

// The rate of narration in bundles: Opus decodes natively at 48 kHz.
inline constexpr int kNarrationSampleRate = 48000;

struct Pcm {
  int sample_rate = kNarrationSampleRate;
  std::vector<float> samples;  // mono, [-1, 1]

  // The length in seconds.
  double seconds() const;
};

}  // namespace trialxr::narration
