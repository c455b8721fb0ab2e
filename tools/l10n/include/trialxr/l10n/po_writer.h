// Writing PO and POT files through libgettextpo, crash-safe: the file is written to a
// temporary file in the same folder, synced, then renamed over the old one, so an
// interrupted run leaves the old file or the new one, never half of one.
#pragma once

#include <string>

#include "trialxr/core/result.h"
#include "trialxr/l10n/catalog.h"

namespace trialxr::l10n {

// The error names the file and libgettextpo's reason. A new file gets mode 0644; a file
// that exists keeps its mode.
Status write_catalog(const std::string& path, const Catalog& catalog);

}  // namespace trialxr::l10n
