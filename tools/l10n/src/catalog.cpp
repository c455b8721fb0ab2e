#include "trialxr/l10n/catalog.h"

namespace trialxr::l10n {

namespace {

// The header's lines as (start, end) offsets, without their '\n'.
template <class F>
void for_each_header_line(std::string_view header, F&& f) {
  std::size_t start = 0;
  while (start < header.size()) {
    std::size_t end = header.find('\n', start);
    if (end == std::string_view::npos) end = header.size();
    if (f(start, end)) return;
    start = end + 1;
  }
}

bool names_field(std::string_view line, std::string_view name) {
  return line.size() > name.size() && line.substr(0, name.size()) == name &&
         line[name.size()] == ':';
}

}  // namespace

const CatalogEntry* Catalog::find(std::string_view line_id) const {
  for (const CatalogEntry& e : entries)
    if (!e.obsolete && e.line_id == line_id) return &e;
  return nullptr;
}

std::string Catalog::header_field(std::string_view name) const {
  std::string value;
  std::string_view text = header;
  for_each_header_line(text, [&](std::size_t start, std::size_t end) {
    std::string_view line = text.substr(start, end - start);
    if (!names_field(line, name)) return false;
    std::string_view rest = line.substr(name.size() + 1);
    while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
    value = rest;
    return true;
  });
  return value;
}

std::string set_header_field(std::string_view header, std::string_view name,
                             std::string_view value) {
  std::string field = std::string(name) + ": " + std::string(value);
  std::string out;
  bool replaced = false;
  for_each_header_line(header, [&](std::size_t start, std::size_t end) {
    std::string_view line = header.substr(start, end - start);
    if (!replaced && names_field(line, name)) {
      out += field;
      replaced = true;
    } else {
      out += line;
    }
    out += '\n';
    return false;
  });
  if (!replaced) out += field + "\n";
  return out;
}

}  // namespace trialxr::l10n
