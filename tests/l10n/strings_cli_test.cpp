// `trialxr-build strings` end to end: template and PO files written beside the script,
// a translator's work kept across script edits, the summary lines, and errors.
#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>

#include "cli_run.h"
#include "temp_dir.h"
#include "trialxr/compiler/build_cli.h"
#include "trialxr/core/file_io.h"
#include "trialxr/l10n/po_reader.h"
#include "trialxr/l10n/po_writer.h"

namespace trialxr::testing {
namespace {

using Run = CliRun;

Run run(const std::vector<std::string>& args) {
  return run_cli(compiler::run_build_cli, args);
}

std::string script_text(std::string_view pinch, bool with_band, bool with_after) {
  std::string s =
      "scene visit\n"
      "  title \"A visit\" #line:title\n"
      "  study S-1\n"
      "  version 1.0.0\n"
      "  languages en zh es\n"
      "box arm\n"
      "  at 0 1 -1\n"
      "step one\n"
      "  say \"Welcome.\" #line:welcome\n";
  s += "  say \"" + std::string(pinch) + "\" #line:pinch\n";
  if (with_band) s += "  label arm \"A soft band\" #line:band\n";
  if (with_after) s += "  say \"Then a cotton ball.\" #line:after\n";
  s += "  wait say\n";
  return s;
}

// Fills in every empty translation, as a translator would.
void translate(const std::string& path, const std::map<std::string, std::string>& texts) {
  auto catalog = l10n::read_catalog(path, {.keep_obsolete = true});
  ASSERT_TRUE(catalog) << catalog.error().message;
  for (l10n::CatalogEntry& e : catalog->entries) {
    if (auto it = texts.find(e.line_id); it != texts.end() && !e.obsolete) {
      e.translation = it->second;
      e.fuzzy = false;
      e.previous_source.clear();
    }
  }
  ASSERT_TRUE(l10n::write_catalog(path, *catalog));
}

TEST(StringsCli, WritesTemplateAndKeepsTranslationsAcrossEdits) {
  TempDir dir;
  std::string script = dir.write("visit.txs", script_text("A small pinch.", true, false));

  auto first = run({"strings", script});
  ASSERT_EQ(first.code, 0) << first.err;
  EXPECT_NE(first.out.find("wrote " + dir.file("visit.pot") + " (4 strings)"), std::string::npos)
      << first.out;
  EXPECT_NE(first.out.find("zh: created " + dir.file("visit.zh.po") +
                           ": 0 translated, 4 new, 0 untranslated, 0 stale, 0 obsolete"),
            std::string::npos)
      << first.out;
  EXPECT_NE(first.out.find("es: created " + dir.file("visit.es.po")), std::string::npos)
      << first.out;
  EXPECT_FALSE(std::filesystem::exists(dir.file("visit.en.po")));  // the base language

  std::string pot = *read_file(dir.file("visit.pot"));
  EXPECT_NE(pot.find("Project-Id-Version: visit 1.0.0"), std::string::npos) << pot;
  EXPECT_NE(pot.find("#. subtitle (spoken narration)\n#: visit.txs:10\nmsgctxt \"pinch\"\n"
                     "msgid \"A small pinch.\"\nmsgstr \"\""),
            std::string::npos)
      << pot;
  EXPECT_NE(pot.find("#. label\n#: visit.txs:11\nmsgctxt \"band\""), std::string::npos) << pot;
  auto zh_header = l10n::read_catalog(dir.file("visit.zh.po"));
  ASSERT_TRUE(zh_header);
  EXPECT_EQ(zh_header->header_field("Language"), "zh");

  translate(
      dir.file("visit.zh.po"),
      {{"title", "一次就诊"}, {"welcome", "欢迎。"}, {"pinch", "轻微刺痛。"}, {"band", "软带"}});
  auto same = run({"strings", script});
  ASSERT_EQ(same.code, 0) << same.err;
  EXPECT_NE(same.out.find("zh: updated " + dir.file("visit.zh.po") +
                          ": 4 translated, 0 new, 0 untranslated, 0 stale, 0 obsolete"),
            std::string::npos)
      << same.out;
  EXPECT_NE(same.out.find(": 0 translated, 0 new, 4 untranslated, 0 stale, 0 obsolete"),
            std::string::npos)
      << same.out;  // es: nobody has translated it yet

  // The author rewords one line, drops another and adds a third.
  dir.write("visit.txs", script_text("A small, quick pinch.", false, true));
  auto edited = run({"strings", script});
  ASSERT_EQ(edited.code, 0) << edited.err;
  EXPECT_NE(edited.out.find("zh: updated " + dir.file("visit.zh.po") +
                            ": 2 translated, 1 new, 0 untranslated, 1 stale, 1 obsolete"),
            std::string::npos)
      << edited.out;
  std::string zh = *read_file(dir.file("visit.zh.po"));
  EXPECT_NE(zh.find("#, fuzzy\n#| msgid \"A small pinch.\"\nmsgctxt \"pinch\"\n"
                    "msgid \"A small, quick pinch.\"\nmsgstr \"轻微刺痛。\""),
            std::string::npos)
      << zh;
  EXPECT_NE(zh.find("#~ msgctxt \"band\"\n#~ msgid \"A soft band\"\n#~ msgstr \"软带\""),
            std::string::npos)
      << zh;
  EXPECT_NE(zh.find("msgctxt \"after\"\nmsgid \"Then a cotton ball.\"\nmsgstr \"\""),
            std::string::npos)
      << zh;
}

TEST(StringsCli, Help) {
  auto help = run({"strings", "--help"});
  EXPECT_EQ(help.code, 0);
  EXPECT_NE(help.out.find("Usage: trialxr-build strings"), std::string::npos) << help.out;
  for (std::string sub : {"build", "check"}) {
    auto r = run({sub, "--help"});
    EXPECT_NE(r.out.find("--release"), std::string::npos) << r.out;
  }
  auto list = run({"--help"});
  EXPECT_NE(list.out.find("strings"), std::string::npos) << list.out;
}

TEST(StringsCli, ScriptErrorsWriteNothing) {
  TempDir dir;
  std::string text = script_text("A pinch.", false, false);
  text.replace(text.find(" #line:pinch"), 12, "");
  std::string script = dir.write("visit.txs", text);
  auto r = run({"strings", script});
  EXPECT_EQ(r.code, compiler::kExitDiagnostics);
  EXPECT_NE(r.err.find("error[TX0400]"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("no translation files written"), std::string::npos) << r.err;
  EXPECT_FALSE(std::filesystem::exists(dir.file("visit.pot")));
  EXPECT_FALSE(std::filesystem::exists(dir.file("visit.zh.po")));

  auto missing = run({"strings", dir.file("none.txs")});
  EXPECT_EQ(missing.code, compiler::kExitUsage);
  EXPECT_NE(missing.err.find("none.txs"), std::string::npos) << missing.err;
}

TEST(StringsCli, BrokenTranslationFileIsReportedAndKept) {
  TempDir dir;
  std::string script = dir.write("visit.txs", script_text("A pinch.", false, false));
  std::string broken = "msgctxt \"title\"\nmsgid \"A visit\"\nmsgstr \"一次\n";
  std::string zh = dir.write("visit.zh.po", broken);
  auto r = run({"strings", script});
  EXPECT_EQ(r.code, compiler::kExitDiagnostics);
  EXPECT_NE(r.err.find(zh + ":"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("error[TX0701]"), std::string::npos) << r.err;
  EXPECT_EQ(*read_file(zh), broken);
  // The other language and the template are still written.
  EXPECT_TRUE(std::filesystem::exists(dir.file("visit.es.po")));
  EXPECT_TRUE(std::filesystem::exists(dir.file("visit.pot")));
  EXPECT_NE(r.out.find("es: created"), std::string::npos) << r.out;
}

TEST(StringsCli, ReleaseFlagOnBuildAndCheck) {
  TempDir dir;
  std::string text = script_text("A pinch.", false, false);
  text.replace(text.find("languages en zh es"), 18, "languages en zh");
  std::string script = dir.write("visit.txs", text);
  ASSERT_EQ(run({"strings", script}).code, 0);

  auto preview = run({"check", script});
  EXPECT_EQ(preview.code, 0) << preview.err;
  EXPECT_NE(preview.err.find("warning[TX0702]"), std::string::npos) << preview.err;
  auto release = run({"check", "--release", script});
  EXPECT_EQ(release.code, compiler::kExitDiagnostics);
  EXPECT_NE(release.err.find("error[TX0702]"), std::string::npos) << release.err;
  EXPECT_NE(release.err.find("line 'pinch' is not translated into zh yet"), std::string::npos)
      << release.err;
  auto refused = run({"build", "--release", script, "-o", dir.file("v.trxb")});
  EXPECT_EQ(refused.code, compiler::kExitDiagnostics);
  EXPECT_FALSE(std::filesystem::exists(dir.file("v.trxb")));

  translate(dir.file("visit.zh.po"),
            {{"title", "一次就诊"}, {"welcome", "欢迎。"}, {"pinch", "刺痛。"}});
  auto built = run({"build", "--release", script, "-o", dir.file("v.trxb")});
  ASSERT_EQ(built.code, 0) << built.err;
  EXPECT_EQ(built.err, "");
  auto inspect = run({"inspect", dir.file("v.trxb")});
  ASSERT_EQ(inspect.code, 0) << inspect.err;
  EXPECT_NE(inspect.out.find("(0 translations missing, 0 stale)"), std::string::npos)
      << inspect.out;
}

}  // namespace
}  // namespace trialxr::testing
