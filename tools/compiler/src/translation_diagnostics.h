// The translation diagnostics (TX07xx; the table is in docs/script-language.md).
#pragma once

#include <vector>

#include "trialxr/core/diagnostic.h"
#include "trialxr/l10n/po_problem.h"

namespace trialxr::compiler {

inline constexpr const char* kNoTranslationFile = "TX0700";
inline constexpr const char* kBadTranslationFile = "TX0701";
inline constexpr const char* kMissingTranslation = "TX0702";
inline constexpr const char* kStaleTranslation = "TX0703";

// What libgettextpo found in a PO file, as TX0701 diagnostics at their place in it.
// Returns whether any of them is an error.
bool report_po_problems(const std::vector<l10n::PoProblem>& problems, Diagnostics& diags);

}  // namespace trialxr::compiler
