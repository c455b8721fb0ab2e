#include "trialxr/l10n/po_reader.h"

#include <fmt/format.h>
#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <string_view>

#include "po_call.h"
#include "trialxr/core/file_io.h"

namespace trialxr::l10n {

namespace {

// [SECTION] checks on the raw text

// Length of the valid UTF-8 sequence at s[i], or 0 when it is not one.
std::size_t utf8_sequence(std::string_view s, std::size_t i) {
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char b = byte(i);
  if (b < 0x80) return 1;
  std::size_t n = (b >= 0xC2 && b <= 0xDF)   ? 2
                  : (b >= 0xE0 && b <= 0xEF) ? 3
                  : (b >= 0xF0 && b <= 0xF4) ? 4
                                             : 0;
  if (n == 0 || i + n > s.size()) return 0;
  for (std::size_t k = 1; k < n; ++k)
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
  unsigned char b1 = byte(i + 1);
  if ((b == 0xE0 && b1 < 0xA0) || (b == 0xED && b1 > 0x9F) || (b == 0xF0 && b1 < 0x90) ||
      (b == 0xF4 && b1 > 0x8F))
    return 0;  // overlong, surrogate or beyond U+10FFFF
  return n;
}

// The 1-based line and column of the first byte that is not UTF-8; line 0 when all are.
std::pair<std::uint32_t, std::uint32_t> first_invalid_utf8(std::string_view text) {
  std::uint32_t line = 1;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < text.size();) {
    std::size_t n = utf8_sequence(text, i);
    if (n == 0) return {line, static_cast<std::uint32_t>(i - line_start + 1)};
    if (text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
    i += n;
  }
  return {0, 0};
}

std::string_view trim_left(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  return s;
}

// The value of the C-quoted string at the start of `s` (after spaces), escapes undone.
std::string quoted_value(std::string_view s) {
  s = trim_left(s);
  std::string out;
  if (s.empty() || s.front() != '"') return out;
  for (std::size_t i = 1; i < s.size() && s[i] != '"'; ++i) {
    if (s[i] == '\\' && i + 1 < s.size()) {
      char e = s[++i];
      out += e == 'n' ? '\n' : e == 't' ? '\t' : e;
    } else {
      out += s[i];
    }
  }
  return out;
}

// Where each live entry's `msgctxt` line is: libgettextpo does not say where a message
// was read from, and diagnostics about a translation should point at it.
std::map<std::string, std::uint32_t, std::less<>> msgctxt_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  for (std::size_t start = 0; start <= text.size();) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    start = end + 1;
  }
  std::map<std::string, std::uint32_t, std::less<>> out;
  constexpr std::string_view kKeyword = "msgctxt";
  for (std::size_t i = 0; i < lines.size(); ++i) {
    std::string_view line = trim_left(lines[i]);
    if (line.substr(0, kKeyword.size()) != kKeyword) continue;
    std::string value = quoted_value(line.substr(kKeyword.size()));
    for (std::size_t k = i + 1; k < lines.size() && trim_left(lines[k]).starts_with('"'); ++k)
      value += quoted_value(lines[k]);
    out.emplace(std::move(value), static_cast<std::uint32_t>(i + 1));
  }
  return out;
}

// The header's declared charset must be one whose bytes we can take as UTF-8.
void check_charset(const Catalog& catalog, std::string_view text, const std::string& path,
                   std::vector<PoProblem>& problems) {
  std::string type = catalog.header_field("Content-Type");
  std::size_t at = type.find("charset=");
  if (at == std::string::npos) return;
  std::string charset = type.substr(at + 8);
  std::string lower = charset;
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  // "CHARSET" is the placeholder of a template nobody has edited yet.
  if (lower == "utf-8" || lower == "utf8" || lower == "ascii" || lower == "us-ascii" ||
      lower == "charset")
    return;
  std::uint32_t line = 0;
  if (std::size_t pos = text.find("Content-Type:"); pos != std::string_view::npos)
    line = static_cast<std::uint32_t>(std::count(text.begin(), text.begin() + pos, '\n') + 1);
  problems.push_back({Severity::error, path, line, 0,
                      fmt::format("the file declares charset {}; translations must be saved "
                                  "as UTF-8",
                                  charset)});
}

// [SECTION] messages -> entries

std::string text_of(const char* s) {
  return s != nullptr ? s : "";
}

CatalogEntry entry_of(po_message_t m) {
  CatalogEntry e;
  e.line_id = text_of(po_message_msgctxt(m));
  e.source = text_of(po_message_msgid(m));
  e.translation = text_of(po_message_msgstr(m));
  e.fuzzy = po_message_is_fuzzy(m) != 0;
  e.obsolete = po_message_is_obsolete(m) != 0;
  e.previous_source = text_of(po_message_prev_msgid(m));
  e.kind = text_of(po_message_extracted_comments(m));
  e.translator_comment = text_of(po_message_comments(m));
  while (!e.kind.empty() && e.kind.back() == '\n') e.kind.pop_back();
  while (!e.translator_comment.empty() && e.translator_comment.back() == '\n')
    e.translator_comment.pop_back();
  if (po_filepos_t pos = po_message_filepos(m, 0); pos != nullptr) {
    e.reference_file = text_of(po_filepos_file(pos));
    std::size_t line = po_filepos_start_line(pos);
    e.reference_line = line == static_cast<std::size_t>(-1) ? 0 : static_cast<std::uint32_t>(line);
  }
  return e;
}

Catalog catalog_of(po_file_t file, std::string_view text, const std::string& path,
                   const ReadOptions& options, std::vector<PoProblem>& problems) {
  Catalog catalog;
  auto lines = msgctxt_lines(text);
  po_message_iterator_t it = po_message_iterator(file, nullptr);
  while (po_message_t m = po_next_message(it)) {
    const char* context = po_message_msgctxt(m);
    if (context == nullptr && text_of(po_message_msgid(m)).empty()) {
      if (po_message_is_obsolete(m) == 0) catalog.header = text_of(po_message_msgstr(m));
      continue;
    }
    if (po_message_is_obsolete(m) != 0 && !options.keep_obsolete) continue;
    CatalogEntry e = entry_of(m);
    if (auto found = lines.find(e.line_id); found != lines.end() && !e.obsolete)
      e.po_line = found->second;
    if (context == nullptr || po_message_msgid_plural(m) != nullptr) {
      problems.push_back({Severity::warning, path, 0, 0,
                          fmt::format("the entry \"{}\" is ignored: {}", e.source,
                                      context == nullptr ? "it has no msgctxt (the scene's line id)"
                                                         : "scenes do not use plural forms")});
      continue;
    }
    catalog.entries.push_back(std::move(e));
  }
  po_message_iterator_free(it);
  std::stable_partition(catalog.entries.begin(), catalog.entries.end(),
                        [](const CatalogEntry& e) { return !e.obsolete; });
  return catalog;
}

}  // namespace

// [SECTION] read_catalog

Result<Catalog> read_catalog(const std::string& path, const ReadOptions& options,
                             std::vector<PoProblem>* problems_out) {
  std::vector<PoProblem> local;
  std::vector<PoProblem>& problems = problems_out != nullptr ? *problems_out : local;
  std::size_t first = problems.size();
  auto text = read_file(path);
  if (!text) return fail(text.error().message);
  if (auto [line, column] = first_invalid_utf8(*text); line > 0) {
    problems.push_back({Severity::error, path, line, column,
                        "the file is not valid UTF-8; save it with the UTF-8 encoding"});
    return fail(
        located_errors({problems.begin() + static_cast<std::ptrdiff_t>(first), problems.end()}));
  }
  po_file_t file = detail::guarded_read(path, problems);
  std::optional<Catalog> catalog;
  if (file != nullptr) {
    catalog = catalog_of(file, *text, path, options, problems);
    po_file_free(file);
    check_charset(*catalog, *text, path, problems);
  } else if (problems.size() == first) {
    problems.push_back({Severity::error, path, 0, 0, "libgettextpo cannot read the file"});
  }
  std::vector<PoProblem> mine(problems.begin() + static_cast<std::ptrdiff_t>(first),
                              problems.end());
  std::string errors = located_errors(mine);
  if (!errors.empty() || !catalog) return fail(errors);
  return std::move(*catalog);
}

}  // namespace trialxr::l10n
