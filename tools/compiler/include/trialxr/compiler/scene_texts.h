// The patient-visible texts of a scene, in the order the bundle's LINE table has them:
// the title, then each step's cues in script order (a quiz's question, then each option
// and its feedback). Line ids key them in the translation files.
#pragma once

#include <string_view>
#include <vector>

#include "trialxr/compiler/scene_model.h"
#include "trialxr/l10n/source_string.h"

namespace trialxr::compiler {

std::vector<Text> scene_texts(const SceneModel& model);

// What a line is, in the words a translator sees: "subtitle", "label", "quiz option".
std::string_view line_kind_label(bundle::LineKind kind);

// The texts as translation files know them; references name `reference_file`, the
// script as seen from the folder the translation files are in.
std::vector<l10n::SourceString> source_strings(const SceneModel& model,
                                               std::string_view reference_file);

}  // namespace trialxr::compiler
