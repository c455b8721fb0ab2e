#include <samplerate.h>

#include <algorithm>
#include <cmath>

#include "trialxr/core/check.h"
#include "trialxr/narration/audio_file.h"

namespace trialxr::narration {

Pcm resample(const Pcm& in, int sample_rate) {
  TRIALXR_CHECK(in.sample_rate > 0 && sample_rate > 0);
  Pcm out;
  out.sample_rate = sample_rate;
  if (in.sample_rate == sample_rate) {
    out.samples = in.samples;
    return out;
  }
  const double ratio = static_cast<double>(sample_rate) / in.sample_rate;
  TRIALXR_CHECK(src_is_valid_ratio(ratio) != 0);
  const auto length =
      static_cast<std::size_t>(std::llround(static_cast<double>(in.samples.size()) * ratio));
  if (in.samples.empty()) return out;

  // libsamplerate flushes its filter at the end of the input and may make a sample more or
  // less than the exact length: room for a few more, then cut or pad to the length.
  out.samples.assign(length + 64, 0.0f);
  SRC_DATA data{};
  data.data_in = in.samples.data();
  data.input_frames = static_cast<long>(in.samples.size());
  data.data_out = out.samples.data();
  data.output_frames = static_cast<long>(out.samples.size());
  data.end_of_input = 1;
  data.src_ratio = ratio;
  const int error = src_simple(&data, SRC_SINC_BEST_QUALITY, 1);
  TRIALXR_CHECK(error == 0);
  out.samples.resize(std::min(length, static_cast<std::size_t>(data.output_frames_gen)));
  out.samples.resize(length, 0.0f);
  for (float& s : out.samples) s = std::clamp(s, -1.0f, 1.0f);
  return out;
}

}  // namespace trialxr::narration
