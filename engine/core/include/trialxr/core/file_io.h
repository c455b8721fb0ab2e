// Whole-file reads and crash-safe whole-file writes.
#pragma once

#include <cstddef>
#include <span>
#include <string>

#include "trialxr/core/result.h"

namespace trialxr {

// Reads a whole file; the error names the path and the reason.
Result<std::string> read_file(const std::string& path);

// Writes through a temporary file in the same folder, fsyncs it and renames it over
// `path`, so a crash never leaves a half-written file where a good one was.
Status write_file_atomic(const std::string& path, std::span<const std::byte> bytes,
                         unsigned mode = 0644);
Status write_file_atomic(const std::string& path, std::string_view text, unsigned mode = 0644);

}  // namespace trialxr
