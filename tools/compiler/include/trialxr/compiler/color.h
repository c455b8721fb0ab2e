// Colours in scripts: names, "#rrggbb" and sRGB numbers, all turned into linear RGBA
// (what glTF's baseColorFactor and the renderer expect).
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace trialxr::compiler {

float srgb_to_linear(float c);
// "skyblue", "#87ceeb", "#87ceebff" -> linear RGBA; nullopt when not a colour.
std::optional<std::array<float, 4>> parse_color(std::string_view text);
const std::vector<std::string>& color_names();

}  // namespace trialxr::compiler
