#include "temp_dir.h"

#include <cstdlib>
#include <fstream>
#include <stdexcept>

namespace trialxr::testing {

TempDir::TempDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "trialxr-test-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

std::string TempDir::write(std::string_view name, std::string_view text) const {
  std::filesystem::path p = path_ / name;
  std::filesystem::create_directories(p.parent_path());
  std::ofstream out(p, std::ios::binary);
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
  return p.string();
}

std::filesystem::path source_dir() {
  const char* dir = std::getenv("TRIALXR_SOURCE_DIR");
  return dir != nullptr ? std::filesystem::path(dir) : std::filesystem::current_path();
}

}  // namespace trialxr::testing
