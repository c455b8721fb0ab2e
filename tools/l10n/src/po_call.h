// PoCall: one guarded call into libgettextpo. The library reports problems through C
// callbacks that carry no user pointer, and a fatal one must not return; so the call in
// progress is found through a thread-local pointer, every report is recorded as a
// located PoProblem, and a fatal one long-jumps back to the guarded call instead of
// ending the process. Calls are serialised: libgettextpo keeps its reporting functions in
// globals while it works.
#pragma once

#include <gettext-po.h>

#include <string>
#include <vector>

#include "trialxr/l10n/po_problem.h"

namespace trialxr::l10n::detail {

// po_file_read(path); nullptr when the file could not be opened or a fatal error ended
// the read. Every problem reported goes to `problems`, located in `path`.
po_file_t guarded_read(const std::string& path, std::vector<PoProblem>& problems);

// po_file_write(file, path); false when a fatal error ended the write.
bool guarded_write(po_file_t file, const std::string& path, std::vector<PoProblem>& problems);

}  // namespace trialxr::l10n::detail
