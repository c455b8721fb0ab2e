// glTF 2.0 model import (.gltf with external or data: URIs, and .glb), in two phases:
//
//   1. load_model(path, diags) parses the file with tinygltf, checks it and decodes
//      everything the bundle needs (meshes to float streams, optimised; images to RGBA8;
//      animation keys; skins). Every problem with the file is found here: the Result's
//      error names the file and says what is wrong; things that are dropped or ignored
//      become warnings in `diags`, with the model's path as file and these codes:
//        TX0601 an optional extension is not supported   TX0605 a duplicate node name
//        TX0602 a primitive is skipped or trimmed         TX0606 a texture cannot be used
//        TX0603 a vertex attribute is ignored             TX0607 tinygltf's own warnings
//        TX0604 an animation channel is dropped/changed   TX0608 anything else adjusted
//   2. append_model(asset, object_name, object_index, content) writes one placement of
//      the model into a BundleContent. It cannot fail. It may be called more than once
//      for the same asset (the same model placed twice); each call writes its own copy.
//
// What append_model writes, in this order:
//   - NODE: one root node named `object_name` (identity transform: the caller sets the
//     object's placement on it; parent kNone), then every node of the model's scene
//     (the default scene, else scene 0, else every node that is nobody's child) in
//     depth-first pre-order, so parents come before children. Each is named
//     "<object_name>.<node name>" (see ModelAsset::node_names) with the node's TRS
//     (matrix nodes are decomposed). All carry NodeRecord::object = object_index.
//   - MESH/PRIM/MTGT/GEOM: one MeshRecord per glTF mesh used (and one more per distinct
//     node `weights` override, sharing the primitives), with default morph weights in
//     F32S. Primitives: triangles (strips and fans converted; points and lines dropped
//     with a warning at load), all of POSITION, NORMAL (flat normals generated when
//     absent), TANGENT (generated when a normal map needs them), TEXCOORD_0/1, COLOR_0,
//     JOINTS_0, WEIGHTS_0, morph targets (POSITION/NORMAL/TANGENT deltas), optimised by
//     mesh_builder.
//   - MATL: one record per glTF material used (metallic-roughness, 5 texture slots,
//     KHR_materials_emissive_strength folded into the emissive factor).
//   - TEXR/TEXB: one texture per (glTF texture, format) used: sRGB for base colour and
//     emissive, unorm for metallic-roughness, normal and occlusion, so a texture used
//     both ways is stored twice.
//   - SKIN/JNTS/F32S: one skin per glTF skin used; joints are bundle node indices;
//     inverse bind matrices (identity when absent) as column-major 4x4 floats.
//   - ANIM/ACHN/F32S: one AnimationRecord per glTF animation, in glTF order (so
//     animation i of the asset is first_animation + i), keys copied as floats.
//
// The ObjectRecord is NOT pushed: the caller pushes it at index `object_index` (before or
// after this call), e.g. with ModelPlacement::object_record().
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "trialxr/bundle/format.h"
#include "trialxr/compiler/bundle_content.h"
#include "trialxr/core/diagnostic.h"
#include "trialxr/core/result.h"

namespace trialxr::compiler {

// glTF extensions the importer understands; a file requiring any other is refused.
// KHR_mesh_quantization: integer (normalized or not) vertex attributes, decoded to float.
// KHR_materials_emissive_strength: multiplies the emissive factor.
const std::vector<std::string>& supported_gltf_extensions();

struct ModelAnimationInfo {
  std::string name;       // the glTF name; "animation<N>" (glTF index N) when unnamed
  float duration = 0.0f;  // seconds: the latest key of any channel that is kept
};

namespace detail {
struct ModelData;  // the parsed and decoded model (model_data.h, private)
}

class ModelAsset {
 public:
  ModelAsset();
  explicit ModelAsset(std::unique_ptr<detail::ModelData> data);
  ModelAsset(ModelAsset&&) noexcept;
  ModelAsset& operator=(ModelAsset&&) noexcept;
  ~ModelAsset();

  const std::string& path() const;

  // One name per glTF node, in glTF order: the node's name, "node<N>" (glTF index N) when
  // it has none, and "<name>~<N>" for a name an earlier node already has (a warning at
  // load). Names are otherwise kept as they are, dots included ("Bone.001").
  const std::vector<std::string>& node_names() const;
  // Whether glTF node `index` is in the imported scene (only those become bundle nodes).
  bool node_in_scene(std::size_t index) const;
  // glTF index of the node called `name` (as in node_names) that is in the scene.
  std::optional<std::size_t> find_node(std::string_view name) const;

  const std::vector<ModelAnimationInfo>& animations() const;

  // Every file the model was read from: the .gltf or .glb first, then external buffers
  // and images in the order they were read (for hashing the compiler's inputs).
  const std::vector<std::string>& input_files() const;

  const detail::ModelData& data() const;

 private:
  std::unique_ptr<detail::ModelData> data_;
};

// Loads, checks and decodes a .gltf or .glb file (the format is taken from the bytes, not
// the extension). See the top of this header.
Result<ModelAsset> load_model(const std::string& path, Diagnostics& diags);

// Where append_model put one placement of a model.
struct ModelPlacement {
  std::uint32_t root_node = bundle::kNone;  // == first_node
  std::uint32_t first_node = 0;             // the object's nodes: [first, first + count)
  std::uint32_t node_count = 0;             // the root plus the scene's nodes
  std::uint32_t first_animation = 0;
  std::uint32_t animation_count = 0;
  // Bundle node index of each glTF node (glTF order); kNone for nodes not in the scene.
  std::vector<std::uint32_t> gltf_node;

  // The ObjectRecord for this placement (kind model); `name` and `source` are the
  // script's object name and asset path, interned by the caller.
  bundle::ObjectRecord object_record(bundle::StrRef name, bundle::StrRef source) const;
};

ModelPlacement append_model(const ModelAsset& asset, std::string_view object_name,
                            std::uint32_t object_index, BundleContent& content);

}  // namespace trialxr::compiler
