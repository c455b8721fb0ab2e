#include "translation_diagnostics.h"

namespace trialxr::compiler {

bool report_po_problems(const std::vector<l10n::PoProblem>& problems, Diagnostics& diags) {
  bool errors = false;
  for (const l10n::PoProblem& p : problems) {
    SourceLoc loc{p.line, p.line > 0 ? std::max<std::uint32_t>(1, p.column) : 0, 1};
    if (p.severity == Severity::error) {
      diags.error(kBadTranslationFile, p.file, loc, p.message,
                  "fix the file in a PO editor such as Poedit, or recreate it with "
                  "'trialxr-build strings'");
      errors = true;
    } else {
      diags.warning(kBadTranslationFile, p.file, loc, p.message);
    }
  }
  return errors;
}

}  // namespace trialxr::compiler
