// Text lowering: every line in every language shaped, broken into lines and laid out
// for its kind (bundle/presentation.h), each language's glyphs in one SDF atlas, and the
// checks that need fonts: characters no font has, readability at the distance the text
// is seen from, subtitles that run too long.
#pragma once
#include <string>
#include <vector>

#include "trialxr/compiler/bundle_content.h"
#include "trialxr/compiler/scene_model.h"
#include "trialxr/core/diagnostic.h"

namespace trialxr::compiler {

// Where a line stands in the script, and for text anchored in the scene (labels) how far
// from the viewer's eye it is placed. Indexed like BundleContent::lines.
struct LineSource {
  SourceLoc loc;
  float distance = 0.0f;  // metres; 0 = the kind's fixed panel distance
};

// Appends the player's own button lines ("ui.continue", "ui.ask") with their built-in
// texts for each of the scene's languages (English, marked missing, for a language the
// player has no text for).
void add_ui_lines(const SceneHeader& header, BundleContent& content,
                  std::vector<LineSource>& sources);

// Fills FONT, GLYF, TLAY and TGLY and appends each language's atlas texture. Returns the
// font files the layouts use, for the source hash and the list of inputs.
std::vector<std::string> lower_text(const SceneHeader& header,
                                    const std::vector<LineSource>& sources, BundleContent& content,
                                    Diagnostics& diags, const std::string& file);

}  // namespace trialxr::compiler
