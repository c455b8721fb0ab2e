// The template of a scene's strings and msgmerge-style updates of a language's catalog.
#include <gtest/gtest.h>

#include "temp_dir.h"
#include "trialxr/core/file_io.h"
#include "trialxr/l10n/catalog_merge.h"
#include "trialxr/l10n/po_reader.h"
#include "trialxr/l10n/po_writer.h"

namespace trialxr::testing {
namespace {

using l10n::Catalog;
using l10n::CatalogEntry;
using l10n::SourceString;

std::vector<SourceString> version_one() {
  return {
      {"title", "Having a blood sample taken", "scene title", "s.txs", 2},
      {"welcome", "A nurse will take a small sample.", "subtitle", "s.txs", 10},
      {"pinch", "You will feel a pinch.", "subtitle", "s.txs", 12},
      {"band", "A soft band", "label", "s.txs", 14},
  };
}

Catalog translated_v1() {
  Catalog zh = l10n::merge_catalog({}, {"s 1.0.0", "zh"}, version_one());
  const char* zh_texts[] = {"抽血", "护士会为您抽取少量血液。", "您会感到轻微的刺痛。", "软带"};
  for (std::size_t i = 0; i < zh.entries.size(); ++i) zh.entries[i].translation = zh_texts[i];
  zh.header = l10n::set_header_field(zh.header, "Last-Translator", "Li <li@example.org>");
  return zh;
}

TEST(CatalogMerge, TemplateHasEveryStringUntranslated) {
  auto strings = version_one();
  strings.push_back({"empty", "", "label", "s.txs", 20});
  Catalog pot = l10n::make_template({"s 1.0.0", ""}, strings);
  EXPECT_EQ(pot.header_field("Project-Id-Version"), "s 1.0.0");
  EXPECT_EQ(pot.header_field("Content-Type"), "text/plain; charset=UTF-8");
  ASSERT_EQ(pot.entries.size(), 4u);  // nothing to translate in an empty text
  for (std::size_t i = 0; i < 4; ++i) {
    const CatalogEntry& e = pot.entries[i];
    EXPECT_EQ(e.line_id, strings[i].line_id);
    EXPECT_EQ(e.source, strings[i].text);
    EXPECT_TRUE(e.translation.empty());
    EXPECT_EQ(e.kind, strings[i].kind);
    EXPECT_EQ(e.reference_file, "s.txs");
    EXPECT_EQ(e.reference_line, strings[i].line);
    EXPECT_FALSE(e.fuzzy);
  }
}

TEST(CatalogMerge, KeepsMarksAddsAndObsoletes) {
  Catalog old = translated_v1();
  // Version two: "welcome" unchanged but moved, "pinch" reworded, "band" gone, "after" new.
  std::vector<SourceString> v2 = {
      {"title", "Having a blood sample taken", "scene title", "s.txs", 2},
      {"welcome", "A nurse will take a small sample.", "subtitle", "s.txs", 11},
      {"pinch", "You will feel a small pinch.", "subtitle", "s.txs", 13},
      {"after", "Then the nurse presses a cotton ball.", "subtitle", "s.txs", 16},
  };
  l10n::UpdateSummary summary;
  Catalog merged = l10n::merge_catalog(old, {"s 1.1.0", "zh"}, v2, &summary);
  EXPECT_EQ(summary.translated, 2u);
  EXPECT_EQ(summary.stale, 1u);
  EXPECT_EQ(summary.added, 1u);
  EXPECT_EQ(summary.untranslated, 0u);
  EXPECT_EQ(summary.obsolete, 1u);

  EXPECT_EQ(merged.header_field("Project-Id-Version"), "s 1.1.0");
  EXPECT_EQ(merged.header_field("Language"), "zh");
  EXPECT_EQ(merged.header_field("Last-Translator"), "Li <li@example.org>");

  const CatalogEntry* welcome = merged.find("welcome");
  ASSERT_NE(welcome, nullptr);
  EXPECT_EQ(welcome->translation, "护士会为您抽取少量血液。");
  EXPECT_FALSE(welcome->fuzzy);
  EXPECT_EQ(welcome->reference_line, 11u);

  const CatalogEntry* pinch = merged.find("pinch");
  ASSERT_NE(pinch, nullptr);
  EXPECT_EQ(pinch->source, "You will feel a small pinch.");
  EXPECT_EQ(pinch->translation, "您会感到轻微的刺痛。");
  EXPECT_TRUE(pinch->fuzzy);
  EXPECT_EQ(pinch->previous_source, "You will feel a pinch.");

  const CatalogEntry* after = merged.find("after");
  ASSERT_NE(after, nullptr);
  EXPECT_TRUE(after->translation.empty());
  EXPECT_FALSE(after->fuzzy);

  EXPECT_EQ(merged.find("band"), nullptr);
  const CatalogEntry& band = merged.entries.back();
  EXPECT_EQ(band.line_id, "band");
  EXPECT_TRUE(band.obsolete);
  EXPECT_EQ(band.translation, "软带");

  // Entries follow the script; the obsolete one comes last.
  std::vector<std::string> order;
  for (const CatalogEntry& e : merged.entries) order.push_back(e.line_id);
  EXPECT_EQ(order, (std::vector<std::string>{"title", "welcome", "pinch", "after", "band"}));
}

TEST(CatalogMerge, ReviewStateSurvivesFurtherUpdates) {
  Catalog old = translated_v1();
  auto v2 = version_one();
  v2[2].text = "You will feel a small pinch.";
  Catalog once = l10n::merge_catalog(old, {"s 1.1.0", "zh"}, v2);
  // Reworded again before anyone reviewed it: the previous text stays the one the
  // translation was made for.
  v2[2].text = "You may feel a small pinch.";
  l10n::UpdateSummary summary;
  Catalog twice = l10n::merge_catalog(once, {"s 1.2.0", "zh"}, v2, &summary);
  ASSERT_NE(twice.find("pinch"), nullptr);
  EXPECT_TRUE(twice.find("pinch")->fuzzy);
  EXPECT_EQ(twice.find("pinch")->previous_source, "You will feel a pinch.");
  EXPECT_EQ(summary.stale, 1u);

  // A translator reviews it (clears fuzzy, updates the text): it counts as translated.
  for (CatalogEntry& e : twice.entries) {
    if (e.line_id != "pinch") continue;
    e.fuzzy = false;
    e.previous_source.clear();
    e.translation = "您可能会感到轻微的刺痛。";
  }
  Catalog reviewed = l10n::merge_catalog(twice, {"s 1.2.0", "zh"}, v2, &summary);
  EXPECT_EQ(summary.translated, 4u);
  EXPECT_EQ(summary.stale, 0u);

  // An untranslated entry stays untranslated and is not new any more.
  auto v3 = v2;
  v3.push_back({"extra", "One more thing.", "subtitle", "s.txs", 30});
  Catalog with_extra = l10n::merge_catalog(reviewed, {"s 1.3.0", "zh"}, v3, &summary);
  EXPECT_EQ(summary.added, 1u);
  l10n::merge_catalog(with_extra, {"s 1.3.0", "zh"}, v3, &summary);
  EXPECT_EQ(summary.added, 0u);
  EXPECT_EQ(summary.untranslated, 1u);
}

TEST(CatalogMerge, ObsoleteEntriesComeBack) {
  Catalog old = translated_v1();
  auto without_band = version_one();
  without_band.pop_back();
  Catalog gone = l10n::merge_catalog(old, {"s 1.1.0", "zh"}, without_band);
  l10n::UpdateSummary summary;
  Catalog back = l10n::merge_catalog(gone, {"s 1.2.0", "zh"}, version_one(), &summary);
  ASSERT_NE(back.find("band"), nullptr);
  EXPECT_EQ(back.find("band")->translation, "软带");
  EXPECT_FALSE(back.find("band")->fuzzy);
  EXPECT_EQ(summary.translated, 4u);
  EXPECT_EQ(summary.obsolete, 0u);
}

TEST(CatalogMerge, UpdatesFilesAndLeavesBrokenOnesAlone) {
  TempDir dir;
  std::string path = dir.file("s.zh.po");
  auto created = l10n::update_catalog_file(path, {"s 1.0.0", "zh"}, version_one());
  ASSERT_TRUE(created) << created.error().message;
  EXPECT_TRUE(created->created);
  EXPECT_EQ(created->added, 4u);

  ASSERT_TRUE(l10n::write_catalog(path, translated_v1()));
  auto v2 = version_one();
  v2[2].text = "You will feel a small pinch.";
  v2.pop_back();
  auto updated = l10n::update_catalog_file(path, {"s 1.1.0", "zh"}, v2);
  ASSERT_TRUE(updated) << updated.error().message;
  EXPECT_FALSE(updated->created);
  EXPECT_EQ(updated->translated, 2u);
  EXPECT_EQ(updated->stale, 1u);
  EXPECT_EQ(updated->obsolete, 1u);
  std::string po = *read_file(path);
  EXPECT_NE(po.find("#, fuzzy\n#| msgid \"You will feel a pinch.\"\nmsgctxt \"pinch\""),
            std::string::npos)
      << po;
  EXPECT_NE(po.find("#~ msgctxt \"band\"\n#~ msgid \"A soft band\"\n#~ msgstr \"软带\""),
            std::string::npos)
      << po;
  EXPECT_NE(po.find("Last-Translator: Li <li@example.org>"), std::string::npos) << po;
  // A second update with the same strings keeps the obsolete translation.
  auto again = l10n::update_catalog_file(path, {"s 1.1.0", "zh"}, v2);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->obsolete, 1u);
  EXPECT_EQ(*read_file(path), po);

  std::string broken = "msgctxt \"a\"\nmsgid \"x\"\nmsgstr \"unterminated\n";
  std::string broken_path = dir.write("broken.zh.po", broken);
  std::vector<l10n::PoProblem> problems;
  auto refused =
      l10n::update_catalog_file(broken_path, {"s 1.0.0", "zh"}, version_one(), &problems);
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message.find("broken.zh.po:"), std::string::npos);
  EXPECT_FALSE(problems.empty());
  EXPECT_EQ(*read_file(broken_path), broken);
}

}  // namespace
}  // namespace trialxr::testing
