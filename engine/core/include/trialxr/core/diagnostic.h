// Diagnostics: located messages about a user's input (a script, an asset), with a
// stable code, an optional fix hint, and rendering with the source line and a caret:
//
//   scenes/blood.txs:12:3: error[TX0201]: unknown cue 'higlight'
//      12 |   higlight arm.vein for 3s
//         |   ^~~~~~~~
//      = hint: did you mean 'highlight'?
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace trialxr {

enum class Severity : std::uint8_t { note, warning, error };

struct SourceLoc {
  std::uint32_t line = 0;    // 1-based; 0 means "the whole file"
  std::uint32_t column = 0;  // 1-based, in bytes
  std::uint32_t length = 1;  // bytes underlined
};

struct Diagnostic {
  Severity severity = Severity::error;
  std::string code;  // "TX0201"
  std::string file;
  SourceLoc loc;
  std::string message;
  std::string hint;  // optional fix suggestion
};

class Diagnostics {
 public:
  Diagnostic& error(std::string code, std::string file, SourceLoc loc, std::string message,
                    std::string hint = {});
  Diagnostic& warning(std::string code, std::string file, SourceLoc loc, std::string message,
                      std::string hint = {});
  void add(Diagnostic d) { items_.push_back(std::move(d)); }
  void append(const Diagnostics& other);

  const std::vector<Diagnostic>& items() const { return items_; }
  std::size_t error_count() const;
  std::size_t warning_count() const;
  bool has_errors() const { return error_count() > 0; }
  bool empty() const { return items_.empty(); }

  // Stable sort by file, line, column: the order a reader walks the file in.
  void sort();

 private:
  std::vector<Diagnostic> items_;
};

// Returns the text of `line` in `file`, or an empty view when unavailable.
using SourceLookup = std::function<std::string_view(const std::string& file, std::uint32_t line)>;

std::string_view severity_name(Severity s);
std::string format_diagnostic(const Diagnostic& d, const SourceLookup& lookup);
std::string format_diagnostics(const Diagnostics& ds, const SourceLookup& lookup);

// Closest candidate by edit distance, when close enough to be a likely typo.
std::string suggest(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace trialxr
