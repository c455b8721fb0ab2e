// Bindings and data layouts shared by the renderer's shaders. The C++ mirrors live in
// engine/render/src/gpu_types.h; keep the two in step (std140/std430, vec4-aligned).
//
// set 0 (per frame)    0 FrameUbo   1 draws[]   2 joint matrices[]   3 morph weights[]
// set 1 (per scene)    0 GEOM words 1 primitives[] 2 morph targets[] 3 materials[]
// set 2 (per material) 0 base colour 1 metal-rough 2 normal 3 occlusion 4 emissive
#ifndef TRIALXR_COMMON_GLSL
#define TRIALXR_COMMON_GLSL

const uint kNone = 0xFFFFFFFFu;
const uint kAlphaOpaque = 0u;
const uint kAlphaMask = 1u;
const uint kAlphaBlend = 2u;
const uint kFlagOutline = 0x100u;        // Push.flags: extrude for the highlight outline
const uint kFlagHighlightPass = 0x200u;  // Push.flags: stencil mark / outline colour
const uint kFlagViewMask = 0xFFu;  // Push.flags: the view (single-view passes)

layout(set = 0, binding = 0, std140) uniform FrameUbo {
  mat4 view_proj[2];
  vec4 eye[2];            // xyz eye position in world space
  vec4 light_dir;         // xyz: direction the key light travels (normalised)
  vec4 light_color;       // rgb linear radiance (already times pi)
  vec4 sky_color;         // rgb hemisphere ambient from above
  vec4 ground_color;      // rgb hemisphere ambient from below
  vec4 highlight_color;   // rgb linear warm highlight colour
  vec4 params;            // x time s, y pulse 0..1, z outline width px, w 1 = encode sRGB
  vec4 viewport;          // xy size in pixels, zw 1 / size
} frame;

struct DrawData {
  mat4 world;
  mat4 normal_matrix;  // inverse transpose of world (upper 3x3 used)
  vec4 center;         // xyz world-space centre of the mesh bounds, w opacity
  vec4 misc;           // x highlight 0/1
  uvec4 skin;          // first joint matrix, joint count, first morph weight, weight count
};
layout(set = 0, binding = 1, std430) readonly buffer Draws { DrawData draws[]; };
layout(set = 0, binding = 2, std430) readonly buffer Joints { mat4 joint_matrices[]; };
layout(set = 0, binding = 3, std430) readonly buffer Weights { float morph_weights[]; };

struct PrimitiveData {
  uvec4 attr_a;  // word offsets into GEOM: position, normal, tangent, texcoord0 (kNone: absent)
  uvec4 attr_b;  // texcoord1, color0, joints0, weights0
  uvec4 morph;   // x first target, y target count
};
struct TargetData {
  uvec4 offsets;  // word offsets of position, normal, tangent deltas (kNone: absent)
};
struct MaterialData {
  vec4 base_color;  // linear RGBA
  vec4 emissive;    // rgb, w alpha cutoff
  vec4 factors;     // metallic, roughness, normal scale, occlusion strength
  uvec4 modes;      // x alpha mode, y double-sided, z uv set per slot (bit i), w texture present (bit i)
};
layout(set = 1, binding = 0, std430) readonly buffer Geometry { uint geom[]; };
layout(set = 1, binding = 1, std430) readonly buffer Primitives { PrimitiveData primitives[]; };
layout(set = 1, binding = 2, std430) readonly buffer Targets { TargetData targets[]; };
layout(set = 1, binding = 3, std430) readonly buffer Materials { MaterialData materials[]; };

layout(push_constant) uniform Push {
  uint draw;       // into draws[]
  uint primitive;  // into primitives[]
  uint material;   // into materials[] (the default material is the last one)
  uint flags;      // kFlagViewMask | kFlagOutline | kFlagHighlightPass
} pc;

// The exact sRGB transfer function (IEC 61966-2-1), for UNORM targets.
vec3 linear_to_srgb(vec3 c) {
  c = clamp(c, 0.0, 1.0);
  vec3 lo = c * 12.92;
  vec3 hi = 1.055 * pow(c, vec3(1.0 / 2.4)) - 0.055;
  return mix(hi, lo, lessThanEqual(c, vec3(0.0031308)));
}

vec3 encode_output(vec3 linear) {
  return frame.params.w > 0.5 ? linear_to_srgb(linear) : linear;
}

#endif
