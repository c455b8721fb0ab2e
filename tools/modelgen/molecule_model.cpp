#include "molecule_model.h"

#include <array>
#include <cmath>
#include <cstddef>
#include <string>

#include <glm/gtc/quaternion.hpp>

#include "gltf_builder.h"
#include "shapes.h"

namespace trialxr::modelgen {

namespace {

// Molecule space: metres, +Y up, origin at the middle of the molecule's bounding box; it
// faces the viewer (+Z). The molecules are drawn a few times larger again than the cell's
// scale (see cell_model.cpp), so that a molecule of about 1 nm is several centimetres
// across; bonds are a little longer than the atoms' radii add up to, so every stick shows.

constexpr int kAtomSegments = 16;
constexpr int kAtomSteps = 10;
constexpr int kBondSides = 10;
constexpr float kBondRadius = 0.0017f;
constexpr float kDoubleBondOffset = 0.0024f;  // each stick of a double bond from the axis
constexpr double kSpinSeconds = 4.0;          // one full turn of "spin"

// An element's look: its material and the ball's radius.
struct Element {
  int material;
  float radius;
};

struct Atom {
  glm::vec3 at;
  int element;  // index into the molecule's elements
};

struct Bond {
  int a;
  int b;
  bool double_bond = false;
};

struct Molecule {
  std::vector<Element> elements;
  std::vector<Atom> atoms;
  std::vector<Bond> bonds;
  int bond_material = -1;
};

// The molecule's mesh: one primitive per element (in the elements' order), then the bonds.
std::vector<PrimitiveDesc> molecule_primitives(const Molecule& m) {
  std::vector<PrimitiveDesc> primitives;
  for (std::size_t e = 0; e < m.elements.size(); ++e) {
    MeshData balls;
    for (const Atom& atom : m.atoms) {
      if (atom.element != static_cast<int>(e)) continue;
      append_mesh(balls, sphere(atom.at, m.elements[e].radius, kAtomSegments, kAtomSteps));
    }
    if (balls.vertex_count() > 0) primitives.push_back({balls, m.elements[e].material, {}});
  }
  MeshData sticks;
  for (const Bond& bond : m.bonds) {
    const glm::vec3 a = m.atoms[static_cast<std::size_t>(bond.a)].at;
    const glm::vec3 b = m.atoms[static_cast<std::size_t>(bond.b)].at;
    if (!bond.double_bond) {
      append_mesh(sticks, stick(a, b, kBondRadius, kBondSides));
      continue;
    }
    // The two sticks of a double bond lie side by side, across the bond and the view (+Z).
    glm::vec3 across = glm::cross(b - a, glm::vec3(0.0f, 0.0f, 1.0f));
    across = glm::normalize(across) * kDoubleBondOffset;
    append_mesh(sticks, stick(a + across, b + across, kBondRadius * 0.8f, kBondSides));
    append_mesh(sticks, stick(a - across, b - across, kBondRadius * 0.8f, kBondSides));
  }
  primitives.push_back({sticks, m.bond_material, {}});
  return primitives;
}

// Centres the atoms on the middle of their bounding box.
void centre_atoms(std::vector<Atom>& atoms) {
  glm::vec3 lo(1e9f);
  glm::vec3 hi(-1e9f);
  for (const Atom& atom : atoms) {
    lo = glm::min(lo, atom.at);
    hi = glm::max(hi, atom.at);
  }
  const glm::vec3 mid = 0.5f * (lo + hi);
  for (Atom& atom : atoms) atom.at -= mid;
}

// The model: root `name` → `molecule` (the mesh, turned by "spin" about +Y: a full turn in
// kSpinSeconds, LINEAR, a key every quarter turn, so it loops seamlessly).
std::vector<unsigned char> finish(GltfBuilder& gltf, const std::string& name, const Molecule& m) {
  const int mesh = gltf.add_mesh(name, molecule_primitives(m));
  const int root = gltf.add_node(name, {});
  const int molecule = gltf.add_node("molecule", {}, mesh);
  gltf.add_child(root, molecule);
  gltf.add_scene(name, {root});

  const int spin = gltf.add_animation("spin");
  std::vector<float> times;
  std::vector<float> rotations;
  for (int quarter = 0; quarter <= 4; ++quarter) {
    times.push_back(static_cast<float>(kSpinSeconds * quarter / 4.0));
    const glm::dquat q = glm::angleAxis(glm::radians(90.0 * quarter), glm::dvec3(0.0, 1.0, 0.0));
    for (double c : {q.x, q.y, q.z, q.w}) rotations.push_back(static_cast<float>(c));
  }
  gltf.add_channel(spin, molecule, "rotation", times, rotations, Interpolation::kLinear);
  return gltf.to_glb();
}

glm::vec3 polar(float radius, float degrees, float z = 0.0f) {
  const float a = glm::radians(degrees);
  return {radius * std::cos(a), radius * std::sin(a), z};
}

}  // namespace

std::vector<unsigned char> build_drug_glb() {
  GltfBuilder gltf("trialxr-modelgen (drug, format 1)");
  // CPK colours, softened a little so that they sit well under the scene's light.
  Molecule m;
  enum : int { C, O, N, H, Cl };
  m.elements = {
      {add_material(gltf, "carbon", 0x3C3F46, 0.45), 0.0062f},
      {add_material(gltf, "oxygen", 0xE0322B, 0.4), 0.0058f},
      {add_material(gltf, "nitrogen", 0x3558E8, 0.4), 0.0058f},
      {add_material(gltf, "hydrogen", 0xF4F4F4, 0.5), 0.0040f},
      {add_material(gltf, "chlorine", 0x35C43B, 0.4), 0.0066f},
  };
  m.bond_material = add_material(gltf, "bond", 0xB9BDC6, 0.5);

  // A benzene ring (upright, facing the viewer) with an amide on top, a hydroxyl below
  // and a chlorine on the left; the other ring carbons carry hydrogens.
  constexpr float kRing = 0.0135f;
  for (int k = 0; k < 6; ++k)
    m.atoms.push_back({polar(kRing, 90.0f + 60.0f * static_cast<float>(k)), C});  // 0-5
  const glm::vec3 top = m.atoms[0].at;
  m.atoms.push_back({top + glm::vec3(0.0f, 0.0150f, 0.0f), C});         // 6 amide carbon
  m.atoms.push_back({top + glm::vec3(-0.0125f, 0.0225f, 0.0f), O});     // 7 =O
  m.atoms.push_back({top + glm::vec3(0.0130f, 0.0225f, 0.0f), N});      // 8 N
  m.atoms.push_back({top + glm::vec3(0.0130f, 0.0345f, 0.0040f), H});   // 9 N-H
  m.atoms.push_back({top + glm::vec3(0.0240f, 0.0170f, -0.0040f), H});  // 10 N-H
  m.atoms.push_back({polar(kRing + 0.0150f, 270.0f), O});               // 11 hydroxyl O
  m.atoms.push_back({polar(kRing + 0.0150f, 270.0f) + glm::vec3(0.0110f, -0.0060f, 0.0f), H});
  m.atoms.push_back({polar(kRing + 0.0175f, 150.0f), Cl});  // 13
  m.atoms.push_back({polar(kRing + 0.0120f, 30.0f), H});    // 14
  m.atoms.push_back({polar(kRing + 0.0120f, 210.0f), H});   // 15
  m.atoms.push_back({polar(kRing + 0.0120f, 330.0f), H});   // 16
  for (int k = 0; k < 6; ++k) m.bonds.push_back({k, (k + 1) % 6, k % 2 == 0});
  m.bonds.push_back({0, 6});
  m.bonds.push_back({6, 7, true});
  m.bonds.push_back({6, 8});
  m.bonds.push_back({8, 9});
  m.bonds.push_back({8, 10});
  m.bonds.push_back({3, 11});
  m.bonds.push_back({11, 12});
  m.bonds.push_back({1, 13});
  m.bonds.push_back({5, 14});
  m.bonds.push_back({2, 15});
  m.bonds.push_back({4, 16});
  centre_atoms(m.atoms);
  return finish(gltf, "drug", m);
}

std::vector<unsigned char> build_signal_glb() {
  GltfBuilder gltf("trialxr-modelgen (signal, format 1)");
  // The body's own messenger: a zig-zag chain with a bulky head, all in one warm colour
  // (oxygens red) so that it never looks like the drug.
  Molecule m;
  enum : int { Body, O };
  m.elements = {
      {add_material(gltf, "signal-orange", 0xF08A24, 0.4, 0.12), 0.0064f},
      {add_material(gltf, "signal-oxygen", 0xD8402A, 0.4), 0.0058f},
  };
  m.bond_material = add_material(gltf, "signal-bond", 0xF6D7A8, 0.5);
  const std::array<glm::vec3, 10> at = {{
      {-0.0260f, 0.0040f, 0.0f},       // 0 head atom
      {-0.0385f, 0.0150f, 0.0f},       // 1-3 its three branches
      {-0.0345f, -0.0070f, 0.0110f},   //
      {-0.0345f, -0.0070f, -0.0110f},  //
      {-0.0115f, -0.0040f, 0.0f},      // 4 chain
      {0.0030f, 0.0040f, 0.0f},        // 5
      {0.0175f, -0.0040f, 0.0f},       // 6 O
      {0.0320f, 0.0040f, 0.0f},        // 7
      {0.0320f, 0.0205f, 0.0f},        // 8 =O
      {0.0465f, -0.0040f, 0.0f},       // 9 tail
  }};
  for (std::size_t i = 0; i < at.size(); ++i) {
    m.atoms.push_back({at[i], (i == 6 || i == 8) ? O : Body});
  }
  for (const auto& [a, b, twice] : std::initializer_list<std::array<int, 3>>{{0, 1, 0},
                                                                             {0, 2, 0},
                                                                             {0, 3, 0},
                                                                             {0, 4, 0},
                                                                             {4, 5, 0},
                                                                             {5, 6, 0},
                                                                             {6, 7, 0},
                                                                             {7, 8, 1},
                                                                             {7, 9, 0}}) {
    m.bonds.push_back({a, b, twice != 0});
  }
  centre_atoms(m.atoms);
  return finish(gltf, "signal", m);
}

}  // namespace trialxr::modelgen
