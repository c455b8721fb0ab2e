// Resolving lines against a catalog: a reviewed translation of the current text, or
// the base text marked missing or stale.
#include <gtest/gtest.h>

#include "trialxr/l10n/resolve.h"

namespace trialxr::testing {
namespace {

using l10n::TextStatus;

l10n::CatalogEntry entry(std::string id, std::string source, std::string translation,
                         bool fuzzy = false, bool obsolete = false) {
  l10n::CatalogEntry e;
  e.line_id = std::move(id);
  e.source = std::move(source);
  e.translation = std::move(translation);
  e.fuzzy = fuzzy;
  e.obsolete = obsolete;
  return e;
}

TEST(Resolve, TranslatedMissingAndStale) {
  std::vector<l10n::SourceString> strings = {
      {"ok", "Hello", "subtitle", "s.txs", 1},
      {"absent", "Not in the file", "subtitle", "s.txs", 2},
      {"empty", "Untranslated", "subtitle", "s.txs", 3},
      {"fuzzy", "Needs review", "label", "s.txs", 4},
      {"changed", "The new text", "label", "s.txs", 5},
      {"blank", "", "label", "s.txs", 6},
      {"obsolete", "Old but back", "label", "s.txs", 7},
  };
  l10n::Catalog zh;
  zh.entries = {
      entry("ok", "Hello", "你好"),
      entry("empty", "Untranslated", ""),
      entry("fuzzy", "Needs review", "需要审核", true),
      entry("changed", "The old text", "旧文本"),
      entry("obsolete", "Old but back", "旧的", false, true),
  };
  auto r = l10n::resolve(strings, zh);
  ASSERT_EQ(r.size(), strings.size());

  EXPECT_EQ(r[0].status, TextStatus::translated);
  EXPECT_EQ(r[0].text, "你好");
  EXPECT_EQ(r[0].entry, &zh.entries[0]);

  EXPECT_EQ(r[1].status, TextStatus::missing);
  EXPECT_EQ(r[1].text, "Not in the file");
  EXPECT_EQ(r[1].entry, nullptr);

  EXPECT_EQ(r[2].status, TextStatus::missing);
  EXPECT_EQ(r[2].text, "Untranslated");
  EXPECT_EQ(r[2].entry, &zh.entries[1]);

  // A stale translation is never shown: the base text is, marked.
  EXPECT_EQ(r[3].status, TextStatus::stale);
  EXPECT_EQ(r[3].text, "Needs review");
  EXPECT_EQ(r[4].status, TextStatus::stale);
  EXPECT_EQ(r[4].text, "The new text");
  EXPECT_EQ(r[4].entry, &zh.entries[3]);

  EXPECT_EQ(r[5].status, TextStatus::translated);
  EXPECT_EQ(r[5].text, "");

  // Obsolete entries do not translate anything.
  EXPECT_EQ(r[6].status, TextStatus::missing);
  EXPECT_EQ(r[6].text, "Old but back");
}

}  // namespace
}  // namespace trialxr::testing
