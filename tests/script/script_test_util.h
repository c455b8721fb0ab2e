// Helpers for script tests: analyse a script given as a string, and find
// diagnostics by code.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "trialxr/compiler/script_analyzer.h"
#include "trialxr/compiler/script_parser.h"
#include "trialxr/core/source_file.h"

namespace trialxr::testing {

struct Analysed {
  SourceFile source;
  Diagnostics diags;
  compiler::SceneModel model;

  std::vector<Diagnostic> with_code(std::string_view code) const {
    std::vector<Diagnostic> out;
    for (const auto& d : diags.items())
      if (d.code == code) out.push_back(d);
    return out;
  }
  std::string rendered() const {
    return format_diagnostics(diags,
                  [this](const std::string&, std::uint32_t line) { return source.line(line); });
  }
};

inline Analysed analyse(std::string text, std::string path = "test.txs") {
  Analysed a;
  a.source = SourceFile(path, std::move(text));
  auto statements = compiler::parse_script(a.source, a.diags);
  a.model = compiler::analyze_script(path, statements, a.diags);
  return a;
}

// A minimal valid header to put in front of test bodies.
inline const char* kHeader =
    "scene test-scene\n"
    "  title \"Test\" #line:title\n"
    "  study S-1\n"
    "  version 1.0.0\n"
    "  languages en zh\n";

// Expects exactly one diagnostic with `code` at line:column, whose message contains `text`.
#define EXPECT_DIAG(analysed, code, line_, column_, text)                                          \
  do {                                                                                             \
    auto found_ = (analysed).with_code(code);                                                      \
    ASSERT_EQ(found_.size(), 1u) << (analysed).rendered();                                         \
    EXPECT_EQ(found_[0].loc.line, static_cast<std::uint32_t>(line_)) << (analysed).rendered();     \
    EXPECT_EQ(found_[0].loc.column, static_cast<std::uint32_t>(column_)) << (analysed).rendered(); \
    EXPECT_NE(found_[0].message.find(text), std::string::npos) << found_[0].message;               \
  } while (0)

}  // namespace trialxr::testing
