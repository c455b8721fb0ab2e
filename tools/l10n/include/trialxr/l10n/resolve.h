// Resolving: what each line shows in a language, given the language's catalog. A line
// without a reviewed translation of its current text falls back to the base text,
// visibly: missing when there is no translation, stale when the translation is fuzzy or
// was made for a different base text (the product rule: never show an outdated
// translation as if it were current).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "trialxr/l10n/catalog.h"
#include "trialxr/l10n/source_string.h"

namespace trialxr::l10n {

enum class TextStatus : std::uint8_t {
  translated,  // the msgstr of a current, reviewed entry
  missing,     // no entry, or an empty msgstr: the base text
  stale,       // fuzzy, or the msgid is not the current base text: the base text
};

struct ResolvedText {
  std::string text;
  TextStatus status = TextStatus::missing;
  const CatalogEntry* entry = nullptr;  // into the catalog; nullptr when there is none
};

// One result per string, in order. A string with empty text resolves to itself.
std::vector<ResolvedText> resolve(std::span<const SourceString> strings, const Catalog& catalog);

}  // namespace trialxr::l10n
