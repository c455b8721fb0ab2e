// Recorded narration: reading WAV, Ogg Vorbis and Ogg Opus files through libsndfile, and
// the two steps every line's audio goes through on its way to a bundle, resampling to
// 48 kHz (libsamplerate) and trimming the silence at its ends.
#pragma once
#include <string>

#include "trialxr/core/result.h"
#include "trialxr/narration/pcm.h"

namespace trialxr::narration {

// The longest recorded line read: ten minutes.
inline constexpr double kMaxNarrationSeconds = 600.0;

// Reads a recorded narration file (WAV, Ogg Vorbis or Ogg Opus; other formats libsndfile
// knows, such as FLAC, are refused), mixes its channels down to mono (their mean) and
// resamples it to 48 kHz. Fails, naming the path, when the file cannot be opened, is not
// one of those formats, holds no audio, has a sample rate outside 8–384 kHz, lasts over
// ten minutes or cannot be decoded.
Result<Pcm> read_audio_file(const std::string& path);

// `in` at `sample_rate` with libsamplerate's best sinc converter (deterministic), the
// length kept to the nearest sample and the samples clamped to [-1, 1]. The ratio of the
// two rates must lie within libsamplerate's 1/256–256.
Pcm resample(const Pcm& in, int sample_rate);

// Trims leading and trailing silence: samples whose magnitude is below `threshold`,
// keeping up to `pad_seconds` of it at each end. All silence trims to no samples.
Pcm trim_silence(const Pcm& in, float threshold = 1e-3f, double pad_seconds = 0.05);

}  // namespace trialxr::narration
