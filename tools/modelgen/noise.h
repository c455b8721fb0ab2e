// Deterministic, tileable value noise: integer hashing only for the random part, so a seed
// always gives the same pattern (no std:: distributions, whose output varies by library).
#pragma once

#include <cstdint>

namespace trialxr::modelgen {

// A well-mixed 32-bit hash (lowbias32).
std::uint32_t hash32(std::uint32_t x);

// Smoothly interpolated lattice noise in [0, 1) at (x, y) in lattice cells; the lattice
// repeats every `period` cells in both directions.
float value_noise(float x, float y, int period, std::uint32_t seed);

// Fractal sum of value noise over the unit square (u, v in [0, 1], tiling at the edges):
// `octaves` layers, the first with `base_period` cells, each next one twice as fine and
// half as strong. Result in [0, 1).
float fractal_noise(float u, float v, int base_period, int octaves, std::uint32_t seed);

}  // namespace trialxr::modelgen
