// Text at compile time: per-language atlases holding exactly the glyphs used, layouts
// for every line and language, and the located errors and warnings that need fonts —
// a character no font draws, text too small for where it is seen, long subtitles.
#include <gtest/gtest.h>

#include <set>

#include "temp_dir.h"
#include "trialxr/bundle/bundle.h"
#include "trialxr/compiler/bundle_writer.h"
#include "trialxr/compiler/scene_compiler.h"

namespace trialxr::testing {
namespace {

std::string scene(const std::string& header_extra, const std::string& body) {
  return "scene words\n"
         "  title \"Words\" #line:title\n"
         "  study S-1\n"
         "  version 1.0.0\n"
         "  languages en zh\n" +
         header_extra +
         "box card\n"
         "  size 0.2 0.02 0.1\n"
         "  at 0 0.9 -0.8\n"
         "step one\n" +
         body;
}

compiler::CompileResult compile(const TempDir& dir, const std::string& text) {
  auto r = compiler::compile_scene(dir.write("words.txs", text));
  EXPECT_TRUE(r) << (r ? "" : r.error().message);
  return std::move(*r);
}

std::vector<const Diagnostic*> with_code(const compiler::CompileResult& r, std::string_view code) {
  std::vector<const Diagnostic*> out;
  for (const Diagnostic& d : r.diags.items())
    if (d.code == code) out.push_back(&d);
  return out;
}

TEST(CompilerText, EveryLineHasALayoutInEveryLanguageAndAtlasesHoldOnlyUsedGlyphs) {
  TempDir dir;
  auto r = compile(
      dir, scene("", "  say \"Look here.\" #line:look\n  label card \"Card\" #line:card\n"));
  ASSERT_TRUE(r.ok()) << r.rendered();
  auto bytes = compiler::write_bundle(r.content);
  ASSERT_TRUE(bytes) << bytes.error().message;
  auto b = bundle::Bundle::open_bytes(*bytes, {bundle::TrustPolicy::allow_unsigned, {}});
  ASSERT_TRUE(b) << b.error().message;
  ASSERT_TRUE(b->has_text_layouts());
  ASSERT_EQ(b->fonts().size(), 2u);
  ASSERT_EQ(b->text_layouts().size(), b->lines().size() * 2);

  // en: the distinct non-space characters of every English string, one glyph each.
  std::set<char> used;
  for (std::uint32_t line = 0; line < b->lines().size(); ++line)
    for (char c : b->text(line, 0))
      if (c != ' ') used.insert(c);
  EXPECT_EQ(b->fonts()[0].glyph_count, used.size());
  EXPECT_EQ(b->string(b->fonts()[0].family), "DejaVu Sans");

  // zh: the untranslated lines fall back to the English text (with the same glyph set
  // drawn in the Chinese face) plus the built-in Chinese button texts.
  const bundle::FontAtlasRecord& zh = b->fonts()[1];
  EXPECT_NE(b->string(zh.family).find("CJK"), std::string::npos);
  std::set<std::string> zh_chars;
  for (std::uint32_t line = 0; line < b->lines().size(); ++line) {
    std::string_view t = b->text(line, 1);
    for (std::size_t i = 0; i < t.size();) {
      std::size_t n = (static_cast<unsigned char>(t[i]) < 0x80)   ? 1
                      : (static_cast<unsigned char>(t[i]) < 0xE0) ? 2
                      : (static_cast<unsigned char>(t[i]) < 0xF0) ? 3
                                                                  : 4;
      if (t[i] != ' ') zh_chars.insert(std::string(t.substr(i, n)));
      i += n;
    }
  }
  EXPECT_EQ(zh.glyph_count, zh_chars.size());

  // The atlas is a single-channel texture, and the say line's layout wraps within the
  // subtitle width and is centred.
  const bundle::TextureRecord& atlas = b->textures()[zh.texture];
  EXPECT_EQ(atlas.format, bundle::TextureFormat::r8_unorm);
  for (std::uint32_t line = 0; line < b->lines().size(); ++line) {
    if (b->string(b->lines()[line].id) != "look") continue;
    const bundle::TextLayoutRecord& l = b->text_layout(line, 0);
    EXPECT_EQ(l.line_count, 1u);
    EXPECT_EQ(l.glyph_count, 9u);  // "Look here." without its space
    EXPECT_EQ(l.align, bundle::TextAlign::center);
    EXPECT_FLOAT_EQ(l.em_size, 0.026f);
  }
}

TEST(CompilerText, CharacterNoFontDrawsIsALocatedError) {
  TempDir dir;
  // U+10FFFD (private use, plane 16): no installed font has it.
  auto r = compile(dir, scene("", "  say \"Look \xF4\x8F\xBF\xBD here.\" #line:look\n"));
  ASSERT_FALSE(r.ok());
  auto errors = with_code(r, "TX0802");
  ASSERT_EQ(errors.size(), 2u) << r.rendered();  // in en and, as the fallback, in zh
  EXPECT_EQ(errors[0]->loc.line, 10u);
  EXPECT_NE(errors[0]->message.find("line 'look'"), std::string::npos) << errors[0]->message;
  EXPECT_NE(errors[0]->message.find("U+10FFFD"), std::string::npos) << errors[0]->message;
  EXPECT_NE(r.rendered().find("words.txs:10:"), std::string::npos) << r.rendered();
}

TEST(CompilerText, LabelReadabilityDependsOnDistanceAndLanguage) {
  TempDir dir;
  auto at = [&](const char* position) {
    return compile(dir,
                   "scene words\n"
                   "  title \"Words\" #line:title\n"
                   "  study S-1\n"
                   "  version 1.0.0\n"
                   "  languages en zh\n"
                   "box card\n"
                   "  at " +
                       std::string(position) +
                       "\n"
                       "step one\n"
                       "  label card \"Card\" #line:card\n");
  };
  // 0.9 m away: comfortable in both languages.
  auto near = at("0 1 -0.9");
  EXPECT_TRUE(with_code(near, "TX0803").empty() && with_code(near, "TX0804").empty())
      << near.rendered();
  // 1.6 m: readable Latin but small; for Chinese below the comfortable minimum: an error.
  auto mid = at("0 1 -1.6");
  auto mid_warnings = with_code(mid, "TX0804");
  auto mid_errors = with_code(mid, "TX0803");
  ASSERT_EQ(mid_warnings.size(), 1u) << mid.rendered();
  EXPECT_NE(mid_warnings[0]->message.find("the en label 'card'"), std::string::npos);
  ASSERT_EQ(mid_errors.size(), 1u) << mid.rendered();
  EXPECT_NE(mid_errors[0]->message.find("the zh label 'card'"), std::string::npos);
  EXPECT_EQ(mid_errors[0]->loc.line, 9u);
  // 4 m: too small in both.
  auto far = at("0 1 -4");
  EXPECT_EQ(with_code(far, "TX0803").size(), 2u) << far.rendered();
}

TEST(CompilerText, LongSubtitleIsAWarningAndUnknownFontAnError) {
  TempDir dir;
  auto r = compile(
      dir, scene("",
                 "  say \"This sentence goes on and on, well past what a patient can read at a "
                 "glance, and it keeps going so that it needs three lines.\" #line:long\n"));
  ASSERT_TRUE(r.ok()) << r.rendered();
  auto warnings = with_code(r, "TX0805");
  ASSERT_GE(warnings.size(), 1u) << r.rendered();
  EXPECT_NE(warnings[0]->message.find("the en subtitle 'long' runs to 3 lines"), std::string::npos)
      << warnings[0]->message;

  auto font = compile(dir, scene("  font zh \"Imaginary Hei\"\n", "  say \"Hi.\" #line:hi\n"));
  auto errors = with_code(font, "TX0801");
  ASSERT_EQ(errors.size(), 1u) << font.rendered();
  EXPECT_EQ(errors[0]->loc.line, 6u);
  EXPECT_NE(errors[0]->message.find("'Imaginary Hei' is not installed"), std::string::npos);

  auto other = compile(dir, scene("  font fr \"DejaVu Sans\"\n", "  say \"Hi.\" #line:hi\n"));
  EXPECT_EQ(with_code(other, "TX0107").size(), 1u) << other.rendered();
}

}  // namespace
}  // namespace trialxr::testing
