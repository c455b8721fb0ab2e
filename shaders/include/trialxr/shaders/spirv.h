// The renderer's shaders as SPIR-V words, compiled from shaders/*.{vert,frag} by glslc
// at build time and embedded (shaders/CMakeLists.txt lists them).
#pragma once

#include <cstdint>
#include <span>

namespace trialxr::shaders {

extern const std::span<const std::uint32_t> mesh_vert;            // one view per pass
extern const std::span<const std::uint32_t> mesh_multiview_vert;  // gl_ViewIndex (multiview)
extern const std::span<const std::uint32_t> pbr_frag;  // surfaces, rim glow, outline colour

}  // namespace trialxr::shaders
