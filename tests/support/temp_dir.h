// Test helpers: a temporary folder removed at scope end, and file helpers.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace trialxr::testing {

class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  std::string file(std::string_view name) const { return (path_ / name).string(); }
  // Writes `text` to `name` inside the folder (creating subfolders); returns the path.
  std::string write(std::string_view name, std::string_view text) const;

 private:
  std::filesystem::path path_;
};

// The repository root (from TRIALXR_SOURCE_DIR, set by CTest).
std::filesystem::path source_dir();

}  // namespace trialxr::testing
