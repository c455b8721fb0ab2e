#include "trialxr/l10n/resolve.h"

namespace trialxr::l10n {

std::vector<ResolvedText> resolve(std::span<const SourceString> strings, const Catalog& catalog) {
  std::vector<ResolvedText> out;
  out.reserve(strings.size());
  for (const SourceString& s : strings) {
    ResolvedText r;
    r.text = s.text;
    r.entry = catalog.find(s.line_id);
    if (s.text.empty()) {
      r.status = TextStatus::translated;  // nothing to translate
    } else if (r.entry == nullptr || r.entry->translation.empty()) {
      r.status = TextStatus::missing;
    } else if (r.entry->fuzzy || r.entry->source != s.text) {
      r.status = TextStatus::stale;
    } else {
      r.status = TextStatus::translated;
      r.text = r.entry->translation;
    }
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace trialxr::l10n
