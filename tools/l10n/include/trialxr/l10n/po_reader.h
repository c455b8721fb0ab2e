// Reading PO files through libgettextpo. Its messages become located problems; the
// process never exits because of a file, however broken.
//
//   std::vector<l10n::PoProblem> problems;
//   auto catalog = l10n::read_catalog("scenes/blood-draw.zh.po", {}, &problems);
//   if (!catalog) std::cerr << catalog.error().message;  // "FILE:LINE: message" lines
#pragma once

#include <string>
#include <vector>

#include "trialxr/core/result.h"
#include "trialxr/l10n/catalog.h"
#include "trialxr/l10n/po_problem.h"

namespace trialxr::l10n {

struct ReadOptions {
  // Obsolete (`#~`) entries are left out unless asked for; updating a file keeps them.
  bool keep_obsolete = false;
};

// Fails when the file cannot be read, is not a valid PO file, declares a charset other
// than UTF-8, or holds text that is not UTF-8; the error lists every problem located.
// `problems`, when given, receives every problem, warnings included.
Result<Catalog> read_catalog(const std::string& path, const ReadOptions& options = {},
                             std::vector<PoProblem>* problems = nullptr);

}  // namespace trialxr::l10n
