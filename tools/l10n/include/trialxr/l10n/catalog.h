// Catalog: a PO file (or a POT template) in memory. Each entry is keyed by its msgctxt,
// the scene's line id; its msgid is the base-language text and its msgstr the
// translation. The header entry (msgid "") is kept as its raw field text.
//
//   #. subtitle                      <- kind (extracted comment)
//   #: blood-draw.txs:71             <- reference
//   #, fuzzy                         <- fuzzy
//   #| msgid "You will feel a pinch." <- previous_source
//   msgctxt "pinch"                  <- line_id
//   msgid "You will feel a small pinch."
//   msgstr "您会感到轻微的刺痛。"
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace trialxr::l10n {

struct CatalogEntry {
  std::string line_id;      // msgctxt
  std::string source;       // msgid: the base-language text
  std::string translation;  // msgstr; empty when not translated
  bool fuzzy = false;       // the translation needs review
  bool obsolete = false;    // the line is no longer in the script (`#~`)
  // `#| msgid`: the base text the fuzzy translation was made for; empty when none.
  std::string previous_source;
  std::string kind;                // `#.`: what the text is ("subtitle", "label")
  std::string translator_comment;  // `# …`: the translator's own notes, kept on update
  std::string reference_file;      // `#: FILE:LINE`; empty when none
  std::uint32_t reference_line = 0;
  std::uint32_t po_line = 0;  // where the entry's msgctxt is in the file read; 0 unknown
};

struct Catalog {
  std::string header;                 // the header entry's msgstr: "Name: value\n" lines
  std::vector<CatalogEntry> entries;  // in file order; obsolete ones last

  // The live (not obsolete) entry for a line id, or nullptr.
  const CatalogEntry* find(std::string_view line_id) const;
  // A header field's value ("Language" -> "zh"); empty when absent.
  std::string header_field(std::string_view name) const;
};

// Sets a header field, adding it at the end when absent; returns the new header text.
std::string set_header_field(std::string_view header, std::string_view name,
                             std::string_view value);

}  // namespace trialxr::l10n
