// Vertex stage for every mesh pass. Attributes are pulled from the GEOM storage buffer
// at the primitive's stream offsets (absent streams get glTF defaults), morph target
// deltas are added with the draw's weights, then the vertex is skinned by the draw's
// joint matrices (which already include the world transform) or moved by its world
// matrix. The outline pass pushes the vertex outwards in screen space by the outline
// width in pixels, along its normal as seen on screen blended with the direction away
// from the mesh's projected centre.
#version 450
#ifdef MULTIVIEW
#extension GL_EXT_multiview : require
#endif
#include "common.glsl"

#define VARYING out
#include "varyings.glsl"

float word_f(uint i) { return uintBitsToFloat(geom[i]); }
vec2 read2(uint base, uint v) { uint i = base + v * 2u; return vec2(word_f(i), word_f(i + 1u)); }
vec3 read3(uint base, uint v) {
  uint i = base + v * 3u;
  return vec3(word_f(i), word_f(i + 1u), word_f(i + 2u));
}
vec4 read4(uint base, uint v) {
  uint i = base + v * 4u;
  return vec4(word_f(i), word_f(i + 1u), word_f(i + 2u), word_f(i + 3u));
}
uvec4 read_joints(uint base, uint v) {  // uint16 x 4
  uint a = geom[base + v * 2u];
  uint b = geom[base + v * 2u + 1u];
  return uvec4(a & 0xFFFFu, a >> 16, b & 0xFFFFu, b >> 16);
}

uint view_index() {
#ifdef MULTIVIEW
  return gl_ViewIndex;
#else
  return pc.flags & kFlagViewMask;
#endif
}

void main() {
  DrawData d = draws[pc.draw];
  PrimitiveData p = primitives[pc.primitive];
  uint v = uint(gl_VertexIndex);

  vec3 position = read3(p.attr_a.x, v);
  vec3 normal = p.attr_a.y != kNone ? read3(p.attr_a.y, v) : vec3(0.0, 0.0, 1.0);
  vec4 tangent = p.attr_a.z != kNone ? read4(p.attr_a.z, v) : vec4(0.0);
  v_uv0 = p.attr_a.w != kNone ? read2(p.attr_a.w, v) : vec2(0.0);
  v_uv1 = p.attr_b.x != kNone ? read2(p.attr_b.x, v) : vec2(0.0);
  v_color = p.attr_b.y != kNone ? read4(p.attr_b.y, v) : vec4(1.0);

  // Morph targets: weights past the draw's count are zero.
  for (uint t = 0u; t < p.morph.y; ++t) {
    float w = t < d.skin.w ? morph_weights[d.skin.z + t] : 0.0;
    if (w == 0.0) continue;
    uvec4 o = targets[p.morph.x + t].offsets;
    if (o.x != kNone) position += w * read3(o.x, v);
    if (o.y != kNone) normal += w * read3(o.y, v);
    if (o.z != kNone) tangent.xyz += w * read3(o.z, v);
  }

  mat4 model = d.world;
  mat3 normal_matrix = mat3(d.normal_matrix);
  if (d.skin.y > 0u && p.attr_b.z != kNone && p.attr_b.w != kNone) {
    uvec4 j = min(read_joints(p.attr_b.z, v), uvec4(d.skin.y - 1u)) + d.skin.x;
    vec4 w = read4(p.attr_b.w, v);
    model = w.x * joint_matrices[j.x] + w.y * joint_matrices[j.y] +
            w.z * joint_matrices[j.z] + w.w * joint_matrices[j.w];
    normal_matrix = mat3(model);  // joints are rigid (uniform scale at most)
  }

  uint view = view_index();
  vec4 world = model * vec4(position, 1.0);
  vec4 clip = frame.view_proj[view] * world;

  if ((pc.flags & kFlagOutline) != 0u) {
    // Along the vertex normal as seen on screen, so thin long parts (a vein) get an
    // outline all along their sides, with some of the direction away from the projected
    // centre so that hard edges (split normals) do not open cracks at corners.
    vec4 c = frame.view_proj[view] * vec4(d.center.xyz, 1.0);
    vec2 ndc = clip.xy / max(clip.w, 1e-4);
    vec2 centre = c.xy / max(c.w, 1e-4);
    vec2 away_px = (ndc - centre) * frame.viewport.xy;
    vec2 radial = dot(away_px, away_px) > 1e-8 ? normalize(away_px) : vec2(0.0);
    vec2 normal_px = (frame.view_proj[view] * vec4(normal_matrix * normal, 0.0)).xy * frame.viewport.xy;
    vec2 along = dot(normal_px, normal_px) > 1e-8 ? normalize(normal_px) : vec2(0.0);
    vec2 mixed = along + 0.35 * radial;
    vec2 dir = dot(mixed, mixed) > 1e-8 ? normalize(mixed) : radial;
    clip.xy += dir * frame.params.z * 2.0 * frame.viewport.zw * clip.w;
  }

  v_world = world.xyz;
  v_normal = normal_matrix * normal;
  v_tangent = vec4(mat3(model) * tangent.xyz, tangent.w);
  v_eye = frame.eye[view].xyz;
  gl_Position = clip;
}
