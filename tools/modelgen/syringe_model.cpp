#include "syringe_model.h"

#include <glm/gtc/matrix_transform.hpp>

#include "gltf_builder.h"
#include "shapes.h"

namespace trialxr::modelgen {

namespace {

// Syringe space: metres, +Y up, origin at the needle's tip; the syringe's axis is +X, so the
// needle points towards -X and the plunger draws back towards +X. Each part's mesh is in
// its node's space, listed along the axis.

constexpr double kBarrelAt = 0.040;    // barrel node along the axis (its luer tip)
constexpr double kPlungerAt = 0.0098;  // plunger node in barrel space (stopper front face)
constexpr double kDrawLength = 0.035;  // how far "draw" pulls the plunger back

MeshData needle_shaft() {
  // 21 G: 0.8 mm across, bevelled to a point at the origin.
  return lathe(
      {{0.0f, 0.0f, true}, {0.0025f, 0.0004f, true}, {0.031f, 0.0004f, true}, {0.031f, 0.0f, true}},
      12);
}

MeshData needle_hub() {
  return lathe({{0.029f, 0.0f, true},
                {0.029f, 0.0011f, true},
                {0.033f, 0.0030f, true},
                {0.044f, 0.0042f, true},
                {0.046f, 0.0042f, true},
                {0.046f, 0.0f, true}},
               20);
}

MeshData barrel_mesh() {
  // A thick-walled tube: luer tip, shoulder, outer wall, back rim, then the inside wall
  // (facing the axis) back to the inner front face.
  MeshData mesh = lathe({{0.0f, 0.0f, true},
                         {0.0f, 0.0016f, true},
                         {0.007f, 0.0021f, true},
                         {0.0085f, 0.0075f, true},
                         {0.073f, 0.0075f, true},
                         {0.073f, 0.0066f, true},
                         {0.0098f, 0.0066f, true},
                         {0.0098f, 0.0f, true}},
                        32);
  // Finger flanges above and below the back end.
  append_mesh(mesh, box({0.0705f, 0.0072f, -0.0055f}, {0.0735f, 0.017f, 0.0055f}));
  append_mesh(mesh, box({0.0705f, -0.017f, -0.0055f}, {0.0735f, -0.0072f, 0.0055f}));
  return mesh;
}

MeshData stopper_mesh() {
  // Rubber stopper with two sealing ribs, just inside the barrel's 6.6 mm inner radius.
  return lathe({{0.0f, 0.0f, true},
                {0.0f, 0.0060f, true},
                {0.0012f, 0.00655f, true},
                {0.0024f, 0.00655f, true},
                {0.0034f, 0.0060f, true},
                {0.0044f, 0.00655f, true},
                {0.0056f, 0.00655f, true},
                {0.0070f, 0.0058f, true},
                {0.0070f, 0.0f, true}},
               32);
}

MeshData plunger_rod_mesh() {
  MeshData mesh = lathe({{0.0070f, 0.0f, true},
                         {0.0070f, 0.0056f, true},
                         {0.0085f, 0.0056f, true},
                         {0.0085f, 0.0f, true}},
                        24);
  append_mesh(mesh, box({0.0085f, -0.0055f, -0.0007f}, {0.080f, 0.0055f, 0.0007f}));
  append_mesh(mesh, box({0.0085f, -0.0007f, -0.0055f}, {0.080f, 0.0007f, 0.0055f}));
  append_mesh(mesh, lathe({{0.080f, 0.0f, true},
                           {0.080f, 0.0095f, true},
                           {0.0825f, 0.0095f, true},
                           {0.0825f, 0.0f, true}},
                          32));
  return mesh;
}

// Collection tube (tube space: standing upright, origin at the middle of its round bottom),
// 13 x 75 mm with a red cap. Built along +X, then stood up.
MeshData upright(MeshData mesh) {
  transform_mesh(mesh, glm::rotate(glm::mat4(1.0f), glm::radians(90.0f), glm::vec3(0, 0, 1)));
  return mesh;
}

MeshData tube_body_mesh() {
  std::vector<ProfilePoint> profile;
  append_arc(profile, {0.0065f, 0.0f}, {0.0065f, 0.0065f}, 180.0f, 90.0f, 6);
  profile.push_back({0.060f, 0.0065f, true});
  profile.push_back({0.060f, 0.0f, true});
  return upright(lathe(profile, 24));
}

MeshData tube_cap_mesh() {
  std::vector<ProfilePoint> profile = {{0.056f, 0.0f, true}, {0.056f, 0.0079f, true}};
  append_arc(profile, {0.0740f, 0.0064f}, {0.0015f, 0.0015f}, 90.0f, 0.0f, 3);
  profile.back().sharp = true;
  profile.push_back({0.0755f, 0.0f, true});
  return upright(lathe(profile, 24));
}

std::vector<float> translation_keys(std::initializer_list<double> xs) {
  std::vector<float> out;
  for (double x : xs) {
    out.push_back(static_cast<float>(x));
    out.push_back(0.0f);
    out.push_back(0.0f);
  }
  return out;
}

}  // namespace

std::vector<unsigned char> build_syringe_glb() {
  GltfBuilder gltf("trialxr-modelgen (syringe, format 1)");

  MaterialDesc plastic;
  plastic.name = "barrel-plastic";
  plastic.base_color = srgb_color(0xEEF4FA, 0.35);
  plastic.roughness = 0.1;
  plastic.blend = true;
  const int plastic_material = gltf.add_material(plastic);

  MaterialDesc plunger;
  plunger.name = "plunger-plastic";
  plunger.base_color = srgb_color(0xF2F2EE);
  plunger.roughness = 0.45;
  const int plunger_material = gltf.add_material(plunger);

  MaterialDesc rubber;
  rubber.name = "rubber";
  rubber.base_color = srgb_color(0x202024);
  rubber.roughness = 0.8;
  const int rubber_material = gltf.add_material(rubber);

  MaterialDesc steel;
  steel.name = "needle-steel";
  steel.base_color = srgb_color(0xC9CDD2);
  steel.metallic = 1.0;
  steel.roughness = 0.3;
  const int steel_material = gltf.add_material(steel);

  MaterialDesc hub;
  hub.name = "hub-green";
  hub.base_color = srgb_color(0x2E9E5A);
  hub.roughness = 0.4;
  const int hub_material = gltf.add_material(hub);

  MaterialDesc cap;
  cap.name = "cap-red";
  cap.base_color = srgb_color(0xC8202A);
  cap.roughness = 0.5;
  const int cap_material = gltf.add_material(cap);

  const int barrel_mesh_index = gltf.add_mesh("barrel", {{barrel_mesh(), plastic_material, {}}});
  const int plunger_mesh_index = gltf.add_mesh(
      "plunger",
      {{stopper_mesh(), rubber_material, {}}, {plunger_rod_mesh(), plunger_material, {}}});
  const int needle_mesh_index = gltf.add_mesh(
      "needle", {{needle_shaft(), steel_material, {}}, {needle_hub(), hub_material, {}}});
  const int tube_mesh_index = gltf.add_mesh(
      "tube", {{tube_body_mesh(), plastic_material, {}}, {tube_cap_mesh(), cap_material, {}}});

  const int syringe = gltf.add_node("syringe", {});
  const int barrel = gltf.add_node(
      "barrel", {{kBarrelAt, 0.0, 0.0}, {1.0, 0.0, 0.0, 0.0}, {1.0, 1.0, 1.0}}, barrel_mesh_index);
  const int plunger_node =
      gltf.add_node("plunger", {{kPlungerAt, 0.0, 0.0}, {1.0, 0.0, 0.0, 0.0}, {1.0, 1.0, 1.0}},
                    plunger_mesh_index);
  const int needle = gltf.add_node("needle", {}, needle_mesh_index);
  // The tube stands beside the syringe, its bottom level with the barrel's underside.
  const int tube = gltf.add_node(
      "tube", {{0.09, -0.0075, 0.04}, {1.0, 0.0, 0.0, 0.0}, {1.0, 1.0, 1.0}}, tube_mesh_index);
  gltf.add_child(syringe, barrel);
  gltf.add_child(barrel, plunger_node);
  gltf.add_child(syringe, needle);
  gltf.add_child(syringe, tube);
  gltf.add_scene("syringe", {syringe});

  // "draw": the plunger pulls back along the axis, slowing towards the end.
  const int draw = gltf.add_animation("draw");
  gltf.add_channel(
      draw, plunger_node, "translation", {0.0f, 1.0f, 2.0f},
      translation_keys({kPlungerAt, kPlungerAt + 0.63 * kDrawLength, kPlungerAt + kDrawLength}),
      Interpolation::kLinear);
  return gltf.to_glb();
}

}  // namespace trialxr::modelgen
