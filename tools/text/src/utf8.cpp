#include "trialxr/text/utf8.h"

#include <fmt/format.h>
#include <linebreak.h>
extern "C" {  // linebreakdef.h lacks the C++ guard that linebreak.h has
#include <linebreakdef.h>
}

namespace trialxr::text {

std::vector<CodePoint> code_points(std::string_view s) {
  std::vector<CodePoint> out;
  out.reserve(s.size());
  const auto* bytes = reinterpret_cast<const utf8_t*>(s.data());
  std::size_t i = 0;
  while (i < s.size()) {
    auto start = static_cast<std::uint32_t>(i);
    utf32_t c = lb_get_next_char_utf8(bytes, s.size(), &i);
    if (c == EOS) break;
    out.push_back({static_cast<char32_t>(c), start});
  }
  return out;
}

std::string describe_code_point(char32_t c, std::string_view utf8) {
  if (c < 0x20 || c == 0x7F) return fmt::format("U+{:04X}", static_cast<std::uint32_t>(c));
  return fmt::format("U+{:04X} '{}'", static_cast<std::uint32_t>(c), utf8);
}

}  // namespace trialxr::text
