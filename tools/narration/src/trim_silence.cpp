#include <algorithm>
#include <cmath>

#include "trialxr/core/check.h"
#include "trialxr/narration/audio_file.h"

namespace trialxr::narration {

Pcm trim_silence(const Pcm& in, float threshold, double pad_seconds) {
  TRIALXR_CHECK(in.sample_rate > 0 && threshold >= 0.0f && pad_seconds >= 0.0);
  Pcm out;
  out.sample_rate = in.sample_rate;
  const auto loud = [threshold](float s) { return std::fabs(s) >= threshold; };
  const auto first = std::find_if(in.samples.begin(), in.samples.end(), loud);
  if (first == in.samples.end()) return out;
  const auto last = std::find_if(in.samples.rbegin(), in.samples.rend(), loud);

  const auto pad = static_cast<std::size_t>(std::llround(pad_seconds * in.sample_rate));
  const auto begin = static_cast<std::size_t>(first - in.samples.begin());
  const std::size_t end = in.samples.size() - static_cast<std::size_t>(last - in.samples.rbegin());
  const std::size_t from = begin > pad ? begin - pad : 0;
  const std::size_t to = std::min(in.samples.size(), end + pad);
  out.samples.assign(in.samples.begin() + static_cast<std::ptrdiff_t>(from),
                     in.samples.begin() + static_cast<std::ptrdiff_t>(to));
  return out;
}

}  // namespace trialxr::narration
