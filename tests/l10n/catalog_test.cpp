// PO files through libgettextpo: what is written reads back the same, the write is
// crash-safe, and every kind of broken file becomes a located error, never an exit.
#include <gtest/gtest.h>

#include <sys/stat.h>
#include <filesystem>

#include "temp_dir.h"
#include "trialxr/core/file_io.h"
#include "trialxr/core/source_file.h"
#include "trialxr/l10n/po_reader.h"
#include "trialxr/l10n/po_writer.h"

namespace trialxr::testing {
namespace {

using l10n::Catalog;
using l10n::CatalogEntry;

Catalog sample_catalog() {
  Catalog c;
  c.header =
      "Project-Id-Version: blood-draw 1.0.0\nLanguage: zh\nMIME-Version: 1.0\n"
      "Content-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: 8bit\n";
  CatalogEntry a;
  a.line_id = "welcome-1";
  a.source = "Today a nurse will take a small sample of your blood.";
  a.translation = "今天，护士会为您抽取少量血液。";
  a.kind = "subtitle";
  a.reference_file = "blood-draw.txs";
  a.reference_line = 58;
  a.translator_comment = "checked by the ward";
  CatalogEntry b;
  b.line_id = "q-feel";
  b.source =
      "Say \"yes\"\nor \\no\\ — a long line that libgettextpo has to wrap at the edge of "
      "its page, so that the reader must join it again";
  b.translation = "说“是”\n或者说“不”";
  b.fuzzy = true;
  b.previous_source = "Say \"yes\"";
  b.kind = "quiz question";
  b.reference_file = "blood-draw.txs";
  b.reference_line = 101;
  CatalogEntry new_line;
  new_line.line_id = "pinch";
  new_line.source = "You will feel a small pinch.";
  CatalogEntry gone;
  gone.line_id = "old";
  gone.source = "An old line";
  gone.translation = "旧的一行";
  gone.obsolete = true;
  c.entries = {a, b, new_line, gone};
  return c;
}

void expect_same_entry(const CatalogEntry& got, const CatalogEntry& want) {
  EXPECT_EQ(got.line_id, want.line_id);
  EXPECT_EQ(got.source, want.source);
  EXPECT_EQ(got.translation, want.translation);
  EXPECT_EQ(got.fuzzy, want.fuzzy) << want.line_id;
  EXPECT_EQ(got.obsolete, want.obsolete) << want.line_id;
  EXPECT_EQ(got.previous_source, want.previous_source);
  EXPECT_EQ(got.kind, want.kind);
  EXPECT_EQ(got.translator_comment, want.translator_comment);
  EXPECT_EQ(got.reference_file, want.reference_file);
  EXPECT_EQ(got.reference_line, want.reference_line);
}

TEST(PoFile, WrittenCatalogReadsBackTheSame) {
  TempDir dir;
  std::string path = dir.file("scene.zh.po");
  Catalog written = sample_catalog();
  ASSERT_TRUE(l10n::write_catalog(path, written));

  auto all = l10n::read_catalog(path, {.keep_obsolete = true});
  ASSERT_TRUE(all) << all.error().message;
  EXPECT_EQ(all->header, written.header);
  EXPECT_EQ(all->header_field("Language"), "zh");
  ASSERT_EQ(all->entries.size(), written.entries.size());
  for (std::size_t i = 0; i < written.entries.size(); ++i)
    expect_same_entry(all->entries[i], written.entries[i]);

  // By default obsolete entries are left out, and find() never returns one.
  auto live = l10n::read_catalog(path);
  ASSERT_TRUE(live);
  ASSERT_EQ(live->entries.size(), 3u);
  EXPECT_EQ(live->find("old"), nullptr);
  EXPECT_EQ(all->find("old"), nullptr);
  ASSERT_NE(live->find("pinch"), nullptr);

  // Each entry knows the line of its msgctxt, for diagnostics.
  SourceFile text("po", *read_file(path));
  for (const CatalogEntry& e : live->entries) {
    ASSERT_GT(e.po_line, 0u) << e.line_id;
    EXPECT_EQ(text.line(e.po_line), "msgctxt \"" + e.line_id + "\"");
  }
  // What a PO editor expects to see.
  std::string po = *read_file(path);
  EXPECT_NE(po.find("#. subtitle\n#: blood-draw.txs:58\n"), std::string::npos) << po;
  EXPECT_NE(po.find("#, fuzzy\n#| msgid \"Say \\\"yes\\\"\"\nmsgctxt \"q-feel\""),
            std::string::npos)
      << po;
  EXPECT_NE(po.find("#~ msgctxt \"old\""), std::string::npos) << po;
}

TEST(PoFile, WriteReplacesAtomicallyAndKeepsTheMode) {
  TempDir dir;
  std::string path = dir.file("scene.zh.po");
  ASSERT_TRUE(l10n::write_catalog(path, sample_catalog()));
  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0644u);
  ASSERT_EQ(::chmod(path.c_str(), 0600), 0);
  Catalog smaller = sample_catalog();
  smaller.entries.resize(1);
  ASSERT_TRUE(l10n::write_catalog(path, smaller));
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  auto read = l10n::read_catalog(path);
  ASSERT_TRUE(read);
  EXPECT_EQ(read->entries.size(), 1u);
  // Nothing but the file itself is left in the folder.
  std::size_t files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir.path())) {
    EXPECT_EQ(entry.path().filename(), "scene.zh.po");
    ++files;
  }
  EXPECT_EQ(files, 1u);

  auto nowhere = l10n::write_catalog(dir.file("no/such/folder/x.po"), smaller);
  ASSERT_FALSE(nowhere);
  EXPECT_NE(nowhere.error().message.find("no/such/folder/x.po"), std::string::npos)
      << nowhere.error().message;
}

struct Broken {
  const char* name;
  const char* text;
  std::uint32_t line;   // where the first error is
  const char* message;  // part of its message
};

TEST(PoFile, MalformedFilesGiveLocatedErrors) {
  const Broken cases[] = {
      {"unterminated",
       "msgctxt \"a\"\nmsgid \"x\"\nmsgstr \"y\n\nmsgctxt \"b\"\nmsgid \"z\"\nmsgstr \"\"\n", 3,
       "end-of-line within string"},
      {"keyword", "msgctxt \"a\"\nmsgid \"x\"\nmsgstr \"y\"\nmsgfoo \"z\"\n", 4, "keyword"},
      {"duplicate",
       "msgctxt \"a\"\nmsgid \"x\"\nmsgstr \"y\"\n\nmsgctxt \"a\"\nmsgid \"x\"\nmsgstr \"z\"\n", 6,
       "duplicate message definition"},
      {"utf8", "msgctxt \"a\"\nmsgid \"x\"\nmsgstr \"\xE4\xBD\"\n", 3, "not valid UTF-8"},
      {"charset",
       "msgid \"\"\nmsgstr \"\"\n\"Content-Type: text/plain; charset=ISO-8859-1\\n\"\n\nmsgctxt "
       "\"a\"\nmsgid \"x\"\nmsgstr \"y\"\n",
       3, "charset ISO-8859-1"},
  };
  TempDir dir;
  for (const Broken& c : cases) {
    std::string path = dir.write(std::string(c.name) + ".po", c.text);
    std::vector<l10n::PoProblem> problems;
    auto read = l10n::read_catalog(path, {}, &problems);
    ASSERT_FALSE(read) << c.name;
    ASSERT_FALSE(problems.empty()) << c.name;
    const l10n::PoProblem& first = problems.front();
    EXPECT_EQ(first.severity, Severity::error) << c.name;
    EXPECT_EQ(first.file, path) << c.name;
    // libgettextpo reports an unterminated string where its lexer noticed, at the end of
    // the line or on the next one.
    EXPECT_GE(first.line, c.line) << c.name;
    EXPECT_LE(first.line, c.line + 1) << c.name;
    EXPECT_NE(first.message.find(c.message), std::string::npos) << c.name << ": " << first.message;
    EXPECT_EQ(read.error().message.rfind(path + ":" + std::to_string(first.line) + ":", 0), 0u)
        << read.error().message;
  }
}

TEST(PoFile, UnreadableAndEmptyFiles) {
  TempDir dir;
  auto missing = l10n::read_catalog(dir.file("none.po"));
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().message.find("none.po"), std::string::npos);
  auto empty = l10n::read_catalog(dir.write("empty.po", ""));
  ASSERT_TRUE(empty) << empty.error().message;
  EXPECT_TRUE(empty->entries.empty());
}

TEST(PoFile, EntriesWithoutALineIdAreIgnoredWithAWarning) {
  TempDir dir;
  std::string path = dir.write("x.po",
                               "msgid \"no context\"\nmsgstr \"y\"\n\n"
                               "msgctxt \"a\"\nmsgid \"x\"\nmsgstr \"y\"\n");
  std::vector<l10n::PoProblem> problems;
  auto read = l10n::read_catalog(path, {}, &problems);
  ASSERT_TRUE(read) << read.error().message;
  ASSERT_EQ(read->entries.size(), 1u);
  EXPECT_EQ(read->entries[0].line_id, "a");
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].severity, Severity::warning);
  EXPECT_NE(problems[0].message.find("no msgctxt"), std::string::npos) << problems[0].message;
}

TEST(PoFile, HeaderFields) {
  Catalog c;
  c.header = "Project-Id-Version: s 1.0.0\nLanguage: zh\nLast-Translator: Li <li@example.org>\n";
  EXPECT_EQ(c.header_field("Language"), "zh");
  EXPECT_EQ(c.header_field("Last-Translator"), "Li <li@example.org>");
  EXPECT_EQ(c.header_field("Lang"), "");
  std::string h = l10n::set_header_field(c.header, "Project-Id-Version", "s 1.1.0");
  h = l10n::set_header_field(h, "Content-Type", "text/plain; charset=UTF-8");
  EXPECT_EQ(h,
            "Project-Id-Version: s 1.1.0\nLanguage: zh\nLast-Translator: Li <li@example.org>\n"
            "Content-Type: text/plain; charset=UTF-8\n");
}

}  // namespace
}  // namespace trialxr::testing
