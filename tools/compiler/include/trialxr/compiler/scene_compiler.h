// The compiler's front door: a script path in, a checked BundleContent and every
// diagnostic out. Parses and analyses the script, loads and checks every asset it
// names (models, images), resolves names (objects, parts, clips, steps) and lowers the
// scene into bundle tables. All problems of a run are reported together.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "trialxr/compiler/bundle_content.h"
#include "trialxr/compiler/scene_model.h"
#include "trialxr/core/diagnostic.h"
#include "trialxr/core/result.h"
#include "trialxr/core/source_file.h"

namespace trialxr::compiler {

struct CompileResult {
  Diagnostics diags;
  SourceFile script;
  SceneModel model;
  std::vector<std::string> inputs;  // the script and every asset file read, in order of use
  BundleContent content;            // complete only when diags has no errors

  bool ok() const { return !diags.has_errors(); }
  // The diagnostics rendered with source lines and carets.
  std::string rendered() const;
};

struct CompileOptions {
  // A release build refuses a language without its PO file, and missing or stale
  // translations (TX0700, TX0702, TX0703); a preview build warns and shows the base
  // text, marked, in their place.
  bool release = false;
  // Refuse synthesised narration (TX0904): every `say` line in every language must name
  // a recording. For the release of a scene to patients once recordings exist.
  bool require_recorded_narration = false;
};

// Fails only when the script itself cannot be read; everything else is a diagnostic.
Result<CompileResult> compile_scene(const std::string& script_path,
                                    const CompileOptions& options = {});

// The compiler's version string, stored in every bundle's metadata.
std::string_view compiler_version();

}  // namespace trialxr::compiler
