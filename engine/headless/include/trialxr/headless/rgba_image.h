// RgbaImage: pixels read back from the GPU, RGBA8 (sRGB-encoded, as a PNG stores
// them), rows top to bottom, tightly packed. PNG files in and out.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "trialxr/core/result.h"

namespace trialxr::headless {

struct RgbaImage {
  std::uint32_t width = 0;
  std::uint32_t height = 0;
  std::vector<std::uint8_t> pixels;  // width * height * 4

  const std::uint8_t* pixel(std::uint32_t x, std::uint32_t y) const {
    return pixels.data() + (std::size_t{y} * width + x) * 4;
  }
};

// Writes through write_file_atomic; errors name the path.
Status write_png(const std::string& path, const RgbaImage& image);
// Reads any PNG as RGBA8; errors name the path.
Result<RgbaImage> read_png(const std::string& path);

}  // namespace trialxr::headless
