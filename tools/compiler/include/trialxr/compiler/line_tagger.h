// `trialxr-build tag`: gives every patient-visible text in a script a stable line id
// (#line:ID), touching nothing else in the file — not spacing, comments, line endings
// or the order of anything.
#pragma once

#include <string>

#include "trialxr/core/source_file.h"

namespace trialxr::compiler {

struct TagResult {
  std::string text;       // the new file contents
  std::size_t added = 0;  // ids written
};

TagResult tag_lines(const SourceFile& file);

}  // namespace trialxr::compiler
