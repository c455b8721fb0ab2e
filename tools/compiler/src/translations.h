// Translations for the compiler: each line's text in each language after the base one,
// read from NAME.LANG.po beside the script and checked. In a preview build a missing
// file, a missing or a stale translation is a warning and the line shows the base text,
// marked (kTextMissing / kTextStale) so the player draws it visibly; in a release build
// each is an error. A malformed PO file is always an error.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "trialxr/compiler/scene_compiler.h"
#include "trialxr/compiler/script_syntax.h"
#include "trialxr/core/hash.h"

namespace trialxr::compiler {

// A recorded narration named in a PO file: a translator comment `# audio: FILE` on the
// line's entry, FILE relative to the PO file's folder.
struct NarrationFile {
  std::string name;  // as written
  std::string path;  // resolved against the PO file's folder
  std::string po_file;
  SourceLoc loc;  // of the name, in po_file
};

struct TranslatedText {
  std::string text;
  std::uint32_t flags = 0;  // bundle::LineTextFlags
  std::optional<NarrationFile> audio;
};

class Translations {
 public:
  // What line `t` shows in `language` (an index into the header's languages, after the
  // base): its translation, or the base text marked missing when there is none.
  TranslatedText text(const Text& t, std::size_t language) const;
  void set(const std::string& line_id, std::size_t language, TranslatedText text);

 private:
  std::map<std::pair<std::string, std::size_t>, TranslatedText> texts_;
};

// Reads and checks the PO file of every language after the base one. Each file read is
// added to `result.inputs` and to the source hash; problems go to `result.diags`.
Translations load_translations(const std::vector<Statement>& statements,
                               const CompileOptions& options, CompileResult& result,
                               Blake2b256& source_hash);

}  // namespace trialxr::compiler
