// Code points of a UTF-8 string with their byte offsets (decoded by libunibreak), for
// text layout and messages.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace trialxr::text {

struct CodePoint {
  char32_t value = 0;
  std::uint32_t offset = 0;  // byte offset in the string
};

// `s` must be valid UTF-8 (the script reader checks every file it reads).
std::vector<CodePoint> code_points(std::string_view s);

// "U+4E2D '中'" for messages.
std::string describe_code_point(char32_t c, std::string_view utf8);

}  // namespace trialxr::text
