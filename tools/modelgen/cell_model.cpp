#include "cell_model.h"

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <initializer_list>

#include <glm/gtc/matrix_transform.hpp>
#include <glm/gtc/quaternion.hpp>

#include "gltf_builder.h"
#include "noise.h"
#include "shapes.h"

namespace trialxr::modelgen {

namespace {

// Cell space: metres, +Y up and out of the cell (the outside is above the membrane, the
// inside below), the viewer looking toward -Z at the patch's front edge, where the bilayer
// shows in cross-section. The origin is where the receptor's axis crosses the middle of the
// bilayer. Drawn about 15 million times larger than life: the 5 nm membrane is 7.6 cm
// thick.

constexpr float kPi = 3.14159265358979323846f;

// The patch of membrane.
constexpr float kHalfWidth = 0.30f;  // x from -kHalfWidth to +kHalfWidth
constexpr float kFront = 0.08f;      // z of the front edge (the cross-section)
constexpr float kBack = -0.16f;      // z of the back edge
constexpr float kHeadY = 0.028f;     // lipid heads' centres, above and below the middle
constexpr float kHeadRadius = 0.010f;
constexpr float kSpacing = 0.022f;   // between neighbouring heads (a hexagonal grid)
constexpr float kCoreHalf = 0.021f;  // the tails' layer, from -kCoreHalf to +kCoreHalf
constexpr float kTailRadius = 0.0022f;
constexpr float kReceptorClear = 0.047f;  // no lipid heads closer than this to the axis
constexpr std::uint32_t kJitterSeed = 0xCE11u;

// The receptor: seven helices in a ring, loops joining them outside and inside the cell,
// the binding pocket on top and the part inside the cell below.
constexpr int kHelices = 7;
constexpr float kHelixRing = 0.026f;
constexpr float kHelixRadius = 0.0105f;
constexpr float kHelixBottom = -0.060f;
constexpr float kHelixTop = 0.072f;
constexpr float kLoopRadius = 0.0045f;
constexpr glm::dvec3 kPocketAt{0.0, 0.078, 0.0};  // the pocket's node: where a molecule docks
constexpr glm::dvec3 kInnerAt{0.0, -0.064, 0.0};  // the inside part's node
constexpr glm::dvec3 kMessengerAt{0.012, -0.108, 0.012};

// Where the labels' pointers land: the membrane's on the top of its heads at the left,
// the protein's on the front helix just above the membrane.
constexpr glm::dvec3 kMembraneSpot{-0.20, 0.038, 0.04};  // y: kHeadY + kHeadRadius
constexpr glm::dvec3 kProteinSpot{0.0, 0.056, 0.0365};   // z: kHelixRing + kHelixRadius

// A deterministic offset in [-1, 1] for grid point (i, j) and channel c.
float jitter(int i, int j, int c) {
  const std::uint32_t h = hash32(kJitterSeed ^ hash32(static_cast<std::uint32_t>(i) * 73856093u ^
                                                      static_cast<std::uint32_t>(j) * 19349663u ^
                                                      static_cast<std::uint32_t>(c) * 83492791u));
  return static_cast<float>(h & 0xFFFFu) / 32767.5f - 1.0f;
}

void translate(MeshData& mesh, const glm::vec3& by) {
  for (glm::vec3& p : mesh.positions) p += by;
}

// The bilayer, in cell space: the lipid heads of both layers, and (for the front row, the
// cross-section) the two tails of each lipid, reaching toward the middle.
struct Bilayer {
  MeshData heads;
  MeshData tails;
};

Bilayer bilayer() {
  Bilayer out;
  const float row_step = kSpacing * 0.5f * std::sqrt(3.0f);
  int row = 0;
  for (float z = kFront; z >= kBack - 1e-4f; z -= row_step, ++row) {
    const float shift = (row % 2 == 0) ? 0.0f : 0.5f * kSpacing;
    int column = 0;
    for (float x = -kHalfWidth + shift; x <= kHalfWidth + 1e-4f; x += kSpacing, ++column) {
      for (const float side : {1.0f, -1.0f}) {
        const int layer = side > 0.0f ? 0 : 1;
        glm::vec3 at(x, side * kHeadY, z);
        if (row > 0) {  // the front row stays in line so the cross-section reads cleanly
          at.x += 0.0015f * jitter(row, column, layer * 3);
          at.z += 0.0015f * jitter(row, column, layer * 3 + 1);
        }
        at.y += 0.0010f * side * jitter(row, column, layer * 3 + 2);
        if (glm::length(glm::vec2(at.x, at.z)) < kReceptorClear) continue;
        append_mesh(out.heads, sphere(at, kHeadRadius, 8, 4));
        if (row != 0) continue;
        // Two gently kinked tails under each front head, side by side along x.
        for (const float dx : {-0.0034f, 0.0034f}) {
          std::vector<glm::vec3> path;
          std::vector<float> radii;
          constexpr int kPoints = 6;
          for (int k = 0; k < kPoints; ++k) {
            const float t = static_cast<float>(k) / static_cast<float>(kPoints - 1);
            const float y = side * (kHeadY - 0.4f * kHeadRadius - t * (kHeadY - 0.004f));
            const float wiggle = 0.0011f * ((k % 2 == 0) ? 1.0f : -1.0f) * (dx > 0 ? 1.0f : -1.0f);
            path.emplace_back(at.x + dx + wiggle * t, y, at.z);
            radii.push_back(k + 1 == kPoints ? 0.0f : kTailRadius);
          }
          append_mesh(out.tails, sweep_tube(path, radii, 6, {0.0f, 0.0f, 1.0f}));
        }
      }
    }
  }
  return out;
}

// The tails' layer: a translucent slab between the heads, so the helices show through it.
MeshData core_slab() {
  return box({-kHalfWidth + 0.004f, -kCoreHalf, kBack + 0.004f},
             {kHalfWidth - 0.004f, kCoreHalf, kFront - 0.005f});
}

glm::vec3 helix_base(int k) {
  const float a = 2.0f * kPi * (0.25f + static_cast<float>(k) / kHelices);  // helix 0 in front
  return {kHelixRing * std::cos(a), 0.0f, kHelixRing * std::sin(a)};
}

// One helix: a tube with a gentle ridge winding round it (its turns), rounded ends, leaning
// a little along the ring, alternately one way and the other.
MeshData helix(int k) {
  const glm::vec3 base = helix_base(k);
  const glm::vec3 along = glm::normalize(glm::cross(glm::vec3(0.0f, 1.0f, 0.0f), base));
  const float lean = (k % 2 == 0 ? 1.0f : -1.0f) * 0.005f;
  constexpr int kPoints = 26;
  std::vector<glm::vec3> path;
  std::vector<float> radii;
  for (int i = 0; i < kPoints; ++i) {
    const float t = static_cast<float>(i) / static_cast<float>(kPoints - 1);
    const float y = kHelixBottom + t * (kHelixTop - kHelixBottom);
    path.push_back(base + glm::vec3(0.0f, y, 0.0f) + along * (lean * (2.0f * t - 1.0f)));
    float r = kHelixRadius * (1.0f + 0.08f * std::sin(2.0f * kPi * 6.0f * t));
    if (i == 0 || i + 1 == kPoints) r = 0.0f;
    if (i == 1 || i + 2 == kPoints) r *= 0.8f;
    radii.push_back(r);
  }
  // Pull the end rings in so the closed ends are rounded, not pointed.
  path.front() = path[1] - (path[2] - path[1]) * 0.35f;
  path.back() = path[kPoints - 2] + (path[kPoints - 2] - path[kPoints - 3]) * 0.35f;
  return sweep_tube(path, radii, 12, glm::normalize(base));
}

// A loop from the end of helix a to the end of helix b, bulging out of the membrane.
MeshData loop(int a, int b, float y, float bulge) {
  const glm::vec3 p = helix_base(a) + glm::vec3(0.0f, y, 0.0f);
  const glm::vec3 q = helix_base(b) + glm::vec3(0.0f, y, 0.0f);
  const glm::vec3 mid = 0.5f * (p + q);
  const glm::vec3 out = glm::normalize(glm::vec3(mid.x, 0.0f, mid.z));
  std::vector<glm::vec3> path;
  std::vector<float> radii;
  constexpr int kPoints = 9;
  for (int i = 0; i < kPoints; ++i) {
    const float t = static_cast<float>(i) / static_cast<float>(kPoints - 1);
    const float arch = std::sin(kPi * t);
    path.push_back(p + (q - p) * t + glm::vec3(0.0f, bulge * arch, 0.0f) + out * (0.006f * arch));
    radii.push_back(kLoopRadius);
  }
  return sweep_tube(path, radii, 8, out);
}

// The protein's mesh in the protein node's space (the node sits at kProteinSpot).
MeshData protein_mesh() {
  MeshData mesh;
  for (int k = 0; k < kHelices; ++k) append_mesh(mesh, helix(k));
  for (int k = 0; k + 1 < kHelices; ++k) {
    if (k % 2 == 0) {
      append_mesh(mesh, loop(k, k + 1, kHelixTop - 0.006f, 0.011f));
    } else {
      append_mesh(mesh, loop(k, k + 1, kHelixBottom + 0.006f, -0.010f));
    }
  }
  translate(mesh, -glm::vec3(kProteinSpot));
  return mesh;
}

// The binding pocket (pocket node space, origin where a molecule docks): a ring round the
// mouth of the helices' bundle, and a shallow dish at its floor.
MeshData pocket_rim() {
  std::vector<ProfilePoint> profile;
  append_arc(profile, {0.0f, 0.0185f}, {0.0055f, 0.0055f}, 180.0f, -180.0f, 14);
  profile.front().sharp = true;
  MeshData rim = lathe(profile, 28);
  transform_mesh(rim, glm::rotate(glm::mat4(1.0f), glm::radians(90.0f), glm::vec3(0, 0, 1)));
  return rim;
}

MeshData pocket_floor() {
  MeshData dish = sphere({0.0f, 0.0f, 0.0f}, 0.016f, 20, 8);
  transform_mesh(dish, glm::translate(glm::mat4(1.0f), glm::vec3(0.0f, -0.008f, 0.0f)) *
                           glm::scale(glm::mat4(1.0f), glm::vec3(1.0f, 0.35f, 1.0f)));
  return dish;
}

// The part inside the cell (inner node space, origin at its top middle): a flattened lobe.
MeshData inner_mesh() {
  MeshData lobe = sphere({0.0f, 0.0f, 0.0f}, 0.031f, 20, 10);
  transform_mesh(lobe, glm::translate(glm::mat4(1.0f), glm::vec3(0.0f, -0.008f, 0.0f)) *
                           glm::scale(glm::mat4(1.0f), glm::vec3(1.0f, 0.5f, 1.0f)));
  return lobe;
}

// The messenger (its node space, origin at its middle): three bunched balls.
MeshData messenger_mesh() {
  MeshData mesh = sphere({0.0f, 0.0f, 0.0f}, 0.014f, 16, 8);
  append_mesh(mesh, sphere({0.017f, -0.004f, 0.004f}, 0.011f, 14, 7));
  append_mesh(mesh, sphere({-0.015f, -0.006f, 0.006f}, 0.0095f, 14, 7));
  return mesh;
}

std::vector<float> flat(std::initializer_list<glm::dvec3> keys) {
  std::vector<float> out;
  for (const glm::dvec3& k : keys) {
    for (double c : {k.x, k.y, k.z}) out.push_back(static_cast<float>(c));
  }
  return out;
}

void push_quat(std::vector<float>& out, const glm::dquat& q) {
  for (double c : {q.x, q.y, q.z, q.w}) out.push_back(static_cast<float>(c));
}

Trs at(const glm::dvec3& p) {
  return {p, glm::dquat(1.0, 0.0, 0.0, 0.0), glm::dvec3(1.0)};
}

}  // namespace

std::vector<unsigned char> build_cell_glb() {
  GltfBuilder gltf("trialxr-modelgen (cell, format 1)");

  const int head_material = add_material(gltf, "lipid-head", 0xF2A99B, 0.6);
  const int tail_material = add_material(gltf, "lipid-tail", 0xE9CF86, 0.7);
  const int core_material = add_material(gltf, "lipid-core", 0xF3E2A6, 0.8, 0.0, 0.5);
  const int protein_material = add_material(gltf, "receptor", 0x6F62D4, 0.45);
  const int pocket_material = add_material(gltf, "binding-site", 0x38C6BE, 0.35, 0.3);
  const int inner_material = add_material(gltf, "receptor-inside", 0x5444A6, 0.5);
  const int messenger_material = add_material(gltf, "messenger", 0xE8C93A, 0.4, 0.35);

  Bilayer layers = bilayer();
  MeshData core = core_slab();
  for (MeshData* mesh : {&layers.heads, &layers.tails, &core})
    translate(*mesh, -glm::vec3(kMembraneSpot));
  const int membrane_mesh = gltf.add_mesh("membrane", {{layers.heads, head_material, {}},
                                                       {layers.tails, tail_material, {}},
                                                       {core, core_material, {}}});
  const int protein_mesh_index = gltf.add_mesh("protein", {{protein_mesh(), protein_material, {}}});
  const int pocket_mesh = gltf.add_mesh(
      "pocket", {{pocket_rim(), pocket_material, {}}, {pocket_floor(), pocket_material, {}}});
  const int inner_mesh_index = gltf.add_mesh("inner", {{inner_mesh(), inner_material, {}}});
  const int messenger_mesh_index =
      gltf.add_mesh("messenger", {{messenger_mesh(), messenger_material, {}}});

  const int cell = gltf.add_node("cell", {});
  const int membrane = gltf.add_node("membrane", at(kMembraneSpot), membrane_mesh);
  const int receptor = gltf.add_node("receptor", {});
  const int protein = gltf.add_node("protein", at(kProteinSpot), protein_mesh_index);
  const int pocket = gltf.add_node("pocket", at(kPocketAt), pocket_mesh);
  const int inner = gltf.add_node("inner", at(kInnerAt), inner_mesh_index);
  const int messenger = gltf.add_node("messenger", at(kMessengerAt), messenger_mesh_index);
  for (int child : {membrane, receptor, messenger}) gltf.add_child(cell, child);
  for (int child : {protein, pocket, inner}) gltf.add_child(receptor, child);
  gltf.add_scene("cell", {cell});

  // "idle": the receptor sways a degree or two in the membrane, 4 s, LINEAR through nine
  // keys; it starts and ends at rest, so it loops seamlessly.
  {
    const int anim = gltf.add_animation("idle");
    std::vector<float> times;
    std::vector<float> rotations;
    constexpr int kKeys = 9;
    for (int i = 0; i < kKeys; ++i) {
      const double t = 4.0 * i / (kKeys - 1);
      times.push_back(static_cast<float>(t));
      const double phase = 2.0 * 3.14159265358979323846 * t / 4.0;
      push_quat(
          rotations,
          glm::angleAxis(glm::radians(1.6 * std::sin(phase)), glm::dvec3(0.0, 0.0, 1.0)) *
              glm::angleAxis(glm::radians(1.0 * std::sin(2.0 * phase)), glm::dvec3(1.0, 0.0, 0.0)));
    }
    gltf.add_channel(anim, receptor, "rotation", times, rotations, Interpolation::kLinear);
  }
  // "activate": the signal has docked. The part inside twists and dips (its change of
  // shape), and the messenger swells twice as it takes the signal on; 2.4 s, LINEAR,
  // everything back at rest at the end.
  {
    const int anim = gltf.add_animation("activate");
    const glm::dquat rest(1.0, 0.0, 0.0, 0.0);
    const glm::dquat twisted = glm::angleAxis(glm::radians(14.0), glm::dvec3(0.0, 1.0, 0.0));
    std::vector<float> rotations;
    for (const glm::dquat& q : {rest, twisted, twisted, rest}) push_quat(rotations, q);
    const std::vector<float> inner_times = {0.0f, 0.4f, 1.4f, 2.0f};
    gltf.add_channel(anim, inner, "rotation", inner_times, rotations, Interpolation::kLinear);
    const glm::dvec3 rest_at = kInnerAt;
    const glm::dvec3 dipped = rest_at - glm::dvec3(0.0, 0.005, 0.0);
    gltf.add_channel(anim, inner, "translation", inner_times,
                     flat({rest_at, dipped, dipped, rest_at}), Interpolation::kLinear);
    const glm::dvec3 one(1.0);
    const glm::dvec3 big(1.35);
    gltf.add_channel(anim, messenger, "scale", {0.0f, 0.5f, 0.9f, 1.3f, 1.7f, 2.1f, 2.4f},
                     flat({one, one, big, one, big, one, one}), Interpolation::kLinear);
  }
  return gltf.to_glb();
}

}  // namespace trialxr::modelgen
