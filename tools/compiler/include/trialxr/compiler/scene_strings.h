// `trialxr-build strings` as a library function: reads a script, writes the template of
// its strings (NAME.pot) and creates or updates NAME.LANG.po for every language after
// the base one, keeping the translations already made (see l10n/catalog_merge.h).
#pragma once

#include <string>
#include <vector>

#include "trialxr/compiler/scene_model.h"
#include "trialxr/core/diagnostic.h"
#include "trialxr/core/result.h"
#include "trialxr/core/source_file.h"
#include "trialxr/l10n/catalog_merge.h"

namespace trialxr::compiler {

struct CatalogUpdate {
  std::string language;
  std::string path;
  l10n::UpdateSummary summary;
};

struct StringsResult {
  Diagnostics diags;
  SourceFile script;
  SceneModel model;
  std::string template_path;            // empty when nothing was written
  std::size_t string_count = 0;         // entries in the template
  std::vector<CatalogUpdate> catalogs;  // the PO files written, in language order

  bool ok() const { return !diags.has_errors(); }
  // The diagnostics rendered with source lines and carets.
  std::string rendered() const;
};

// A script with errors writes nothing. A PO file that cannot be parsed is reported
// (TX0701) and left as it is; the other files are still written. Fails only when the
// script cannot be read or a file cannot be written.
Result<StringsResult> write_scene_strings(const std::string& script_path);

}  // namespace trialxr::compiler
