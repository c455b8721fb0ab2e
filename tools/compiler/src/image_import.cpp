// PNG/JPEG decoding with stb_image (the implementation lives in Debian's libstb).
#include "trialxr/compiler/image_import.h"

#include <climits>
#include <cstring>

#include "stb_wrap.h"
#include "trialxr/core/file_io.h"

namespace trialxr::compiler {

namespace {

bool starts_with(std::span<const std::byte> bytes, std::initializer_list<unsigned char> magic) {
  if (bytes.size() < magic.size()) return false;
  std::size_t i = 0;
  for (unsigned char m : magic)
    if (std::to_integer<unsigned char>(bytes[i++]) != m) return false;
  return true;
}

struct StbiPixels {
  unsigned char* data = nullptr;
  ~StbiPixels() {
    if (data != nullptr) stbi_image_free(data);
  }
};

}  // namespace

bool ImageAsset::has_alpha() const {
  for (std::size_t i = 3; i < rgba.size(); i += 4)
    if (rgba[i] != 255) return true;
  return false;
}

Result<ImageAsset> decode_image(std::span<const std::byte> encoded, std::string name) {
  const bool png = starts_with(encoded, {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
  const bool jpeg = starts_with(encoded, {0xFF, 0xD8, 0xFF});
  if (!png && !jpeg) {
    return fail(name + ": not a PNG or JPEG image" +
                (encoded.empty() ? std::string(" (it is empty)") : std::string()));
  }
  if (encoded.size() > static_cast<std::size_t>(INT_MAX))
    return fail(name + ": image file is too large");
  int w = 0, h = 0, channels = 0;
  const auto* bytes = reinterpret_cast<const stbi_uc*>(encoded.data());
  const int size = static_cast<int>(encoded.size());
  if (stbi_info_from_memory(bytes, size, &w, &h, &channels) == 0) {
    const char* why = stbi_failure_reason();
    return fail(name + ": cannot decode " + (png ? "PNG" : "JPEG") +
                " image: " + (why != nullptr ? why : "unknown error"));
  }
  if (w <= 0 || h <= 0 || static_cast<std::uint32_t>(w) > kMaxImageSize ||
      static_cast<std::uint32_t>(h) > kMaxImageSize) {
    return fail(name + ": image is " + std::to_string(w) + "x" + std::to_string(h) +
                " pixels; the largest supported is " + std::to_string(kMaxImageSize) + "x" +
                std::to_string(kMaxImageSize));
  }
  StbiPixels pixels;
  pixels.data = stbi_load_from_memory(bytes, size, &w, &h, &channels, 4);
  if (pixels.data == nullptr) {
    const char* why = stbi_failure_reason();
    return fail(name + ": cannot decode " + (png ? "PNG" : "JPEG") +
                " image: " + (why != nullptr ? why : "unknown error"));
  }
  ImageAsset image;
  image.path = std::move(name);
  image.width = static_cast<std::uint32_t>(w);
  image.height = static_cast<std::uint32_t>(h);
  image.rgba.resize(std::size_t{image.width} * image.height * 4);
  std::memcpy(image.rgba.data(), pixels.data, image.rgba.size());
  return image;
}

Result<ImageAsset> load_image(const std::string& path) {
  auto bytes = read_file(path);
  if (!bytes) return fail(bytes.error().message);
  return decode_image(std::as_bytes(std::span<const char>(*bytes)), path);
}

}  // namespace trialxr::compiler
