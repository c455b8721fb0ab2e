// Fragment stage of the interface pass. Glyphs: the signed distance field (0.5 on the
// outline) with screen-space antialiasing and an outline band for contrast against any
// background. Panels: a rounded rectangle's exact distance in metres, with a border.
#version 450
#include "common.glsl"
#include "ui_common.glsl"

layout(set = 2, binding = 0) uniform sampler2D atlas;

layout(location = 0) in vec2 v_uv;
layout(location = 1) flat in uint v_quad;
layout(location = 0) out vec4 out_color;

void main() {
  UiQuad q = quads[v_quad];
  vec4 color = q.color;
  if (q.mode.x == kUiGlyph) {
    float d = texture(atlas, v_uv).r;
    float w = clamp(fwidth(d), 1e-4, 0.2) * 0.75;
    float fill = smoothstep(0.5 - w, 0.5 + w, d);
    float edge = 0.5 - q.outline.w;
    float coverage = smoothstep(edge - w, edge + w, d);
    color = vec4(mix(q.outline.rgb, q.color.rgb, fill), coverage * q.color.a);
  } else if (q.mode.x == kUiPanel) {
    vec2 half_size = q.uv.xy * 0.5;
    float radius = min(q.uv.z, min(half_size.x, half_size.y));
    vec2 e = abs(v_uv - half_size) - (half_size - radius);
    float dist = length(max(e, 0.0)) + min(max(e.x, e.y), 0.0) - radius;  // < 0 inside
    // Bounded: on lavapipe the derivatives along a quad's diagonal come out far too large.
    float w = clamp(fwidth(dist), 1e-6, 0.003);
    float inside = 1.0 - smoothstep(-w, w, dist);
    float border = q.uv.w > 0.0 ? smoothstep(-q.uv.w - w, -q.uv.w + w, dist) : 0.0;
    color = vec4(mix(q.color.rgb, q.outline.rgb, border),
                 inside * mix(q.color.a, q.outline.a, border));
  }
  if (color.a <= 0.0) discard;
  out_color = vec4(encode_output(color.rgb), color.a);
}
