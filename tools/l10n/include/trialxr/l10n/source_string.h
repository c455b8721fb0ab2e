// SourceString: one patient-visible text of a scene in its base language, as the
// translation files know it: the line id (the PO msgctxt), the text (the msgid) and where
// it comes from, for the translator.
#pragma once

#include <cstdint>
#include <string>

namespace trialxr::l10n {

struct SourceString {
  std::string line_id;  // "pinch"
  std::string text;     // the base-language text
  std::string kind;     // what the text is, for the translator: "subtitle", "quiz option"
  std::string file;     // the script, as the PO reference names it: "blood-draw.txs"
  std::uint32_t line = 0;
};

}  // namespace trialxr::l10n
