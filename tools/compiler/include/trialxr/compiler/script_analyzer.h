// Turns the syntax tree into a SceneModel: which words exist, what each takes, and
// the rules that need no assets (names unique, steps exist, every string has a line
// id, quizzes well formed, comfort limits). Every problem goes to `diags`; the model
// is complete enough for the next stage whenever diags has no errors.
#pragma once

#include <vector>

#include "trialxr/compiler/scene_model.h"
#include "trialxr/compiler/script_syntax.h"
#include "trialxr/core/diagnostic.h"

namespace trialxr::compiler {

SceneModel analyze_script(const std::string& file, const std::vector<Statement>& statements,
                          Diagnostics& diags);

// Words the language knows, for "did you mean" hints and the documentation.
const std::vector<std::string>& top_level_words();
const std::vector<std::string>& cue_words();

}  // namespace trialxr::compiler
