#include <gtest/gtest.h>

#include "trialxr/text/font_set.h"
#include "trialxr/text/text_layout.h"

namespace trialxr::text {
namespace {

FontSet open_fonts(std::string_view language, std::string_view family = {}) {
  auto fonts = FontSet::open(language, family);
  EXPECT_TRUE(fonts.has_value()) << (fonts ? "" : fonts.error().message);
  return std::move(*fonts);
}

std::vector<std::size_t> glyphs_per_line(const TextBlock& b) {
  std::vector<std::size_t> n;
  for (const TextLine& l : b.lines) n.push_back(l.glyph_count);
  return n;
}

TEST(FontSet, DefaultFacesCoverLatinAndChinese) {
  FontSet en = open_fonts("en");
  EXPECT_NE(en.face_for(U'A'), kNoFace);
  FontSet zh = open_fonts("zh");
  std::uint32_t face = zh.face_for(U'中');
  ASSERT_NE(face, kNoFace);
  EXPECT_NE(zh.info(face).family.find("CJK"), std::string::npos) << zh.info(face).family;
  // The Chinese set's first face is a CJK face: its Latin and its ideographs match.
  EXPECT_EQ(zh.face_for(U'A'), face);
}

TEST(FontSet, NamedFamilyMustBeInstalled) {
  auto fonts = FontSet::open("en", "No Such Typeface Anywhere");
  ASSERT_FALSE(fonts.has_value());
  EXPECT_NE(fonts.error().message.find("'No Such Typeface Anywhere' is not installed"),
            std::string::npos)
      << fonts.error().message;
  auto dejavu = FontSet::open("en", "dejavu sans");
  ASSERT_TRUE(dejavu.has_value());
  EXPECT_NE(dejavu->info(0).file.find("DejaVuSans"), std::string::npos);
}

TEST(Layout, EnglishWrapsBetweenWords) {
  FontSet en = open_fonts("en");
  TextBlock one = layout_text(en, "a small pinch", {});
  ASSERT_EQ(one.lines.size(), 1u);
  EXPECT_EQ(one.glyphs.size(), 11u);  // spaces are not drawn
  // Wide enough for "a small" but not for "a small pinch".
  TextBlock wrapped = layout_text(en, "a small pinch", {one.width * 0.75f, Align::start});
  ASSERT_EQ(wrapped.lines.size(), 2u);
  EXPECT_EQ(glyphs_per_line(wrapped), (std::vector<std::size_t>{6, 5}));
  // The second line starts at the left edge, one line height lower.
  const PlacedGlyph& p = wrapped.glyphs[6];
  EXPECT_FLOAT_EQ(p.x, 0.0f);
  EXPECT_FLOAT_EQ(p.y - wrapped.glyphs[0].y, en.line_metrics().line_height);
  EXPECT_LE(wrapped.width, one.width * 0.75f);
}

TEST(Layout, LongWordOverflowsInsteadOfBreakingInside) {
  FontSet en = open_fonts("en");
  TextBlock b = layout_text(en, "venepuncture is fine", {2.0f, Align::start});
  ASSERT_EQ(b.lines.size(), 3u);
  EXPECT_EQ(b.lines[0].glyph_count, 12u);
  EXPECT_GT(b.lines[0].width, 2.0f);
}

TEST(Layout, ChineseWrapsBetweenCharactersButNotBeforeClosingPunctuation) {
  FontSet zh = open_fonts("zh");
  // Eight ideographs, then a full stop that UAX #14 keeps with the character before it.
  const std::string text = "您会感到轻微刺痛。";
  TextBlock one = layout_text(zh, text, {});
  ASSERT_EQ(one.glyphs.size(), 9u);
  float em = one.glyphs[1].x - one.glyphs[0].x;
  EXPECT_NEAR(em, 1.0f, 0.01f);  // ideographs are one em wide
  TextBlock wrapped = layout_text(zh, text, {4.5f, Align::start});
  // 4 + 4 would end the second line before the stop; 痛 moves down with it.
  EXPECT_EQ(glyphs_per_line(wrapped), (std::vector<std::size_t>{4, 3, 2}));
  // Seven characters fit on a 7.5 em line, but the full stop may not start a line, so
  // the line breaks before the last character and its stop go together.
  TextBlock tight = layout_text(zh, text, {8.2f, Align::start});
  EXPECT_EQ(glyphs_per_line(tight), (std::vector<std::size_t>{7, 2}));
}

TEST(Layout, MixedScriptsUseOneFacePerRunAndLineFeedsBreak) {
  FontSet en = open_fonts("en");
  TextBlock b = layout_text(en, "Vein 静脉\nArm", {});
  ASSERT_EQ(b.lines.size(), 2u);
  EXPECT_EQ(b.lines[0].glyph_count, 6u);
  EXPECT_EQ(b.lines[1].glyph_count, 3u);
  EXPECT_NE(b.glyphs[0].face, b.glyphs[4].face);  // the ideographs come from a fallback
  EXPECT_TRUE(b.missing.empty());
}

TEST(Layout, CentredLinesShareACentre) {
  FontSet en = open_fonts("en");
  TextBlock b = layout_text(en, "one two three four five six", {6.0f, Align::center});
  ASSERT_GE(b.lines.size(), 2u);
  for (const TextLine& l : b.lines) {
    float left = b.glyphs[l.first_glyph].x;
    EXPECT_NEAR(left + l.width * 0.5f, b.width * 0.5f, 0.15f);  // within a side bearing
  }
}

TEST(Layout, CharacterNoFontHasIsReported) {
  FontSet en = open_fonts("en");
  // U+10FFFD is a private-use character no installed font draws.
  TextBlock b = layout_text(en, "ok \xF4\x8F\xBF\xBD ok", {});
  ASSERT_EQ(b.missing.size(), 1u);
  EXPECT_EQ(b.missing[0], U'\U0010FFFD');
  EXPECT_EQ(b.glyphs.size(), 4u);
}

}  // namespace
}  // namespace trialxr::text
