// Vertex stage of the interface pass: six vertices per quad, the quad chosen by the
// instance index; glyphs pass their atlas coordinates on, panels their position in metres.
#version 450
#ifdef MULTIVIEW
#extension GL_EXT_multiview : require
#endif
#include "common.glsl"
#include "ui_common.glsl"

layout(location = 0) out vec2 v_uv;
layout(location = 1) flat out uint v_quad;

const vec2 kCorners[6] =
    vec2[](vec2(0, 0), vec2(1, 0), vec2(0, 1), vec2(0, 1), vec2(1, 0), vec2(1, 1));

void main() {
  UiQuad q = quads[gl_InstanceIndex];
  vec2 c = kCorners[gl_VertexIndex];
  vec3 p = q.origin.xyz + c.x * q.right.xyz + c.y * q.down.xyz;
#ifdef MULTIVIEW
  uint view = gl_ViewIndex;
#else
  uint view = pc.flags & kFlagViewMask;
#endif
  gl_Position = frame.view_proj[view] * vec4(p, 1.0);
  v_uv = q.mode.x == kUiGlyph ? mix(q.uv.xy, q.uv.zw, c) : c * q.uv.xy;
  v_quad = uint(gl_InstanceIndex);
}
