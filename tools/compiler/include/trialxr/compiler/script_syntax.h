// The scene script's syntax tree. A script is lines; each line is a statement: a
// head word, its arguments, an optional `#line:id` tag, and the statements indented
// under it. Meaning (which words exist, what they take) is the checker's business,
// so the parser stays small and every error keeps its exact place.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "trialxr/core/diagnostic.h"

namespace trialxr::compiler {

enum class TokenKind : std::uint8_t {
  word,      // scene, arm, arm.vein, in-out, 7-11
  number,    // 1.5, -0.6, 3s, 500ms, 30deg, 12cm
  string,    // "text" (value is unescaped)
  line_tag,  // #line:pinch (value is the id)
};

struct Token {
  TokenKind kind = TokenKind::word;
  std::string text;   // word text, unescaped string, or line id
  double number = 0;  // for numbers: the value as written, before the unit
  std::string unit;   // for numbers: "", "s", "ms", "m", "cm", "deg"
  SourceLoc loc;      // where the token starts and how long it is, in bytes
};

struct Statement {
  Token head;               // the first token (always a word when the parser accepts it)
  std::vector<Token> args;  // the rest of the line, without the line tag
  std::optional<Token> line_tag;
  std::vector<Statement> children;
  std::uint32_t indent = 0;  // columns
  std::uint32_t line = 0;

  // Location spanning the head and all arguments.
  SourceLoc span() const;
};

}  // namespace trialxr::compiler
