// Image import: PNG/JPEG files decoded at compile time (stb_image) to RGBA8, and the
// textures made from them: a full mip chain (box filter; sRGB-correct for colour
// textures) written to TEXB with one TextureRecord. Used by the glTF importer for its
// textures and by the script's `image` objects (see append_image_quad in primitives.h).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "trialxr/bundle/format.h"
#include "trialxr/compiler/bundle_content.h"
#include "trialxr/core/result.h"

namespace trialxr::compiler {

// Images larger than this on either side are refused (the players' GPU limit).
inline constexpr std::uint32_t kMaxImageSize = 8192;

// A decoded image: RGBA8, rows top to bottom, tightly packed.
struct ImageAsset {
  std::string path;  // file path, or a description ("model.glb image 2") when embedded
  std::uint32_t width = 0;
  std::uint32_t height = 0;
  std::vector<std::uint8_t> rgba;  // width * height * 4 bytes

  // True when some pixel is not fully opaque.
  bool has_alpha() const;
};

// Reads and decodes a PNG or JPEG file. Errors name the file and say why (missing file,
// not a PNG/JPEG, stb_image's reason, too large).
Result<ImageAsset> load_image(const std::string& path);

// Decodes PNG or JPEG bytes; `name` is what errors call the image.
Result<ImageAsset> decode_image(std::span<const std::byte> encoded, std::string name);

// Sampler state of a texture.
struct SamplerDesc {
  bundle::Filter mag_filter = bundle::Filter::linear;
  bundle::Filter min_filter = bundle::Filter::linear;
  bundle::Wrap wrap_s = bundle::Wrap::repeat;
  bundle::Wrap wrap_t = bundle::Wrap::repeat;
};

// Levels in the full chain down to 1x1: floor(log2(max(width, height))) + 1.
std::uint32_t mip_count(std::uint32_t width, std::uint32_t height);

// Size of mip `level`: each side halves (rounded down), never below 1.
std::uint32_t mip_extent(std::uint32_t extent, std::uint32_t level);

// All mips of `image`, largest first, tightly packed RGBA8. Each level is a box filter
// (area-weighted, so odd sizes work) of the level above, computed in float:
//   - rgba8_srgb: colour averaged in linear light (decode sRGB, average, re-encode) and
//     weighted by alpha so transparent texels do not darken edges; alpha averaged as is.
//   - rgba8_unorm: every channel averaged as stored (normal, metal-rough, occlusion maps).
std::vector<std::uint8_t> build_mip_chain(const ImageAsset& image, bundle::TextureFormat format);

// Appends the mip chain to TEXB (16-byte aligned) and one TextureRecord named `name`.
// Returns the texture's index.
std::uint32_t append_texture(const ImageAsset& image, bundle::TextureFormat format,
                             const SamplerDesc& sampler, std::string_view name,
                             BundleContent& content);

// A text atlas's distance field (width × height bytes) appended to TEXB as one r8_unorm
// TextureRecord of a single level: a mip chain would average thin strokes away.
std::uint32_t append_r8_texture(std::uint32_t width, std::uint32_t height,
                                std::span<const std::uint8_t> texels, const SamplerDesc& sampler,
                                std::string_view name, BundleContent& content);

// sRGB transfer functions on [0, 1], exact (IEC 61966-2-1) for 8-bit values.
float srgb8_to_linear(std::uint8_t value);
std::uint8_t linear_to_srgb8(float linear);

}  // namespace trialxr::compiler
