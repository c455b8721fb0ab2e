#include "trialxr/core/diagnostic.h"

#include <fmt/format.h>
#include <algorithm>

namespace trialxr {

Diagnostic& Diagnostics::error(std::string code, std::string file, SourceLoc loc,
                               std::string message, std::string hint) {
  items_.push_back({Severity::error, std::move(code), std::move(file), loc, std::move(message),
                    std::move(hint)});
  return items_.back();
}

Diagnostic& Diagnostics::warning(std::string code, std::string file, SourceLoc loc,
                                 std::string message, std::string hint) {
  items_.push_back({Severity::warning, std::move(code), std::move(file), loc, std::move(message),
                    std::move(hint)});
  return items_.back();
}

void Diagnostics::append(const Diagnostics& other) {
  items_.insert(items_.end(), other.items_.begin(), other.items_.end());
}

std::size_t Diagnostics::error_count() const {
  return static_cast<std::size_t>(
      std::count_if(items_.begin(), items_.end(),
                    [](const Diagnostic& d) { return d.severity == Severity::error; }));
}

std::size_t Diagnostics::warning_count() const {
  return static_cast<std::size_t>(
      std::count_if(items_.begin(), items_.end(),
                    [](const Diagnostic& d) { return d.severity == Severity::warning; }));
}

void Diagnostics::sort() {
  std::stable_sort(items_.begin(), items_.end(), [](const Diagnostic& a, const Diagnostic& b) {
    if (a.file != b.file) return a.file < b.file;
    if (a.loc.line != b.loc.line) return a.loc.line < b.loc.line;
    return a.loc.column < b.loc.column;
  });
}

std::string_view severity_name(Severity s) {
  switch (s) {
    case Severity::note:
      return "note";
    case Severity::warning:
      return "warning";
    case Severity::error:
      return "error";
  }
  return "error";
}

std::string format_diagnostic(const Diagnostic& d, const SourceLookup& lookup) {
  std::string out;
  if (d.loc.line > 0) {
    out = fmt::format("{}:{}:{}: {}[{}]: {}\n", d.file, d.loc.line, d.loc.column,
                      severity_name(d.severity), d.code, d.message);
  } else {
    out = fmt::format("{}: {}[{}]: {}\n", d.file, severity_name(d.severity), d.code, d.message);
  }
  std::string_view text =
      (d.loc.line > 0 && lookup) ? lookup(d.file, d.loc.line) : std::string_view{};
  if (!text.empty()) {
    std::string number = std::to_string(d.loc.line);
    std::string gutter(number.size(), ' ');
    out += fmt::format(" {} | {}\n", number, text);
    // Keep tabs in the caret line so the caret sits under the right character.
    std::string pad;
    for (std::uint32_t i = 1; i < d.loc.column && i - 1 < text.size(); ++i) {
      pad += text[i - 1] == '\t' ? '\t' : ' ';
    }
    std::uint32_t len = std::max<std::uint32_t>(1, d.loc.length);
    out += fmt::format(" {} | {}^{}\n", gutter, pad, std::string(len - 1, '~'));
    if (!d.hint.empty()) out += fmt::format(" {} = hint: {}\n", gutter, d.hint);
  } else if (!d.hint.empty()) {
    out += fmt::format("   = hint: {}\n", d.hint);
  }
  return out;
}

std::string format_diagnostics(const Diagnostics& ds, const SourceLookup& lookup) {
  std::string out;
  for (const auto& d : ds.items()) out += format_diagnostic(d, lookup);
  return out;
}

namespace {

// Optimal string alignment distance: Levenshtein plus swaps of neighbours ("stpe").
std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
  for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.size()][b.size()];
}

}  // namespace

std::string suggest(std::string_view word, const std::vector<std::string>& candidates) {
  std::string best;
  std::size_t limit = std::max<std::size_t>(2, (word.size() + 2) / 3);
  std::size_t best_distance = limit + 1;
  for (const auto& c : candidates) {
    std::size_t d = edit_distance(word, c);
    // A guess must keep something of the word: "x" is not a typo of "s".
    if (d < best_distance && d < std::max(word.size(), c.size())) {
      best_distance = d;
      best = c;
    }
  }
  return best;
}

}  // namespace trialxr
