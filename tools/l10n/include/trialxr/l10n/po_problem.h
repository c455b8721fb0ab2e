// PoProblem: something libgettextpo (or the checks after it) found wrong in a PO file,
// with its place, so that callers can show it as "FILE:LINE: message" or turn it into a
// located diagnostic.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "trialxr/core/diagnostic.h"

namespace trialxr::l10n {

struct PoProblem {
  Severity severity = Severity::error;
  std::string file;
  std::uint32_t line = 0;    // 1-based; 0 when libgettextpo gave no line
  std::uint32_t column = 0;  // 1-based; 0 when unknown
  std::string message;
};

// "FILE:LINE:COLUMN: message", leaving out the parts that are unknown.
std::string located(const PoProblem& p);
// The errors (not the warnings), located, one per line.
std::string located_errors(const std::vector<PoProblem>& problems);

}  // namespace trialxr::l10n
