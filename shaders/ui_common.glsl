// World-space interface quads (text glyphs, rounded panels, leader lines), read by
// ui.vert and ui.frag. The C++ mirror is gpu::UiQuadData in engine/render/src/gpu_types.h.
//
// set 0 binding 4   quads[]        set 2 binding 0   the language's SDF glyph atlas
#ifndef TRIALXR_UI_COMMON_GLSL
#define TRIALXR_UI_COMMON_GLSL

const uint kUiGlyph = 0u;  // uv: atlas rect; outline: rgb colour, w outline width (field units)
const uint kUiPanel = 1u;  // uv: width, height, corner radius, border (metres); outline: border
const uint kUiLine = 2u;   // a solid ribbon

struct UiQuad {
  vec4 origin;   // xyz top-left corner in the world
  vec4 right;    // xyz the full top edge
  vec4 down;     // xyz the full left edge
  vec4 uv;
  vec4 color;    // linear RGBA, straight alpha
  vec4 outline;
  uvec4 mode;    // x kind
};
layout(set = 0, binding = 4, std430) readonly buffer UiQuads { UiQuad quads[]; };

#endif
