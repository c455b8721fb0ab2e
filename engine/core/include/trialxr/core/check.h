// TRIALXR_CHECK: for broken invariants (bugs), never for user errors. Stays on in
// release builds, prints the condition with file and line, and aborts.
#pragma once

namespace trialxr::detail {
[[noreturn]] void check_failed(const char* expr, const char* file, int line);
}

#define TRIALXR_CHECK(cond) \
  ((cond) ? static_cast<void>(0) : ::trialxr::detail::check_failed(#cond, __FILE__, __LINE__))
