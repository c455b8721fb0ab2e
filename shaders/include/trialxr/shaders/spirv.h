// The renderer's shaders as SPIR-V words, compiled from shaders/*.{vert,frag} by glslc
// at build time and embedded (shaders/CMakeLists.txt lists them).
#pragma once

#include <cstdint>
#include <span>

namespace trialxr::shaders {

extern const std::span<const std::uint32_t> mesh_vert;            // one view per pass
extern const std::span<const std::uint32_t> mesh_multiview_vert;  // gl_ViewIndex (multiview)
extern const std::span<const std::uint32_t> pbr_frag;  // surfaces, rim glow, outline colour
extern const std::span<const std::uint32_t> ui_vert;  // interface quads, one view per pass
extern const std::span<const std::uint32_t> ui_multiview_vert;
extern const std::span<const std::uint32_t> ui_frag;  // SDF text, rounded panels, lines

}  // namespace trialxr::shaders
