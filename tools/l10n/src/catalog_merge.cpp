#include "trialxr/l10n/catalog_merge.h"

#include <filesystem>
#include <set>

#include "trialxr/l10n/po_reader.h"
#include "trialxr/l10n/po_writer.h"

namespace trialxr::l10n {

namespace {

std::string header_for(std::string_view old, const CatalogInfo& info) {
  std::string h(old);
  h = set_header_field(h, "Project-Id-Version", info.project);
  h = set_header_field(h, "Language", info.language);
  h = set_header_field(h, "MIME-Version", "1.0");
  h = set_header_field(h, "Content-Type", "text/plain; charset=UTF-8");
  h = set_header_field(h, "Content-Transfer-Encoding", "8bit");
  return h;
}

CatalogEntry entry_for(const SourceString& s) {
  CatalogEntry e;
  e.line_id = s.line_id;
  e.source = s.text;
  e.kind = s.kind;
  e.reference_file = s.file;
  e.reference_line = s.line;
  return e;
}

// The old entry for a line: the live one, else an obsolete one that can come back.
const CatalogEntry* old_entry(const Catalog& old, std::string_view line_id) {
  if (const CatalogEntry* live = old.find(line_id)) return live;
  for (const CatalogEntry& e : old.entries)
    if (e.obsolete && e.line_id == line_id) return &e;
  return nullptr;
}

// Carries the old translation over to the line's current entry, as msgmerge does.
void carry_over(const CatalogEntry& old, CatalogEntry& e) {
  e.translator_comment = old.translator_comment;
  e.translation = old.translation;
  if (e.translation.empty()) return;  // nothing to review
  if (old.source == e.source) {
    e.fuzzy = old.fuzzy;
    if (e.fuzzy) e.previous_source = old.previous_source;
    return;
  }
  // The base text changed: the translation is of the text it was last made for.
  e.fuzzy = true;
  e.previous_source = old.fuzzy && !old.previous_source.empty() ? old.previous_source : old.source;
}

}  // namespace

Catalog make_template(const CatalogInfo& info, std::span<const SourceString> strings) {
  Catalog pot;
  pot.header = header_for("", info);
  for (const SourceString& s : strings)
    if (!s.text.empty()) pot.entries.push_back(entry_for(s));
  return pot;
}

Catalog merge_catalog(const Catalog& old, const CatalogInfo& info,
                      std::span<const SourceString> strings, UpdateSummary* summary) {
  UpdateSummary counts;
  Catalog merged;
  merged.header = header_for(old.header, info);
  std::set<std::string, std::less<>> current;
  for (const SourceString& s : strings) {
    if (s.text.empty()) continue;
    current.insert(s.line_id);
    CatalogEntry e = entry_for(s);
    const CatalogEntry* before = old_entry(old, s.line_id);
    if (before != nullptr) carry_over(*before, e);
    if (e.fuzzy) {
      ++counts.stale;
    } else if (!e.translation.empty()) {
      ++counts.translated;
    } else if (before != nullptr) {
      ++counts.untranslated;
    } else {
      ++counts.added;
    }
    merged.entries.push_back(std::move(e));
  }
  // Lines that left the script keep their translations as obsolete entries, in case they
  // return; an obsolete entry without a translation holds nothing worth keeping.
  std::set<std::string, std::less<>> kept;
  for (const CatalogEntry& e : old.entries) {
    if (current.count(e.line_id) || e.translation.empty() || !kept.insert(e.line_id).second)
      continue;
    CatalogEntry gone = e;
    gone.obsolete = true;
    gone.reference_file.clear();
    gone.reference_line = 0;
    gone.po_line = 0;
    merged.entries.push_back(std::move(gone));
    ++counts.obsolete;
  }
  if (summary != nullptr) *summary = counts;
  return merged;
}

Result<UpdateSummary> update_catalog_file(const std::string& path, const CatalogInfo& info,
                                          std::span<const SourceString> strings,
                                          std::vector<PoProblem>* problems) {
  Catalog old;
  std::error_code ec;
  bool exists = std::filesystem::exists(path, ec);
  if (exists) {
    auto read = read_catalog(path, {.keep_obsolete = true}, problems);
    if (!read) return fail(read.error().message);
    old = std::move(*read);
  }
  UpdateSummary summary;
  Catalog merged = merge_catalog(old, info, strings, &summary);
  summary.created = !exists;
  if (auto written = write_catalog(path, merged); !written) return fail(written.error().message);
  return summary;
}

}  // namespace trialxr::l10n
