// The decoded form of a glTF model that load_model produces and append_model writes:
// plain data, no tinygltf. Indices are glTF indices (-1 = none). Private to the importer.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "trialxr/bundle/format.h"
#include "trialxr/compiler/image_import.h"
#include "trialxr/compiler/mesh_builder.h"
#include "trialxr/compiler/model_import.h"

namespace trialxr::compiler::detail {

struct NodeData {
  int parent = -1;
  int mesh = -1;
  int skin = -1;
  bool in_scene = false;
  std::array<float, 3> translation = {0, 0, 0};
  std::array<float, 4> rotation = {0, 0, 0, 1};  // x y z w
  std::array<float, 3> scale = {1, 1, 1};
  std::vector<float> weights;  // the node's own morph weights; empty: the mesh's
};

struct PrimitiveData {
  MeshData mesh;  // optimised
  int material = -1;
};

struct MeshInfo {
  bool used = false;  // drawn by a node in the scene (only those are decoded)
  std::vector<PrimitiveData> primitives;
  std::size_t target_count = 0;
  std::vector<float> weights;  // target_count default weights
};

struct TextureRef {
  int texture = -1;
  std::uint32_t uv_set = 0;
  float scale = 1.0f;  // normal scale / occlusion strength
};

struct MaterialData {
  bool used = false;
  std::string name;
  std::array<float, 4> base_color = {1, 1, 1, 1};
  std::array<float, 3> emissive = {0, 0, 0};
  float metallic = 1.0f;
  float roughness = 1.0f;
  float alpha_cutoff = 0.5f;
  bundle::AlphaMode alpha_mode = bundle::AlphaMode::opaque;
  bool double_sided = false;
  TextureRef base_color_texture, metal_rough_texture, normal_texture, occlusion_texture,
      emissive_texture;
};

struct TextureData {
  std::string name;
  int image = -1;  // -1: unusable (a warning was given); slots using it are left empty
  SamplerDesc sampler;
};

struct SkinData {
  bool used = false;
  std::vector<int> joints;
  std::vector<float> inverse_bind;  // 16 floats per joint, column-major
  int skeleton = -1;
};

struct ChannelData {
  int node = -1;
  bundle::AnimPath path = bundle::AnimPath::translation;
  bundle::Interpolation interpolation = bundle::Interpolation::linear;
  std::uint32_t components = 3;
  int input = -1;  // accessor indices: channels sharing one share its floats
  int output = -1;
  std::vector<float> times;
  std::vector<float> values;  // times.size() * components (* 3 for cubic spline)
};

struct AnimationData {
  std::vector<ChannelData> channels;
};

struct ModelData {
  std::string path;
  std::vector<std::string> input_files;
  std::vector<NodeData> nodes;
  std::vector<std::string> node_names;
  std::vector<int> scene_order;  // the scene's nodes, depth-first pre-order
  std::vector<MeshInfo> meshes;
  std::vector<MaterialData> materials;
  std::vector<TextureData> textures;
  std::vector<ImageAsset> images;  // decoded when some used texture needs them
  std::vector<SkinData> skins;
  std::vector<AnimationData> animations;
  std::vector<ModelAnimationInfo> animation_info;
};

}  // namespace trialxr::compiler::detail
