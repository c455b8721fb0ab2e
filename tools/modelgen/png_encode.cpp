#include "png_encode.h"

#include <stdexcept>

#include <stb/stb_image_write.h>

namespace trialxr::modelgen {

namespace {

void append_bytes(void* context, void* data, int size) {
  auto* out = static_cast<std::vector<unsigned char>*>(context);
  const auto* bytes = static_cast<const unsigned char*>(data);
  out->insert(out->end(), bytes, bytes + size);
}

}  // namespace

std::vector<unsigned char> encode_png(const Image8& image) {
  const auto expected = static_cast<std::size_t>(image.width) *
                        static_cast<std::size_t>(image.height) *
                        static_cast<std::size_t>(image.channels);
  if (image.width <= 0 || image.height <= 0 || image.channels < 1 || image.channels > 4 ||
      image.pixels.size() != expected) {
    throw std::runtime_error("encode_png: bad image");
  }
  std::vector<unsigned char> png;
  if (stbi_write_png_to_func(append_bytes, &png, image.width, image.height, image.channels,
                             image.pixels.data(), image.width * image.channels) == 0) {
    throw std::runtime_error("encode_png: encoder failed");
  }
  return png;
}

}  // namespace trialxr::modelgen
