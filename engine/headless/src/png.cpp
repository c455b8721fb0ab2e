#include <fmt/format.h>

#include <cstddef>
#include <span>

#include "trialxr/core/file_io.h"
#include "trialxr/headless/rgba_image.h"

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wold-style-cast"
#pragma GCC diagnostic ignored "-Wconversion"
#pragma GCC diagnostic ignored "-Wsign-conversion"
#include <stb/stb_image.h>
#include <stb/stb_image_write.h>
#pragma GCC diagnostic pop

namespace trialxr::headless {
namespace {

void append(void* context, void* data, int size) {
  auto* out = static_cast<std::vector<std::byte>*>(context);
  const auto* bytes = static_cast<const std::byte*>(data);
  out->insert(out->end(), bytes, bytes + size);
}

}  // namespace

Status write_png(const std::string& path, const RgbaImage& image) {
  if (image.width == 0 || image.height == 0 ||
      image.pixels.size() != std::size_t{image.width} * image.height * 4) {
    return fail(fmt::format("{}: cannot write an empty or inconsistent image", path));
  }
  std::vector<std::byte> png;
  const int w = static_cast<int>(image.width);
  const int h = static_cast<int>(image.height);
  if (stbi_write_png_to_func(append, &png, w, h, 4, image.pixels.data(), w * 4) == 0) {
    return fail(fmt::format("{}: PNG encoding failed", path));
  }
  return write_file_atomic(path, std::span<const std::byte>(png));
}

Result<RgbaImage> read_png(const std::string& path) {
  int w = 0;
  int h = 0;
  int channels = 0;
  stbi_uc* data = stbi_load(path.c_str(), &w, &h, &channels, 4);
  if (data == nullptr) {
    return fail(fmt::format("{}: cannot read PNG: {}", path, stbi_failure_reason()));
  }
  RgbaImage image;
  image.width = static_cast<std::uint32_t>(w);
  image.height = static_cast<std::uint32_t>(h);
  image.pixels.assign(data, data + std::size_t{image.width} * image.height * 4);
  stbi_image_free(data);
  return image;
}

}  // namespace trialxr::headless
