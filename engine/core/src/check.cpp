#include "trialxr/core/check.h"

#include <cstdio>
#include <cstdlib>

namespace trialxr::detail {

void check_failed(const char* expr, const char* file, int line) {
  std::fprintf(stderr, "%s:%d: internal error: check failed: %s\n", file, line, expr);
  std::abort();
}

}  // namespace trialxr::detail
