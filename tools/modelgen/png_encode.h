// PNG encoding of 8-bit images in memory (stb_image_write, from libstb). The encoder has no
// clock or randomness in it, so equal pixels give equal bytes.
#pragma once

#include <cstdint>
#include <vector>

namespace trialxr::modelgen {

struct Image8 {
  int width = 0;
  int height = 0;
  int channels = 0;                  // 1..4
  std::vector<std::uint8_t> pixels;  // row-major, top row first
};

// Throws std::runtime_error when the encoder fails.
std::vector<unsigned char> encode_png(const Image8& image);

}  // namespace trialxr::modelgen
