// SourceFile: a text file held in memory with a line index, so diagnostics can
// quote the line they point at.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "trialxr/core/result.h"

namespace trialxr {

class SourceFile {
 public:
  SourceFile() = default;
  SourceFile(std::string path, std::string text);

  static Result<SourceFile> load(const std::string& path);

  const std::string& path() const { return path_; }
  const std::string& text() const { return text_; }
  std::size_t line_count() const { return line_starts_.size(); }
  // 1-based line number; the text without its line ending; empty when out of range.
  std::string_view line(std::uint32_t number) const;

 private:
  std::string path_;
  std::string text_;
  std::vector<std::size_t> line_starts_;
};

}  // namespace trialxr
