#include <gtest/gtest.h>

#include <set>

#include "trialxr/text/font_set.h"
#include "trialxr/text/glyph_atlas.h"
#include "trialxr/text/text_layout.h"

namespace trialxr::text {
namespace {

std::vector<GlyphKey> keys_of(const TextBlock& b) {
  std::vector<GlyphKey> keys;
  for (const PlacedGlyph& g : b.glyphs) keys.push_back({g.face, g.glyph});
  return keys;
}

TEST(Atlas, HoldsExactlyTheGlyphsUsedAsDistanceFields) {
  auto fonts = FontSet::open("zh", {});
  ASSERT_TRUE(fonts.has_value());
  TextBlock b = layout_text(*fonts, "静脉。静脉！", {});
  auto atlas = build_atlas(*fonts, keys_of(b));
  ASSERT_TRUE(atlas.has_value()) << atlas.error().message;
  std::set<GlyphKey> distinct;
  for (const PlacedGlyph& g : b.glyphs) distinct.insert({g.face, g.glyph});
  ASSERT_EQ(atlas->glyphs.size(), distinct.size());  // 4: 静 脉 。 ！
  EXPECT_EQ(distinct.size(), 4u);
  for (const PlacedGlyph& g : b.glyphs) EXPECT_GE(atlas->find({g.face, g.glyph}), 0);

  // A small atlas (a few glyphs at 32 px/em), every glyph inside it and none overlapping.
  EXPECT_LE(atlas->width * atlas->height, 256u * 256u);
  for (std::size_t i = 0; i < atlas->glyphs.size(); ++i) {
    const AtlasGlyph& a = atlas->glyphs[i];
    EXPECT_LE(a.x + a.width, atlas->width);
    EXPECT_LE(a.y + a.height, atlas->height);
    for (std::size_t j = i + 1; j < atlas->glyphs.size(); ++j) {
      const AtlasGlyph& c = atlas->glyphs[j];
      bool apart = a.x + a.width <= c.x || c.x + c.width <= a.x || a.y + a.height <= c.y ||
                   c.y + c.height <= a.y;
      EXPECT_TRUE(apart) << i << " overlaps " << j;
    }
  }

  // 静's field: inside the strokes above the outline value, the padding far outside at 0.
  const AtlasGlyph& g =
      atlas->glyphs[static_cast<std::size_t>(atlas->find({b.glyphs[0].face, b.glyphs[0].glyph}))];
  int inside = 0, outside = 0;
  for (std::uint32_t y = g.y; y < g.y + g.height; ++y) {
    for (std::uint32_t x = g.x; x < g.x + g.width; ++x) {
      std::uint8_t v = atlas->pixels[y * atlas->width + x];
      inside += v > 128;
      outside += v < 128;
    }
  }
  EXPECT_GT(inside, 50);
  EXPECT_GT(outside, inside);
  EXPECT_EQ(atlas->pixels[g.y * atlas->width + g.x], 0);  // a corner of the padding
  // The quad is about one em (plus the spread on each side).
  const AtlasOptions o;
  EXPECT_NEAR(g.right - g.left, 1.0f + 2.0f * static_cast<float>(o.spread) / static_cast<float>(o.pixels_per_em), 0.2f);
}

TEST(Atlas, BlankGlyphsTakeNoSpaceAndResultIsDeterministic) {
  auto fonts = FontSet::open("en", {});
  ASSERT_TRUE(fonts.has_value());
  TextBlock b = layout_text(*fonts, "Arm", {});
  std::vector<GlyphKey> keys = keys_of(b);
  keys.push_back({0, 3});  // DejaVu's space glyph id 3: blank
  auto a = build_atlas(*fonts, keys);
  auto c = build_atlas(*fonts, keys);
  ASSERT_TRUE(a && c);
  EXPECT_EQ(a->pixels, c->pixels);
  int blanks = 0;
  for (const AtlasGlyph& g : a->glyphs) blanks += g.width == 0;
  EXPECT_EQ(blanks, 1);
}

}  // namespace
}  // namespace trialxr::text
