// The compiler with translations: PO files beside the script fill the bundle's LTXT;
// preview builds warn and mark what is missing or stale, release builds refuse it.
#include <gtest/gtest.h>

#include "temp_dir.h"
#include "trialxr/bundle/bundle.h"
#include "trialxr/compiler/bundle_writer.h"
#include "trialxr/compiler/scene_compiler.h"
#include "trialxr/compiler/scene_texts.h"

namespace trialxr::testing {
namespace {

using compiler::CompileOptions;
using compiler::CompileResult;

const char* kScript =
    "scene s\n"
    "  title \"A box\" #line:title\n"
    "  study S-1\n"
    "  version 1.0.0\n"
    "  languages en zh\n"
    "box b\n"
    "  at 0 1 -1\n"
    "step one\n"
    "  say \"Hello\" #line:hello\n"
    "  label b \"The box\" #line:box\n"
    "  say \"Goodbye\" #line:bye\n"
    "  wait say\n";

const char* kHeader =
    "msgid \"\"\n"
    "msgstr \"\"\n"
    "\"Project-Id-Version: s 1.0.0\\n\"\n"
    "\"Language: zh\\n\"\n"
    "\"Content-Type: text/plain; charset=UTF-8\\n\"\n\n";

// Everything translated and current.
std::string complete_po() {
  return std::string(kHeader) +
         "msgctxt \"title\"\nmsgid \"A box\"\nmsgstr \"一个盒子\"\n\n"
         "msgctxt \"hello\"\nmsgid \"Hello\"\nmsgstr \"您好\"\n\n"
         "msgctxt \"box\"\nmsgid \"The box\"\nmsgstr \"这个盒子\"\n\n"
         "msgctxt \"bye\"\nmsgid \"Goodbye\"\nmsgstr \"再见\"\n";
}

// title: translated; hello: fuzzy (line 12); box: translated from an older text (line 17);
// bye: not in the file.
std::string partial_po() {
  return std::string(kHeader) +                                         // lines 1-6
         "msgctxt \"title\"\nmsgid \"A box\"\nmsgstr \"一个盒子\"\n\n"  // 7-10
         "#, fuzzy\n"                                                   // 11
         "msgctxt \"hello\"\nmsgid \"Hello\"\nmsgstr \"您好\"\n\n"      // 12-15
         "#, fuzzy\n"                                                   // 16
         "msgctxt \"box\"\nmsgid \"A box\"\nmsgstr \"一个盒子\"\n";     // 17-19
}

CompileResult compile(const std::string& script, bool release) {
  auto r = compiler::compile_scene(script, CompileOptions{.release = release});
  EXPECT_TRUE(r) << (r ? "" : r.error().message);
  return std::move(*r);
}

const Diagnostic* find(const CompileResult& r, std::string_view code, std::string_view text) {
  for (const Diagnostic& d : r.diags.items())
    if (d.code == code && d.message.find(text) != std::string::npos) return &d;
  return nullptr;
}

// The zh entry of the line with `id` in the compiled content.
const bundle::LineText& zh_text(const CompileResult& r, std::string_view id) {
  const auto& c = r.content;
  std::size_t languages = c.languages.size();
  for (std::size_t i = 0; i < c.lines.size(); ++i)
    if (c.strings.view(c.lines[i].id) == id) return c.line_text[i * languages + 1];
  ADD_FAILURE() << "no line " << id;
  return c.line_text.front();
}

TEST(CompileTranslations, ValidTranslationsLandInTheBundle) {
  TempDir dir;
  std::string script = dir.write("s.txs", kScript);
  std::string po = dir.write("s.zh.po", complete_po());
  CompileResult r = compile(script, true);
  ASSERT_TRUE(r.ok()) << r.rendered();
  EXPECT_TRUE(r.diags.empty()) << r.rendered();
  EXPECT_NE(std::find(r.inputs.begin(), r.inputs.end(), po), r.inputs.end());

  std::string bundle_path = dir.file("s.trxb");
  ASSERT_TRUE(compiler::write_bundle_file(bundle_path, r.content, nullptr));
  auto b = bundle::Bundle::open(bundle_path, {bundle::TrustPolicy::allow_unsigned, {}});
  ASSERT_TRUE(b) << b.error().message;
  ASSERT_EQ(b->languages().size(), 2u);
  EXPECT_EQ(b->string(b->languages()[1]), "zh");
  std::map<std::string, std::string> zh;
  for (std::uint32_t i = 0; i < b->lines().size(); ++i) {
    const bundle::LineText& t = b->line_text(i, 1);
    std::string id(b->string(b->lines()[i].id));
    if (id.starts_with("ui.")) continue;  // the player's own buttons
    EXPECT_EQ(t.flags, 0u) << id;
    zh[id] = b->string(t.text);
  }
  EXPECT_EQ(zh,
            (std::map<std::string, std::string>{
                {"title", "一个盒子"}, {"hello", "您好"}, {"box", "这个盒子"}, {"bye", "再见"}}));
}

TEST(CompileTranslations, PreviewWarnsAndMarksTheFallbacks) {
  TempDir dir;
  std::string script = dir.write("s.txs", kScript);
  std::string po = dir.write("s.zh.po", partial_po());
  CompileResult r = compile(script, false);
  ASSERT_TRUE(r.ok()) << r.rendered();
  EXPECT_EQ(r.diags.warning_count(), 3u) << r.rendered();

  const Diagnostic* fuzzy = find(r, "TX0703", "'hello'");
  ASSERT_NE(fuzzy, nullptr) << r.rendered();
  EXPECT_EQ(fuzzy->severity, Severity::warning);
  EXPECT_EQ(fuzzy->file, po);
  EXPECT_EQ(fuzzy->loc.line, 12u);
  EXPECT_NE(fuzzy->message.find("zh"), std::string::npos);
  EXPECT_NE(fuzzy->message.find("fuzzy"), std::string::npos);

  const Diagnostic* changed = find(r, "TX0703", "'box'");
  ASSERT_NE(changed, nullptr) << r.rendered();
  EXPECT_EQ(changed->file, po);
  EXPECT_EQ(changed->loc.line, 17u);
  EXPECT_NE(changed->hint.find("The box"), std::string::npos) << changed->hint;

  const Diagnostic* missing = find(r, "TX0702", "'bye'");
  ASSERT_NE(missing, nullptr) << r.rendered();
  EXPECT_EQ(missing->file, script);  // not in the PO file: shown at the script's string
  EXPECT_EQ(missing->loc.line, 11u);
  EXPECT_NE(missing->message.find(po), std::string::npos);
  EXPECT_NE(missing->message.find("zh"), std::string::npos);

  EXPECT_EQ(zh_text(r, "title").flags, 0u);
  EXPECT_EQ(r.content.strings.view(zh_text(r, "title").text), "一个盒子");
  EXPECT_EQ(zh_text(r, "hello").flags, bundle::kTextStale);
  EXPECT_EQ(r.content.strings.view(zh_text(r, "hello").text), "Hello");
  EXPECT_EQ(zh_text(r, "box").flags, bundle::kTextStale);
  EXPECT_EQ(r.content.strings.view(zh_text(r, "box").text), "The box");
  EXPECT_EQ(zh_text(r, "bye").flags, bundle::kTextMissing);
  EXPECT_EQ(r.content.strings.view(zh_text(r, "bye").text), "Goodbye");
}

TEST(CompileTranslations, ReleaseRefusesMissingAndStaleTranslations) {
  TempDir dir;
  std::string script = dir.write("s.txs", kScript);
  std::string po = dir.write("s.zh.po", partial_po());
  CompileResult r = compile(script, true);
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(r.diags.error_count(), 3u) << r.rendered();
  for (auto [code, id] :
       {std::pair{"TX0703", "'hello'"}, {"TX0703", "'box'"}, {"TX0702", "'bye'"}}) {
    const Diagnostic* d = find(r, code, id);
    ASSERT_NE(d, nullptr) << code << id << "\n" << r.rendered();
    EXPECT_EQ(d->severity, Severity::error);
    EXPECT_NE(d->message.find("zh"), std::string::npos) << d->message;
  }
  std::string rendered = r.rendered();
  EXPECT_NE(rendered.find(po + ":12:1: error[TX0703]"), std::string::npos) << rendered;
  EXPECT_NE(rendered.find("s.txs:11:7: error[TX0702]"), std::string::npos) << rendered;

  // An untranslated entry in the file is reported at the entry.
  std::string text = complete_po();
  std::string bye = "\"再见\"";
  text.replace(text.find(bye), bye.size(), "\"\"");
  dir.write("s.zh.po", text);
  CompileResult empty = compile(script, true);
  const Diagnostic* d = find(empty, "TX0702", "'bye'");
  ASSERT_NE(d, nullptr) << empty.rendered();
  EXPECT_EQ(d->file, po);
  EXPECT_EQ(d->loc.line, 19u);
}

TEST(CompileTranslations, MissingFileIsAWarningInPreviewAndAnErrorInRelease) {
  TempDir dir;
  std::string script = dir.write("s.txs", kScript);
  CompileResult preview = compile(script, false);
  ASSERT_TRUE(preview.ok()) << preview.rendered();
  ASSERT_EQ(preview.diags.items().size(), 1u) << preview.rendered();
  const Diagnostic& d = preview.diags.items()[0];
  EXPECT_EQ(d.code, "TX0700");
  EXPECT_EQ(d.severity, Severity::warning);
  EXPECT_EQ(d.file, script);
  EXPECT_EQ(d.loc.line, 5u);     // languages en zh
  EXPECT_EQ(d.loc.column, 16u);  //              ^~
  EXPECT_NE(d.message.find(dir.file("s.zh.po")), std::string::npos) << d.message;
  for (const char* id : {"title", "hello", "box", "bye"})
    EXPECT_EQ(zh_text(preview, id).flags, bundle::kTextMissing) << id;

  CompileResult release = compile(script, true);
  EXPECT_FALSE(release.ok());
  ASSERT_EQ(release.diags.items().size(), 1u) << release.rendered();
  EXPECT_EQ(release.diags.items()[0].code, "TX0700");
  EXPECT_EQ(release.diags.items()[0].severity, Severity::error);
}

TEST(CompileTranslations, MalformedFileIsAlwaysAnError) {
  TempDir dir;
  std::string script = dir.write("s.txs", kScript);
  std::string po = dir.write(
      "s.zh.po", std::string(kHeader) + "msgctxt \"title\"\nmsgid \"A box\"\nmsgstr \"一个\n");
  for (bool release : {false, true}) {
    CompileResult r = compile(script, release);
    EXPECT_FALSE(r.ok());
    const Diagnostic* d = find(r, "TX0701", "");
    ASSERT_NE(d, nullptr) << r.rendered();
    EXPECT_EQ(d->severity, Severity::error);
    EXPECT_EQ(d->file, po);
    EXPECT_GE(d->loc.line, 9u);
    EXPECT_NE(std::find(r.inputs.begin(), r.inputs.end(), po), r.inputs.end());
  }
}

TEST(CompileTranslations, TranslationsFeedTheSourceHash) {
  TempDir dir;
  std::string script = dir.write("s.txs", kScript);
  dir.write("s.zh.po", complete_po());
  CompileResult first = compile(script, true);
  ASSERT_TRUE(first.ok()) << first.rendered();
  std::string changed = complete_po();
  changed.replace(changed.find("再见"), std::string("再见").size(), "下次见");
  dir.write("s.zh.po", changed);
  CompileResult second = compile(script, true);
  ASSERT_TRUE(second.ok()) << second.rendered();
  EXPECT_NE(first.content.meta.source_hash, second.content.meta.source_hash);
  EXPECT_EQ(second.content.strings.view(zh_text(second, "bye").text), "下次见");
}

TEST(CompileTranslations, SceneTextsAreTheBundlesScriptLines) {
  auto r = compiler::compile_scene((source_dir() / "scenes/blood-draw.txs").string(),
                                   CompileOptions{.release = true});
  ASSERT_TRUE(r);
  ASSERT_TRUE(r->ok()) << r->rendered();
  EXPECT_TRUE(r->diags.empty()) << r->rendered();
  std::vector<std::string> texts, lines;
  for (const compiler::Text& t : compiler::scene_texts(r->model)) texts.push_back(t.line_id);
  for (const auto& l : r->content.lines) {
    std::string_view id = r->content.strings.view(l.id);
    if (!id.starts_with("ui.")) lines.emplace_back(id);  // the player's own buttons
  }
  EXPECT_EQ(texts, lines);
  // Every line of the sample scene has its Chinese text.
  for (std::size_t i = 0; i < r->content.lines.size(); ++i)
    EXPECT_EQ(r->content.line_text[i * 2 + 1].flags, 0u) << i;
}

}  // namespace
}  // namespace trialxr::testing
