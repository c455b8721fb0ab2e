#include "noise.h"

#include <cmath>

namespace trialxr::modelgen {

namespace {

int wrap(int i, int period) {
  const int m = i % period;
  return m < 0 ? m + period : m;
}

float lattice(int ix, int iy, std::uint32_t seed) {
  const std::uint32_t h =
      hash32(seed ^ hash32(static_cast<std::uint32_t>(ix) +
                           0x9E3779B9u * hash32(static_cast<std::uint32_t>(iy))));
  return static_cast<float>(h >> 8) * (1.0f / 16777216.0f);
}

float smooth(float t) {
  return t * t * (3.0f - 2.0f * t);
}

}  // namespace

std::uint32_t hash32(std::uint32_t x) {
  x ^= x >> 16;
  x *= 0x7FEB352Du;
  x ^= x >> 15;
  x *= 0x846CA68Bu;
  x ^= x >> 16;
  return x;
}

float value_noise(float x, float y, int period, std::uint32_t seed) {
  const float fx = std::floor(x);
  const float fy = std::floor(y);
  const int ix = static_cast<int>(fx);
  const int iy = static_cast<int>(fy);
  const float tx = smooth(x - fx);
  const float ty = smooth(y - fy);
  const int x0 = wrap(ix, period);
  const int x1 = wrap(ix + 1, period);
  const int y0 = wrap(iy, period);
  const int y1 = wrap(iy + 1, period);
  const float top = lattice(x0, y0, seed) + (lattice(x1, y0, seed) - lattice(x0, y0, seed)) * tx;
  const float bottom = lattice(x0, y1, seed) + (lattice(x1, y1, seed) - lattice(x0, y1, seed)) * tx;
  return top + (bottom - top) * ty;
}

float fractal_noise(float u, float v, int base_period, int octaves, std::uint32_t seed) {
  float sum = 0.0f;
  float weight = 0.0f;
  float amplitude = 1.0f;
  int period = base_period;
  for (int octave = 0; octave < octaves; ++octave) {
    const float p = static_cast<float>(period);
    sum += amplitude * value_noise(u * p, v * p, period, seed + static_cast<std::uint32_t>(octave));
    weight += amplitude;
    amplitude *= 0.5f;
    period *= 2;
  }
  return sum / weight;
}

}  // namespace trialxr::modelgen
