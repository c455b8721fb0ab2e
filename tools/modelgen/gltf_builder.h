// GltfBuilder: assembles a tinygltf::Model from our meshes, materials, nodes and animations
// into a single binary buffer, and serialises it as GLB. Everything is appended in call
// order, so the same calls always give the same bytes.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <tiny_gltf.h>
#include <glm/glm.hpp>
#include <glm/gtc/quaternion.hpp>

#include "mesh.h"

namespace trialxr::modelgen {

// Linear RGBA from an sRGB 0xRRGGBB colour (glTF colour factors are linear).
glm::dvec4 srgb_color(std::uint32_t rgb, double alpha = 1.0);

struct MaterialDesc {
  std::string name;
  glm::dvec4 base_color{1.0};  // linear RGBA
  double metallic = 0.0;
  double roughness = 1.0;
  glm::dvec3 emissive{0.0};
  bool blend = false;  // alphaMode BLEND instead of OPAQUE
  bool double_sided = false;
  int base_color_texture = -1;
  int normal_texture = -1;
};

// One primitive of a mesh: final geometry (tangents are computed when missing) and its
// material, plus optional morph targets given as position deltas.
struct PrimitiveDesc {
  MeshData mesh;
  int material = -1;
  std::vector<std::vector<glm::vec3>> morph_positions;
};

struct Trs {
  glm::dvec3 translation{0.0};
  glm::dquat rotation{1.0, 0.0, 0.0, 0.0};  // w, x, y, z
  glm::dvec3 scale{1.0};
};

enum class Interpolation { kStep, kLinear, kCubicSpline };

class GltfBuilder;

// A plain material: sRGB colour `rgb`, metallic 0, `roughness`, emissive = the colour ×
// `emissive`, alpha BLEND when `alpha` < 1. Returns its index.
int add_material(GltfBuilder& gltf, const std::string& name, std::uint32_t rgb, double roughness,
                 double emissive = 0.0, double alpha = 1.0);

class GltfBuilder {
 public:
  explicit GltfBuilder(const std::string& generator);

  int add_png_texture(const std::string& name, const std::vector<unsigned char>& png);
  int add_material(const MaterialDesc& desc);
  // target_names go into mesh.extras.targetNames (the usual convention) when not empty.
  int add_mesh(const std::string& name, const std::vector<PrimitiveDesc>& primitives,
               const std::vector<std::string>& target_names = {});
  int add_node(const std::string& name, const Trs& trs, int mesh = -1);
  void add_child(int parent, int child);
  void add_scene(const std::string& name, const std::vector<int>& roots);

  int add_animation(const std::string& name);
  // One channel with its own sampler. `values` is flattened (components floats per key, and
  // for CUBICSPLINE three elements per key: in-tangent, value, out-tangent). Key times are
  // shared between channels that use the same list.
  void add_channel(int animation, int node, const std::string& path,
                   const std::vector<float>& times, const std::vector<float>& values,
                   Interpolation interpolation);

  // The model as a GLB file.
  std::vector<unsigned char> to_glb();

  const tinygltf::Model& model() const { return model_; }

 private:
  int add_buffer_view(const void* data, std::size_t size, int target);
  int add_float_accessor(const std::vector<float>& values, int type, int components, int target,
                         bool with_bounds);
  int add_index_accessor(const std::vector<std::uint16_t>& indices);
  int shared_sampler();

  tinygltf::Model model_;
  int sampler_ = -1;
  std::map<std::vector<float>, int> time_accessors_;
};

}  // namespace trialxr::modelgen
