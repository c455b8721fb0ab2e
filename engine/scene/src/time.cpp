#include "trialxr/scene/time.h"

#include <cmath>

namespace trialxr::scene {

Micros to_micros(double seconds) {
  if (!(seconds > 0.0)) return 0;  // negative, zero, NaN
  double us = seconds * static_cast<double>(kMicrosPerSecond);
  if (us >= static_cast<double>(kMaxDuration)) return kMaxDuration;
  return static_cast<Micros>(std::llround(us));
}

Micros clamp_product(Micros duration, std::uint64_t times) {
  if (duration <= 0 || times == 0) return 0;
  const auto d = static_cast<std::uint64_t>(duration);
  const auto max = static_cast<std::uint64_t>(kMaxDuration);
  if (d > max / times) return kMaxDuration;
  return static_cast<Micros>(d * times);
}

}  // namespace trialxr::scene
