#include "arm_model.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>

#include <glm/gtc/matrix_transform.hpp>
#include <glm/gtc/quaternion.hpp>

#include "gltf_builder.h"
#include "png_encode.h"
#include "shapes.h"
#include "skin_texture.h"

namespace trialxr::modelgen {

namespace {

// Arm space: metres, +Y up, origin on the table top right under the elbow. The forearm
// lies along +X (elbow to wrist), palm up, so the inner forearm -- where the vein is --
// faces +Y. Forearm space: the same, but with the forearm's axis as +X and the elbow at 0;
// it is tilted a few degrees so that the tapering forearm's underside rests on the table.

constexpr std::uint32_t kSkinSeed = 0x7E1A1u;
constexpr int kSkinTextureSize = 256;

// Forearm shape (forearm space): a tapered body from x = 0 to kBodyEnd, radius kElbowRadius
// to kWristRadius with a slight muscle bulge, rounded caps at both ends; the cross-section
// is an ellipse kWidthScale times wider (Z) than deep (Y).
constexpr float kElbowRadius = 0.038f;
constexpr float kWristRadius = 0.024f;
constexpr float kBodyEnd = 0.25f;
constexpr float kElbowCap = 0.03f;
constexpr float kWristCap = 0.02f;
constexpr float kWidthScale = 1.25f;
constexpr float kPi = 3.14159265358979323846f;

float forearm_radius(float x) {
  const float t = std::clamp(x / kBodyEnd, 0.0f, 1.0f);
  return kElbowRadius + (kWristRadius - kElbowRadius) * t + 0.003f * std::sin(kPi * t);
}

// Height of the forearm's upper surface above its axis at (x, z).
float forearm_top(float x, float z) {
  const float ry = forearm_radius(x);
  const float rz = ry * kWidthScale;
  return ry * std::sqrt(std::max(0.0f, 1.0f - (z / rz) * (z / rz)));
}

// Forearm space -> arm space.
struct ForearmFrame {
  glm::dvec3 translation;
  glm::dquat rotation;

  glm::dvec3 to_arm(const glm::vec3& p) const { return translation + rotation * glm::dvec3(p); }
};

ForearmFrame forearm_frame() {
  // The underside runs from (0, -elbow) to (kBodyEnd, -wrist): tilt it level, then lift the
  // elbow's underside onto the table.
  const double tilt =
      std::atan(static_cast<double>(kElbowRadius - kWristRadius) / static_cast<double>(kBodyEnd));
  ForearmFrame frame;
  frame.rotation = glm::angleAxis(-tilt, glm::dvec3(0.0, 0.0, 1.0));
  frame.translation = glm::dvec3(0.0, static_cast<double>(kElbowRadius) * std::cos(tilt), 0.0);
  return frame;
}

MeshData forearm_mesh() {
  std::vector<ProfilePoint> profile;
  append_arc(profile, {0.0f, 0.0f}, {kElbowCap, kElbowRadius}, 180.0f, 90.0f, 6);
  constexpr int kBodySteps = 12;
  for (int i = 1; i < kBodySteps; ++i) {
    const float x = kBodyEnd * static_cast<float>(i) / static_cast<float>(kBodySteps);
    profile.push_back({x, forearm_radius(x), false});
  }
  append_arc(profile, {kBodyEnd, 0.0f}, {kWristCap, forearm_radius(kBodyEnd)}, 90.0f, 0.0f, 5);
  MeshData mesh = lathe(profile, 32);
  transform_mesh(mesh, glm::scale(glm::mat4(1.0f), glm::vec3(1.0f, 1.0f, kWidthScale)));
  return mesh;
}

// Hand (hand space: origin at the wrist joint, fingers towards +X, palm up): a rounded box
// lying on the table, narrower where it meets the wrist; its heel reaches kHandHeel back
// into the forearm's rounded end so that the joint shows no gap.
constexpr glm::vec3 kHandHalf{0.095f, 0.015f, 0.036f};
constexpr float kHandHeel = 0.02f;
constexpr float kHandTip = 2.0f * kHandHalf.x - kHandHeel;
constexpr float kHandRounding = 0.012f;
constexpr float kWristJoint = 0.255f;  // along the forearm axis

float hand_taper(float x) {  // width factor along the hand
  const float t = std::clamp(x / 0.07f, 0.0f, 1.0f);
  return 0.8f + 0.2f * t * t * (3.0f - 2.0f * t);
}

float hand_taper_slope(float x) {
  if (x <= 0.0f || x >= 0.07f) return 0.0f;
  const float t = x / 0.07f;
  return 0.2f * 6.0f * t * (1.0f - t) / 0.07f;
}

MeshData hand_mesh(float center_y) {
  MeshData mesh = rounded_box(kHandHalf, kHandRounding, 3, 4);
  transform_mesh(
      mesh, glm::translate(glm::mat4(1.0f), glm::vec3(kHandHalf.x - kHandHeel, center_y, 0.0f)));
  // Narrow the wrist end: z *= taper(x). Normals follow the inverse transpose of the map's
  // Jacobian.
  for (std::size_t i = 0; i < mesh.vertex_count(); ++i) {
    glm::vec3& p = mesh.positions[i];
    glm::vec3& n = mesh.normals[i];
    const float f = hand_taper(p.x);
    const float slope = hand_taper_slope(p.x);
    n = glm::normalize(glm::vec3(n.x - p.z * slope / f * n.z, n.y, n.z / f));
    p.z *= f;
  }
  return mesh;
}

// The "fist" morph target: fingers pull back and up towards the palm.
std::vector<glm::vec3> fist_deltas(const MeshData& hand, float center_y) {
  std::vector<glm::vec3> deltas;
  deltas.reserve(hand.vertex_count());
  for (const glm::vec3& p : hand.positions) {
    const float t = std::clamp((p.x - 0.06f) / (kHandTip - 0.06f), 0.0f, 1.0f);
    const float weight = 0.55f * t * t * (3.0f - 2.0f * t);
    const glm::vec3 palm(0.07f, center_y + 0.012f, 0.85f * p.z);
    deltas.push_back(weight * (palm - p));
  }
  return deltas;
}

// Vein (forearm space): along the inner forearm from just below the elbow, bulging slightly
// out of the skin.
constexpr float kVeinStart = 0.045f;
constexpr float kVeinEnd = 0.16f;
constexpr float kVeinRadius = 0.0025f;
constexpr float kVeinSink = 0.001f;  // how far the vein's centre lies below the skin
constexpr float kSwabX = 0.075f;
constexpr int kVeinPoints = 25;

glm::vec3 vein_center(float x) {
  const float t = (x - kVeinStart) / (kVeinEnd - kVeinStart);
  const float z = -0.004f + 0.008f * std::sin(2.0f * t);
  return {x, forearm_top(x, z) - kVeinSink, z};
}

float vein_radius(float t) {
  const auto ease = [](float s) {
    s = std::clamp(s / 0.12f, 0.0f, 1.0f);
    return s * s * (3.0f - 2.0f * s);
  };
  return kVeinRadius * ease(t) * ease(1.0f - t);
}

// Tourniquet band (forearm space): a flat ring just below the elbow, a little looser than
// the skin under it.
constexpr float kBandCenter = 0.022f;
constexpr float kBandHalfWidth = 0.012f;
constexpr float kBandGap = 0.0006f;
constexpr float kBandThickness = 0.003f;

MeshData band_mesh() {
  const float x0 = kBandCenter - kBandHalfWidth;
  const float x1 = kBandCenter + kBandHalfWidth;
  const float r0 = forearm_radius(x0) + kBandGap;
  const float r1 = forearm_radius(x1) + kBandGap;
  // A closed rectangle in the (axial, radial) plane, traversed with the outside on the left.
  const std::vector<ProfilePoint> profile = {
      {x0 - kBandCenter, r0, true},
      {x0 - kBandCenter, r0 + kBandThickness, true},
      {x1 - kBandCenter, r1 + kBandThickness, true},
      {x1 - kBandCenter, r1, true},
      {x0 - kBandCenter, r0, true},
  };
  MeshData mesh = lathe(profile, 40);
  transform_mesh(mesh, glm::scale(glm::mat4(1.0f), glm::vec3(1.0f, 1.0f, kWidthScale)));
  return mesh;
}

std::vector<float> flat(std::initializer_list<glm::dvec3> keys) {
  std::vector<float> out;
  for (const glm::dvec3& k : keys) {
    out.push_back(static_cast<float>(k.x));
    out.push_back(static_cast<float>(k.y));
    out.push_back(static_cast<float>(k.z));
  }
  return out;
}

std::vector<float> flat(std::initializer_list<glm::dquat> keys) {
  std::vector<float> out;
  for (const glm::dquat& k : keys) {
    out.push_back(static_cast<float>(k.x));
    out.push_back(static_cast<float>(k.y));
    out.push_back(static_cast<float>(k.z));
    out.push_back(static_cast<float>(k.w));
  }
  return out;
}

}  // namespace

std::vector<unsigned char> build_arm_glb() {
  GltfBuilder gltf("trialxr-modelgen (arm, format 1)");
  const ForearmFrame frame = forearm_frame();

  // Materials.
  const SkinTextures skin = make_skin_textures(kSkinTextureSize, kSkinSeed);
  const int skin_color = gltf.add_png_texture("skin-basecolor", encode_png(skin.base_color));
  const int skin_normal = gltf.add_png_texture("skin-normal", encode_png(skin.normal));
  MaterialDesc skin_desc;
  skin_desc.name = "skin";
  skin_desc.roughness = 0.6;
  skin_desc.base_color_texture = skin_color;
  skin_desc.normal_texture = skin_normal;
  const int skin_material = gltf.add_material(skin_desc);

  MaterialDesc vein_desc;
  vein_desc.name = "vein";
  vein_desc.base_color = srgb_color(0x6A78A8);
  vein_desc.roughness = 0.45;
  vein_desc.emissive = {0.01, 0.012, 0.03};
  const int vein_material = gltf.add_material(vein_desc);

  MaterialDesc band_desc;
  band_desc.name = "tourniquet";
  band_desc.base_color = srgb_color(0x3A78D8);
  band_desc.roughness = 0.75;
  const int band_material = gltf.add_material(band_desc);

  // Forearm.
  const int forearm_mesh_index = gltf.add_mesh("forearm", {{forearm_mesh(), skin_material, {}}});

  // Hand: its origin at the wrist joint (the clench pivot), lying flat on the table.
  const glm::dvec3 wrist = frame.to_arm({kWristJoint, 0.0f, 0.0f});
  const float hand_center_y = kHandHalf.y - static_cast<float>(wrist.y);
  const MeshData hand = hand_mesh(hand_center_y);
  const int hand_mesh_index =
      gltf.add_mesh("hand", {{hand, skin_material, {fist_deltas(hand, hand_center_y)}}}, {"fist"});

  // Vein: its origin at the middle of its path, so the pulse swells it in place.
  std::vector<glm::vec3> vein_path;
  std::vector<float> vein_radii;
  for (int i = 0; i < kVeinPoints; ++i) {
    const float t = static_cast<float>(i) / static_cast<float>(kVeinPoints - 1);
    vein_path.push_back(vein_center(kVeinStart + (kVeinEnd - kVeinStart) * t));
    vein_radii.push_back(vein_radius(t));
  }
  const glm::vec3 vein_mid = vein_path[kVeinPoints / 2];
  for (glm::vec3& p : vein_path) p -= vein_mid;
  const int vein_mesh_index = gltf.add_mesh(
      "vein", {{sweep_tube(vein_path, vein_radii, 10, {0.0f, 1.0f, 0.0f}), vein_material, {}}});

  const int band_mesh_index = gltf.add_mesh("band", {{band_mesh(), band_material, {}}});

  // Nodes: "arm" holds everything; the parts carry the forearm's tilt where they sit on it.
  const int arm = gltf.add_node("arm", {});
  const int forearm = gltf.add_node("forearm", {frame.translation, frame.rotation, glm::dvec3(1.0)},
                                    forearm_mesh_index);
  const int hand_node = gltf.add_node(
      "hand", {wrist, glm::dquat(1.0, 0.0, 0.0, 0.0), glm::dvec3(1.0)}, hand_mesh_index);
  const int vein = gltf.add_node("vein", {frame.to_arm(vein_mid), frame.rotation, glm::dvec3(1.0)},
                                 vein_mesh_index);
  const glm::dvec3 band_rest = frame.to_arm({kBandCenter, 0.0f, 0.0f});
  const int band =
      gltf.add_node("band", {band_rest, frame.rotation, glm::dvec3(1.0)}, band_mesh_index);
  const glm::vec3 swab_local = vein_center(kSwabX) + glm::vec3(0.0f, kVeinRadius, 0.0f);
  const int swab =
      gltf.add_node("swab-spot", {frame.to_arm(swab_local), frame.rotation, glm::dvec3(1.0)});
  for (int child : {forearm, hand_node, vein, band, swab}) gltf.add_child(arm, child);
  gltf.add_scene("arm", {arm});

  // "tourniquet": the band closes from loose to snug while sliding into place.
  {
    const int anim = gltf.add_animation("tourniquet");
    const std::vector<float> times = {0.0f, 0.9f, 1.5f};
    gltf.add_channel(
        anim, band, "scale", times,
        flat({glm::dvec3(1.0, 1.2, 1.2), glm::dvec3(1.0, 1.06, 1.06), glm::dvec3(1.0)}),
        Interpolation::kLinear);
    gltf.add_channel(anim, band, "translation", times,
                     flat({frame.to_arm({kBandCenter + 0.015f, 0.0f, 0.0f}),
                           frame.to_arm({kBandCenter + 0.004f, 0.0f, 0.0f}), band_rest}),
                     Interpolation::kLinear);
  }
  // "clench": the hand flexes up a little at the wrist and back.
  {
    const int anim = gltf.add_animation("clench");
    const glm::dquat rest(1.0, 0.0, 0.0, 0.0);
    const glm::dquat flexed = glm::angleAxis(glm::radians(8.0), glm::dvec3(0.0, 0.0, 1.0));
    gltf.add_channel(anim, hand_node, "rotation", {0.0f, 0.5f, 1.0f}, flat({rest, flexed, rest}),
                     Interpolation::kLinear);
  }
  // "pulse": the vein swells and relaxes once a second; starts and ends at rest with flat
  // tangents, so it loops seamlessly. Keys are (in-tangent, value, out-tangent).
  {
    const int anim = gltf.add_animation("pulse");
    const glm::dvec3 zero(0.0);
    const glm::dvec3 one(1.0);
    const glm::dvec3 relax(0.0, -0.15, -0.15);
    gltf.add_channel(anim, vein, "scale", {0.0f, 0.18f, 0.45f, 1.0f},
                     flat({zero, one, zero,                            //
                           zero, glm::dvec3(1.0, 1.12, 1.12), zero,    //
                           relax, glm::dvec3(1.0, 1.04, 1.04), relax,  //
                           zero, one, zero}),
                     Interpolation::kCubicSpline);
  }
  // "fist": the hand's "fist" morph target weight goes to 1, holds, and releases.
  {
    const int anim = gltf.add_animation("fist");
    gltf.add_channel(anim, hand_node, "weights", {0.0f, 0.4f, 0.8f, 1.2f}, {0.0f, 1.0f, 1.0f, 0.0f},
                     Interpolation::kLinear);
  }
  return gltf.to_glb();
}

}  // namespace trialxr::modelgen
