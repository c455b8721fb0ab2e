// Player time: a whole number of microseconds, everywhere. Durations from the bundle
// (seconds as float) are converted once, rounded to the nearest microsecond, so cue
// ends, clip loops and seek targets are exact integers and a timeline computed in one
// sequence of ticks matches the one computed in another.
#pragma once

#include <cstdint>

namespace trialxr::scene {

using Micros = std::int64_t;

inline constexpr Micros kMicrosPerSecond = 1'000'000;
// The longest single duration the player represents (about 31 years); longer ones,
// and products such as clip duration x repeats, are clamped to it.
inline constexpr Micros kMaxDuration = Micros{1'000'000'000'000'000};
// The latest time the clocks reach (about 31 700 years); ticks saturate there, so no
// sum of a time and a duration overflows.
inline constexpr Micros kMaxTime = Micros{1'000'000'000'000'000'000};

// Seconds -> microseconds, rounded to nearest. Negative, NaN -> 0; clamped to
// kMaxDuration.
Micros to_micros(double seconds);

inline double to_seconds(Micros t) {
  return static_cast<double>(t) / static_cast<double>(kMicrosPerSecond);
}

// a * b for durations, clamped to [0, kMaxDuration].
Micros clamp_product(Micros duration, std::uint64_t times);

}  // namespace trialxr::scene
