// A signed-distance-field glyph atlas: FreeType renders each glyph's coverage and then
// its distance field from it (FreeType 2.11+, the "bsdf" renderer), stb_rect_pack packs
// them into one single-channel image. 128 is
// the outline, larger values lie inside: value = 128 + 128 × distance / spread.
#pragma once
#include <cstdint>
#include <span>
#include <vector>

#include "trialxr/core/result.h"
#include "trialxr/text/font_set.h"

namespace trialxr::text {

struct GlyphKey {
  std::uint32_t face = 0;
  std::uint32_t glyph = 0;
  auto operator<=>(const GlyphKey&) const = default;
};

struct AtlasGlyph {
  GlyphKey key;
  std::uint32_t x = 0, y = 0, width = 0, height = 0;  // texels; 0 x 0 for a blank glyph
  // The quad relative to the pen position, em, y up: spread padding included.
  float left = 0.0f, top = 0.0f, right = 0.0f, bottom = 0.0f;
};

struct AtlasOptions {
  std::uint32_t pixels_per_em = 32;  // ample for text of 20–40 px per em on screen
  std::uint32_t spread = 4;       // texels of distance on each side of the outline
  std::uint32_t max_size = 4096;  // the atlas never grows beyond max_size²
};

struct GlyphAtlas {
  std::uint32_t width = 0;
  std::uint32_t height = 0;
  std::vector<std::uint8_t> pixels;  // width × height, row-major, top row first
  std::vector<AtlasGlyph> glyphs;    // sorted by key
  AtlasOptions options;

  // Index into `glyphs`, or -1.
  int find(GlyphKey key) const;
};

// One entry per distinct key (duplicates are fine). Deterministic: the same keys and
// fonts give the same pixels.
Result<GlyphAtlas> build_atlas(FontSet& fonts, std::span<const GlyphKey> keys,
                               const AtlasOptions& options = {});

}  // namespace trialxr::text
