// `trialxr-build tag`: ids added where missing, nothing else in the file changed.
#include <gtest/gtest.h>

#include "script_test_util.h"
#include "trialxr/compiler/line_tagger.h"

namespace trialxr::testing {
namespace {

TEST(LineTagger, AddsMissingIdsAndLeavesTheRestByteIdentical) {
  std::string before =
      "# a comment  \r\n"
      "scene demo\r\n"
      "  title \"Demo\"   # the title\r\n"
      "  study S\r\n  version 1\r\n  languages en\r\n"
      "step needle\r\n"
      "  say \"You will feel a pinch.\"\r\n"
      "  say \"Tagged\" #line:needle-say-1\r\n"
      "  label arm.vein \"A vein\" for 2s   \r\n"
      "  quiz\r\n"
      "    ask \"Q?\"\r\n"
      "    option \"A\" correct\r\n"
      "      feedback \"Yes\"\r\n"
      "\r\n"
      "  wait 1s";
  auto result = compiler::tag_lines(SourceFile("t.txs", before));
  EXPECT_EQ(result.added, 6u);
  EXPECT_EQ(result.text,
            "# a comment  \r\n"
            "scene demo\r\n"
            "  title \"Demo\" #line:title   # the title\r\n"
            "  study S\r\n  version 1\r\n  languages en\r\n"
            "step needle\r\n"
            "  say \"You will feel a pinch.\" #line:needle-say-2\r\n"
            "  say \"Tagged\" #line:needle-say-1\r\n"
            "  label arm.vein \"A vein\" for 2s #line:needle-label-1   \r\n"
            "  quiz\r\n"
            "    ask \"Q?\" #line:needle-question-1\r\n"
            "    option \"A\" correct #line:needle-option-1\r\n"
            "      feedback \"Yes\" #line:needle-feedback-1\r\n"
            "\r\n"
            "  wait 1s");
}

TEST(LineTagger, IsIdempotentAndMakesTheScriptComplete) {
  std::string script =
      std::string(kHeader) + "step a\n  say \"one\"\n  say \"two\"\nstep b\n  say \"three\"\n";
  auto once = compiler::tag_lines(SourceFile("t.txs", script));
  EXPECT_EQ(once.added, 3u);
  auto twice = compiler::tag_lines(SourceFile("t.txs", once.text));
  EXPECT_EQ(twice.added, 0u);
  EXPECT_EQ(twice.text, once.text);
  auto a = analyse(once.text);
  EXPECT_TRUE(a.diags.empty()) << a.rendered();
}

TEST(LineTagger, SkipsLinesWithLexicalErrors) {
  std::string script = "step a\n  say \"unterminated\n";
  auto result = compiler::tag_lines(SourceFile("t.txs", script));
  EXPECT_EQ(result.added, 0u);
  EXPECT_EQ(result.text, script);
}

}  // namespace
}  // namespace trialxr::testing
