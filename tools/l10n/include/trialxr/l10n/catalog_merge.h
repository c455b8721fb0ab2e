// Making the template (POT) of a scene's strings and bringing a language's catalog up
// to date with it, as msgmerge does:
//
// - a line whose base text is unchanged keeps its translation (and its fuzzy flag);
// - a line whose base text changed keeps the old translation, marked fuzzy, with the
//   text it was made for as the previous msgid (`#| msgid`), for the translator to review;
// - a new line gets an empty translation;
// - an entry whose line is gone from the script becomes obsolete (`#~`); obsolete entries
//   come back to life when their line id returns.
//
// The header keeps the translator's fields (Last-Translator, PO-Revision-Date …) and gets
// Project-Id-Version, Language and the UTF-8 Content-Type. No timestamps are added, so
// the same script gives the same files.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <vector>

#include "trialxr/core/result.h"
#include "trialxr/l10n/catalog.h"
#include "trialxr/l10n/po_problem.h"
#include "trialxr/l10n/source_string.h"

namespace trialxr::l10n {

struct CatalogInfo {
  std::string project;   // Project-Id-Version: the scene id and content version
  std::string language;  // Language; empty for a template
};

// What an update found, per line of the script; the first four add up to the lines.
struct UpdateSummary {
  std::size_t translated = 0;    // a reviewed translation of the current text
  std::size_t added = 0;         // new in this update, not translated
  std::size_t untranslated = 0;  // already in the file, still not translated
  std::size_t stale = 0;         // fuzzy: translated from another text, or marked for review
  std::size_t obsolete = 0;      // entries for lines no longer in the script
  bool created = false;          // there was no file before
};

// The template: every string with an empty translation. Strings with empty text have
// nothing to translate and are left out.
Catalog make_template(const CatalogInfo& info, std::span<const SourceString> strings);

// `old` brought up to date with `strings`; `old` may be empty (a new language).
Catalog merge_catalog(const Catalog& old, const CatalogInfo& info,
                      std::span<const SourceString> strings, UpdateSummary* summary = nullptr);

// Reads the PO file at `path` (obsolete entries included) when it exists, merges and
// writes it back. A file that cannot be read or parsed is left untouched and reported;
// `problems`, when given, receives what the read found, located.
Result<UpdateSummary> update_catalog_file(const std::string& path, const CatalogInfo& info,
                                          std::span<const SourceString> strings,
                                          std::vector<PoProblem>* problems = nullptr);

}  // namespace trialxr::l10n
