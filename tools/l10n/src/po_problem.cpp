#include "trialxr/l10n/po_problem.h"

#include <fmt/format.h>

namespace trialxr::l10n {

std::string located(const PoProblem& p) {
  if (p.line == 0) return fmt::format("{}: {}", p.file, p.message);
  if (p.column == 0) return fmt::format("{}:{}: {}", p.file, p.line, p.message);
  return fmt::format("{}:{}:{}: {}", p.file, p.line, p.column, p.message);
}

std::string located_errors(const std::vector<PoProblem>& problems) {
  std::string out;
  for (const PoProblem& p : problems) {
    if (p.severity != Severity::error) continue;
    if (!out.empty()) out += '\n';
    out += located(p);
  }
  return out;
}

}  // namespace trialxr::l10n
