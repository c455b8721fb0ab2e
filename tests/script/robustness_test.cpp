// Whatever an editor saves, the compiler answers with diagnostics, never a crash:
// thousands of deterministic mutations of the sample script (bytes flipped, inserted
// and deleted, lines dropped, duplicated and re-indented) go through parse, analyse
// and tag.
#include <gtest/gtest.h>

#include <random>

#include "script_test_util.h"
#include "temp_dir.h"
#include "trialxr/compiler/line_tagger.h"

namespace trialxr::testing {
namespace {

std::string mutate(const std::string& text, std::mt19937& rng) {
  std::string s = text;
  std::uniform_int_distribution<int> kind(0, 5);
  int edits = 1 + static_cast<int>(rng() % 4);
  for (int e = 0; e < edits && !s.empty(); ++e) {
    std::size_t at = rng() % s.size();
    switch (kind(rng)) {
      case 0:
        s[at] = static_cast<char>(rng() % 256);
        break;
      case 1:
        s.insert(at, 1, "\"#\t .:-\n\\"[rng() % 9]);
        break;
      case 2:
        s.erase(at, 1 + rng() % 8);
        break;
      case 3: {  // drop a line
        std::size_t begin = s.rfind('\n', at);
        begin = begin == std::string::npos ? 0 : begin + 1;
        std::size_t end = s.find('\n', at);
        s.erase(begin, end == std::string::npos ? std::string::npos : end - begin + 1);
        break;
      }
      case 4: {  // duplicate a line
        std::size_t begin = s.rfind('\n', at);
        begin = begin == std::string::npos ? 0 : begin + 1;
        std::size_t end = s.find('\n', at);
        std::string line =
            s.substr(begin, end == std::string::npos ? std::string::npos : end - begin + 1);
        s.insert(begin, line);
        break;
      }
      default: {  // change a line's indentation
        std::size_t begin = s.rfind('\n', at);
        begin = begin == std::string::npos ? 0 : begin + 1;
        s.insert(begin, std::string(rng() % 5, ' '));
        break;
      }
    }
  }
  return s;
}

TEST(ScriptRobustness, MutatedScriptsGiveDiagnosticsNotCrashes) {
  auto source = SourceFile::load((source_dir() / "scenes/blood-draw.txs").string());
  ASSERT_TRUE(source);
  std::mt19937 rng(20261128);
  std::size_t with_errors = 0;
  const int kRuns = 3000;
  for (int i = 0; i < kRuns; ++i) {
    std::string text = mutate(source->text(), rng);
    auto a = analyse(text);
    with_errors += a.diags.has_errors() ? 1 : 0;
    for (const auto& d : a.diags.items()) {
      ASSERT_FALSE(d.message.empty());
      ASSERT_LE(d.loc.line, a.source.line_count() + 1) << d.message;
    }
    (void)a.rendered();
    auto tagged = compiler::tag_lines(a.source);
    ASSERT_GE(tagged.text.size(), text.size());
  }
  // Most mutations break something; a few (inside comments or text) do not.
  EXPECT_GT(with_errors, static_cast<std::size_t>(kRuns / 2));
}

}  // namespace
}  // namespace trialxr::testing
