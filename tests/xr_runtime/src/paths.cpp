#include "paths.h"

namespace trialxr::xrt {
namespace {

bool path_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
}

}  // namespace

bool well_formed_path_level(std::string_view name) {
  if (name.empty()) return false;
  bool only_periods = true;
  for (char c : name) {
    if (!path_char(c)) return false;
    if (c != '.') only_periods = false;
  }
  return !only_periods;
}

bool well_formed_path(std::string_view path) {
  if (path.size() < 2 || path.front() != '/' || path.back() == '/') return false;
  std::string_view rest = path.substr(1);
  while (!rest.empty()) {
    const std::size_t slash = rest.find('/');
    if (!well_formed_path_level(rest.substr(0, slash))) return false;
    if (slash == std::string_view::npos) break;
    rest = rest.substr(slash + 1);
  }
  return true;
}

}  // namespace trialxr::xrt
