#include "trialxr/records/participant_code.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <regex>

namespace trialxr::records {

namespace {

constexpr std::string_view kAdvice =
    "; enter the pseudonymous code the study assigned (like P-0042 or SITE3-017), never "
    "something that identifies the person";

struct Rule {
  const char* pattern;
  const char* category;
};

// In order: the first rule that matches names the category. Dates and SSNs come before
// phone numbers because they are digits with separators too.
constexpr std::array kRules = {
    Rule{R"(@)", "an e-mail address"},
    Rule{R"((^|[^a-z])(https?|ftp)://|^www\.|\.(com|org|net|edu|gov|io|de|uk|fr)(/|$))",
         "a web address (URL)"},
    Rule{R"((^|[^0-9.])\d{1,3}(\.\d{1,3}){3}($|[^0-9.]))", "an IP address"},
    Rule{R"((^|\D)\d{4}[-/.]\d{1,2}[-/.]\d{1,2}($|\D))", "a date"},
    Rule{R"((^|\D)\d{1,2}[-/.]\d{1,2}[-/.](\d{4}|\d{2})($|\D))", "a date"},
    Rule{
        R"((^|[^a-z0-9])\d{1,2}(st|nd|rd|th)?[ .-]*(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?[ .,-]*\d{2,4}($|\D))",
        "a date"},
    Rule{
        R"((^|[^a-z])(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?[ .-]*\d{1,2}(st|nd|rd|th)?,?[ .-]*\d{4}($|\D))",
        "a date"},
    Rule{R"((^|\D)\d{3}[- ]\d{2}[- ]\d{4}($|\D))", "a social security number"},
    Rule{R"(\d{6,})",
         "a long run of digits (like a medical record, account, licence or ID card number)"},
    Rule{R"((^|\D)\d{5}($|\D))", "a ZIP code"},
};

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

// Seven or more digits in one stretch of digits and separators: a phone or fax number.
bool looks_like_phone(std::string_view s) {
  std::size_t digits = 0;
  bool separated = false;
  for (char c : s) {
    if (std::isdigit(static_cast<unsigned char>(c))) {
      ++digits;
    } else if (c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' || c == '+' || c == '/') {
      separated = separated || digits > 0;
      continue;
    } else {
      digits = 0;
      separated = false;
      continue;
    }
    if (digits >= 7 && separated) return true;
  }
  return false;
}

// Two or more capitalised alphabetic words in a row: "Maria Lopez", "John Q Public".
bool looks_like_name(std::string_view s) {
  static const std::regex name(R"((^|[^A-Za-z])[A-Z][a-z]*[ .,]+[A-Z][a-z]+($|[^A-Za-z0-9]))");
  return std::regex_search(s.begin(), s.end(), name);
}

std::string refusal(std::string_view text, std::string_view category) {
  return fmt::format("'{}' looks like {}{}", text, category, kAdvice);
}

}  // namespace

Result<std::string> validate_participant_code(std::string_view input) {
  std::string_view text = trim(input);
  if (text.empty()) return fail("the participant code is empty" + std::string(kAdvice));
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(), [](char c) {
    return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  });
  for (const Rule& rule : kRules) {
    const std::regex re(rule.pattern, std::regex::ECMAScript | std::regex::icase);
    if (std::regex_search(lower, re)) return fail(refusal(text, rule.category));
  }
  if (looks_like_phone(text)) return fail(refusal(text, "a phone or fax number"));
  if (looks_like_name(text)) return fail(refusal(text, "a personal name"));

  auto allowed = [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
  };
  if (!std::all_of(text.begin(), text.end(), allowed)) {
    return fail(
        fmt::format("'{}': a participant code may contain only letters A-Z, digits and - or _{}",
                    text, kAdvice));
  }
  if (text.size() > kMaxParticipantCodeLength) {
    return fail(fmt::format("'{}': a participant code has at most {} characters{}", text,
                            kMaxParticipantCodeLength, kAdvice));
  }
  if (std::none_of(text.begin(), text.end(),
                   [](char c) { return std::isdigit(static_cast<unsigned char>(c)); })) {
    return fail(fmt::format(
        "'{}' has no digit; a code of letters alone may be a name or initials{}", text, kAdvice));
  }
  std::string code(text);
  std::transform(code.begin(), code.end(), code.begin(), [](char c) {
    return static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  });
  return code;
}

}  // namespace trialxr::records
