// Mip chains (area-weighted box filter, sRGB-correct for colour textures) and texture
// records.
#include <algorithm>
#include <array>
#include <cmath>

#include "trialxr/compiler/image_import.h"
#include "trialxr/core/check.h"

namespace trialxr::compiler {

namespace {

// Colour texels are averaged weighted by alpha + kAlphaEpsilon: alpha-weighted where
// anything is visible, a plain average where everything is transparent.
constexpr float kAlphaEpsilon = 1.0f / 1024.0f;

// One source texel's contribution along an axis.
struct Tap {
  std::uint32_t index;
  float weight;
};

// Box filter taps from `src` texels down to `dst` texels: destination texel x covers
// [x * src / dst, (x + 1) * src / dst) of the source, and each source texel contributes
// in proportion to the overlap. Computed in integers (units of 1/dst), so the weights
// are exact: 1/2 each when src == 2 * dst.
std::vector<std::vector<Tap>> box_taps(std::uint32_t src, std::uint32_t dst) {
  std::vector<std::vector<Tap>> taps(dst);
  for (std::uint64_t x = 0; x < dst; ++x) {
    const std::uint64_t lo = x * src, hi = (x + 1) * src;
    for (std::uint64_t i = lo / dst; i * dst < hi; ++i) {
      const std::uint64_t a = std::max(lo, i * dst), b = std::min(hi, (i + 1) * dst);
      if (b > a) {
        taps[x].push_back(
            {static_cast<std::uint32_t>(i), static_cast<float>(b - a) / static_cast<float>(src)});
      }
    }
  }
  return taps;
}

// One level in float. Colour: (r*w, g*w, b*w, w, a) with linear r, g, b; data: (r, g, b, a).
struct FloatLevel {
  std::uint32_t width = 0;
  std::uint32_t height = 0;
  std::vector<float> texels;
};

template <std::size_t C, class Fetch>
FloatLevel downsample(std::uint32_t sw, std::uint32_t sh, Fetch&& fetch) {
  FloatLevel out;
  out.width = std::max(1u, sw / 2);
  out.height = std::max(1u, sh / 2);
  out.texels.assign(std::size_t{out.width} * out.height * C, 0.0f);
  const auto tx = box_taps(sw, out.width);
  const auto ty = box_taps(sh, out.height);
  std::array<float, C> src{};
  for (std::uint32_t y = 0; y < out.height; ++y) {
    for (std::uint32_t x = 0; x < out.width; ++x) {
      std::array<float, C> acc{};
      for (const Tap& row : ty[y]) {
        for (const Tap& col : tx[x]) {
          fetch(col.index, row.index, src);
          const float w = row.weight * col.weight;
          for (std::size_t c = 0; c < C; ++c) acc[c] += w * src[c];
        }
      }
      std::copy(
          acc.begin(), acc.end(),
          out.texels.begin() + static_cast<std::ptrdiff_t>((std::size_t{y} * out.width + x) * C));
    }
  }
  return out;
}

std::uint8_t unorm8(float v) {
  v = std::clamp(v, 0.0f, 1.0f);
  return static_cast<std::uint8_t>(v * 255.0f + 0.5f);
}

void emit_level(const FloatLevel& level, bool srgb, std::vector<std::uint8_t>& out) {
  const std::size_t n = std::size_t{level.width} * level.height;
  const std::size_t c = srgb ? 5 : 4;
  for (std::size_t i = 0; i < n; ++i) {
    const float* t = level.texels.data() + i * c;
    if (srgb) {
      const float w = t[3] > 0.0f ? t[3] : 1.0f;
      out.push_back(linear_to_srgb8(t[0] / w));
      out.push_back(linear_to_srgb8(t[1] / w));
      out.push_back(linear_to_srgb8(t[2] / w));
      out.push_back(unorm8(t[4]));
    } else {
      for (std::size_t k = 0; k < 4; ++k) out.push_back(unorm8(t[k]));
    }
  }
}

}  // namespace

float srgb8_to_linear(std::uint8_t value) {
  static const std::array<float, 256> table = [] {
    std::array<float, 256> t{};
    for (std::size_t i = 0; i < t.size(); ++i) {
      const double s = static_cast<double>(i) / 255.0;
      t[i] = static_cast<float>(s <= 0.04045 ? s / 12.92 : std::pow((s + 0.055) / 1.055, 2.4));
    }
    return t;
  }();
  return table[value];
}

std::uint8_t linear_to_srgb8(float linear) {
  const double l = static_cast<double>(std::clamp(linear, 0.0f, 1.0f));
  const double s = l <= 0.0031308 ? l * 12.92 : 1.055 * std::pow(l, 1.0 / 2.4) - 0.055;
  return static_cast<std::uint8_t>(std::clamp(s * 255.0 + 0.5, 0.0, 255.0));
}

std::uint32_t mip_count(std::uint32_t width, std::uint32_t height) {
  std::uint32_t largest = std::max(width, height), levels = 1;
  while (largest > 1) {
    largest /= 2;
    ++levels;
  }
  return levels;
}

std::uint32_t mip_extent(std::uint32_t extent, std::uint32_t level) {
  return std::max(1u, level >= 32 ? 0u : extent >> level);
}

std::vector<std::uint8_t> build_mip_chain(const ImageAsset& image, bundle::TextureFormat format) {
  TRIALXR_CHECK(image.width > 0 && image.height > 0);
  TRIALXR_CHECK(image.rgba.size() == std::size_t{image.width} * image.height * 4);
  const bool srgb = format == bundle::TextureFormat::rgba8_srgb;
  const std::uint32_t levels = mip_count(image.width, image.height);

  std::size_t total = 0;
  for (std::uint32_t l = 0; l < levels; ++l)
    total += std::size_t{mip_extent(image.width, l)} * mip_extent(image.height, l) * 4;
  std::vector<std::uint8_t> out;
  out.reserve(total);
  out.insert(out.end(), image.rgba.begin(), image.rgba.end());
  if (levels == 1) return out;

  // Level 1 straight from the 8-bit source (no full-size float copy), then each level
  // from the float level above it.
  const std::uint8_t* px = image.rgba.data();
  const std::uint32_t w0 = image.width;
  FloatLevel level;
  if (srgb) {
    level = downsample<5>(image.width, image.height,
                          [&](std::uint32_t x, std::uint32_t y, std::array<float, 5>& t) {
                            const std::uint8_t* p = px + (std::size_t{y} * w0 + x) * 4;
                            const float a = static_cast<float>(p[3]) / 255.0f;
                            const float w = a + kAlphaEpsilon;
                            t = {srgb8_to_linear(p[0]) * w, srgb8_to_linear(p[1]) * w,
                                 srgb8_to_linear(p[2]) * w, w, a};
                          });
  } else {
    level = downsample<4>(image.width, image.height,
                          [&](std::uint32_t x, std::uint32_t y, std::array<float, 4>& t) {
                            const std::uint8_t* p = px + (std::size_t{y} * w0 + x) * 4;
                            for (std::size_t k = 0; k < 4; ++k)
                              t[k] = static_cast<float>(p[k]) / 255.0f;
                          });
  }
  emit_level(level, srgb, out);
  for (std::uint32_t l = 2; l < levels; ++l) {
    const FloatLevel& src = level;
    if (srgb) {
      level = downsample<5>(
          src.width, src.height, [&](std::uint32_t x, std::uint32_t y, std::array<float, 5>& t) {
            const float* p = src.texels.data() + (std::size_t{y} * src.width + x) * 5;
            std::copy(p, p + 5, t.begin());
          });
    } else {
      level = downsample<4>(
          src.width, src.height, [&](std::uint32_t x, std::uint32_t y, std::array<float, 4>& t) {
            const float* p = src.texels.data() + (std::size_t{y} * src.width + x) * 4;
            std::copy(p, p + 4, t.begin());
          });
    }
    emit_level(level, srgb, out);
  }
  TRIALXR_CHECK(out.size() == total);
  return out;
}

namespace {

// Appends `levels` (all mips, largest first) to TEXB and their TextureRecord.
std::uint32_t append_levels(bundle::TextureFormat format, std::uint32_t width, std::uint32_t height,
                            std::uint32_t mip_levels, std::span<const std::uint8_t> levels,
                            const SamplerDesc& sampler, std::string_view name,
                            BundleContent& content) {
  bundle::TextureRecord rec{};
  rec.name = content.strings.intern(name);
  rec.format = format;
  rec.width = width;
  rec.height = height;
  rec.mip_count = mip_levels;
  rec.offset = content.texels.append_array(levels, 16);
  rec.size = levels.size();
  rec.mag_filter = sampler.mag_filter;
  rec.min_filter = sampler.min_filter;
  rec.wrap_s = sampler.wrap_s;
  rec.wrap_t = sampler.wrap_t;
  TRIALXR_CHECK(content.textures.size() < bundle::kNone);
  content.textures.push_back(rec);
  return static_cast<std::uint32_t>(content.textures.size() - 1);
}

}  // namespace

std::uint32_t append_r8_texture(std::uint32_t width, std::uint32_t height,
                                std::span<const std::uint8_t> texels, const SamplerDesc& sampler,
                                std::string_view name, BundleContent& content) {
  TRIALXR_CHECK(width > 0 && height > 0 && texels.size() == std::size_t{width} * height);
  return append_levels(bundle::TextureFormat::r8_unorm, width, height, 1, texels, sampler, name,
                       content);
}

std::uint32_t append_texture(const ImageAsset& image, bundle::TextureFormat format,
                             const SamplerDesc& sampler, std::string_view name,
                             BundleContent& content) {
  const std::vector<std::uint8_t> chain = build_mip_chain(image, format);
  return append_levels(format, image.width, image.height, mip_count(image.width, image.height),
                       chain, sampler, name, content);
}

}  // namespace trialxr::compiler
