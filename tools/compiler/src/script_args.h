// ArgReader: walks a statement's arguments left to right and reports, with exact
// places, what is missing, of the wrong kind, or left over. Private to the analyser.
#pragma once

#include <fmt/format.h>
#include <array>
#include <optional>
#include <string>

#include "trialxr/compiler/script_syntax.h"
#include "trialxr/core/diagnostic.h"

namespace trialxr::compiler::detail {

enum class Quantity { scalar, distance, angle, duration };

class ArgReader {
 public:
  ArgReader(const Statement& st, const std::string& file, Diagnostics& diags)
      : st_(st), file_(file), diags_(diags) {}

  bool ok() const { return ok_; }
  bool at_end() const { return next_ >= st_.args.size(); }
  const Token* peek() const { return at_end() ? nullptr : &st_.args[next_]; }
  bool peek_word(std::string_view word) const {
    const Token* t = peek();
    return t != nullptr && t->kind == TokenKind::word && t->text == word;
  }
  void skip() { ++next_; }

  std::optional<Token> word(std::string_view what);
  std::optional<Token> string(std::string_view what);
  std::optional<float> number(Quantity q, std::string_view what);
  std::optional<std::array<float, 3>> vec3(Quantity q, std::string_view what);
  bool keyword(std::string_view word);  // consumes `word` if next, reports otherwise
  void finish();                        // reports left-over arguments

  void error(std::string code, SourceLoc loc, std::string message, std::string hint = {}) {
    diags_.error(std::move(code), file_, loc, std::move(message), std::move(hint));
    ok_ = false;
  }
  // The place just after the last argument, for "expected ... here".
  SourceLoc end_loc() const;

 private:
  const Statement& st_;
  const std::string& file_;
  Diagnostics& diags_;
  std::size_t next_ = 0;
  bool ok_ = true;
};

}  // namespace trialxr::compiler::detail
