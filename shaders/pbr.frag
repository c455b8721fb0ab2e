// glTF metallic-roughness shading.
//   base colour = factor * texture (sRGB texture decoded by the sampler) * vertex colour
//   metallic = factor * texture.b, roughness = factor * texture.g (glTF packing)
//   normal map in tangent space (scale on xy); without a tangent stream the tangent
//   frame comes from screen-space derivatives of position and UV
//   occlusion = 1 + strength * (texture.r - 1), applied to the environment term only
//   emissive = factor * texture
// Light: one directional key light (GGX / Smith-Schlick / Schlick Fresnel, Lambert
// diffuse) plus a hemisphere environment: diffuse from sky/ground by the normal and a
// specular reflection of the same hemisphere weighted by Karis' analytic environment
// BRDF. Alpha: opaque forces 1, mask discards below the cutoff and then forces 1, blend
// keeps it; the draw's opacity multiplies the result. The output is linear for sRGB
// targets (the hardware encodes) and sRGB-encoded in the shader for UNORM targets.
// The highlight passes (stencil mark, outline) take the outline colour instead.
#version 450
#include "common.glsl"

#define VARYING in
#include "varyings.glsl"
#include "outline.glsl"

layout(set = 2, binding = 0) uniform sampler2D base_color_tex;
layout(set = 2, binding = 1) uniform sampler2D metal_rough_tex;
layout(set = 2, binding = 2) uniform sampler2D normal_tex;
layout(set = 2, binding = 3) uniform sampler2D occlusion_tex;
layout(set = 2, binding = 4) uniform sampler2D emissive_tex;

layout(location = 0) out vec4 out_color;

const float kPi = 3.14159265358979;
const uint kSlotBase = 0u, kSlotMetalRough = 1u, kSlotNormal = 2u, kSlotOcclusion = 3u,
           kSlotEmissive = 4u;

vec2 slot_uv(MaterialData m, uint slot) {
  return ((m.modes.z >> slot) & 1u) != 0u ? v_uv1 : v_uv0;
}
bool has_texture(MaterialData m, uint slot) { return ((m.modes.w >> slot) & 1u) != 0u; }

vec3 shading_normal(MaterialData m, vec3 n) {
  if (!has_texture(m, kSlotNormal)) return n;
  vec2 uv = slot_uv(m, kSlotNormal);
  vec3 t = normalize(texture(normal_tex, uv).xyz * 2.0 - 1.0);
  t.xy *= m.factors.z;
  vec3 tangent;
  vec3 bitangent;
  if (v_tangent.w != 0.0 && dot(v_tangent.xyz, v_tangent.xyz) > 1e-12) {
    tangent = normalize(v_tangent.xyz - n * dot(n, v_tangent.xyz));
    bitangent = cross(n, tangent) * sign(v_tangent.w);
  } else {  // cotangent frame from derivatives (no tangent stream)
    vec3 dp1 = dFdx(v_world), dp2 = dFdy(v_world);
    vec2 duv1 = dFdx(uv), duv2 = dFdy(uv);
    vec3 dp2perp = cross(dp2, n), dp1perp = cross(n, dp1);
    tangent = dp2perp * duv1.x + dp1perp * duv2.x;
    bitangent = dp2perp * duv1.y + dp1perp * duv2.y;
    float scale = inversesqrt(max(max(dot(tangent, tangent), dot(bitangent, bitangent)), 1e-20));
    tangent *= scale;
    bitangent *= scale;
  }
  return normalize(mat3(tangent, bitangent, n) * t);
}

float ggx(float n_h, float a) {
  float a2 = a * a;
  float d = n_h * n_h * (a2 - 1.0) + 1.0;
  return a2 / (kPi * d * d);
}
float smith_schlick(float n_v, float n_l, float roughness) {
  float k = (roughness + 1.0) * (roughness + 1.0) / 8.0;
  return n_v / (n_v * (1.0 - k) + k) * n_l / (n_l * (1.0 - k) + k);
}
vec3 fresnel(vec3 f0, float v_h) { return f0 + (1.0 - f0) * pow(1.0 - v_h, 5.0); }

// Karis, "Physically Based Shading on Mobile" (2014): split-sum environment BRDF fit.
vec3 env_brdf(vec3 f0, float roughness, float n_v) {
  const vec4 c0 = vec4(-1.0, -0.0275, -0.572, 0.022);
  const vec4 c1 = vec4(1.0, 0.0425, 1.04, -0.04);
  vec4 r = roughness * c0 + c1;
  float a004 = min(r.x * r.x, exp2(-9.28 * n_v)) * r.x + r.y;
  vec2 ab = vec2(-1.04, 1.04) * a004 + r.zw;
  return f0 * ab.x + ab.y;
}

vec3 hemisphere(vec3 dir) {
  return mix(frame.ground_color.rgb, frame.sky_color.rgb, clamp(dir.y * 0.5 + 0.5, 0.0, 1.0));
}

void main() {
  if ((pc.flags & kFlagHighlightPass) != 0u) {
    out_color = outline_color();
    return;
  }
  MaterialData m = materials[pc.material];
  DrawData d = draws[pc.draw];

  vec4 base = m.base_color * v_color * texture(base_color_tex, slot_uv(m, kSlotBase));
  float alpha = base.a;
  if (m.modes.x == kAlphaMask) {
    if (alpha < m.emissive.w) discard;
    alpha = 1.0;
  } else if (m.modes.x == kAlphaOpaque) {
    alpha = 1.0;
  }
  alpha *= d.center.w;

  vec3 mr = texture(metal_rough_tex, slot_uv(m, kSlotMetalRough)).rgb;
  float metallic = clamp(m.factors.x * mr.b, 0.0, 1.0);
  float roughness = clamp(m.factors.y * mr.g, 0.045, 1.0);
  float occlusion =
      1.0 + m.factors.w * (texture(occlusion_tex, slot_uv(m, kSlotOcclusion)).r - 1.0);
  vec3 emissive = m.emissive.rgb * texture(emissive_tex, slot_uv(m, kSlotEmissive)).rgb;

  vec3 n = normalize(v_normal);
  if (!gl_FrontFacing) n = -n;  // only double-sided materials reach back faces
  n = shading_normal(m, n);
  vec3 v = normalize(v_eye - v_world);
  float n_v = clamp(dot(n, v), 1e-4, 1.0);

  vec3 diffuse_color = base.rgb * (1.0 - metallic);
  vec3 f0 = mix(vec3(0.04), base.rgb, metallic);

  vec3 l = -frame.light_dir.xyz;
  vec3 h = normalize(l + v);
  float n_l = clamp(dot(n, l), 0.0, 1.0);
  float n_h = clamp(dot(n, h), 0.0, 1.0);
  vec3 f = fresnel(f0, clamp(dot(v, h), 0.0, 1.0));
  float a = roughness * roughness;
  vec3 specular = f * ggx(n_h, a) * smith_schlick(n_v, n_l, roughness) / (4.0 * n_v * max(n_l, 1e-4));
  vec3 direct = ((1.0 - f) * diffuse_color / kPi + specular) * frame.light_color.rgb * n_l;

  vec3 r = reflect(-v, n);
  vec3 ambient = diffuse_color * hemisphere(n) +
                 env_brdf(f0, roughness, n_v) * mix(hemisphere(r), hemisphere(n), roughness);
  vec3 color = direct + ambient * occlusion + emissive;

  if (d.misc.x > 0.5) {  // highlight: a warm rim glow that breathes
    float rim = pow(1.0 - n_v, 3.0);
    color += frame.highlight_color.rgb * (0.02 + 0.98 * rim) * (0.35 + 0.65 * frame.params.y);
  }
  out_color = vec4(encode_output(color), alpha);
}
