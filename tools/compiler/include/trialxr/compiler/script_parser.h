// Parses a scene script into statements. Reports every lexical and layout error in
// the file (not only the first) and recovers at the next line.
#pragma once

#include <vector>

#include "trialxr/compiler/script_syntax.h"
#include "trialxr/core/diagnostic.h"
#include "trialxr/core/source_file.h"

namespace trialxr::compiler {

// Tokens of one line. `comment_start` is the byte column (1-based) where a `#`
// comment begins, or 0 when the line has none. Exposed for the line tagger.
struct LexedLine {
  std::uint32_t number = 0;
  std::uint32_t indent = 0;
  std::vector<Token> tokens;
  std::uint32_t comment_start = 0;
  bool has_errors = false;
};

LexedLine lex_line(const SourceFile& file, std::uint32_t line_number, Diagnostics& diags);

std::vector<Statement> parse_script(const SourceFile& file, Diagnostics& diags);

}  // namespace trialxr::compiler
