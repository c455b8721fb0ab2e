// GltfLoader: checks a model parsed by tinygltf and decodes it into detail::ModelData
// (model_data.h), which append_model then copies into a bundle. Every problem with the
// file is found here. The steps live in one file each: gltf_loader.cpp (the driver and
// accessor reading), gltf_load_nodes.cpp, gltf_load_meshes.cpp, gltf_load_materials.cpp
// and gltf_load_animation.cpp. Private to the importer.
#pragma once

#include <array>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "model_data.h"
#include "tinygltf_wrap.h"
#include "trialxr/core/diagnostic.h"
#include "trialxr/core/result.h"

namespace trialxr::compiler::detail {

// Warning codes of the model importer (listed in model_import.h).
inline constexpr const char* kWarnExtension = "TX0601";  // optional extension ignored
inline constexpr const char* kWarnPrimitive = "TX0602";  // primitive skipped or trimmed
inline constexpr const char* kWarnAttribute = "TX0603";  // vertex attribute ignored
inline constexpr const char* kWarnAnimation = "TX0604";  // animation channel dropped/changed
inline constexpr const char* kWarnNodeName = "TX0605";   // duplicate node name renamed
inline constexpr const char* kWarnTexture = "TX0606";    // texture not usable
inline constexpr const char* kWarnParser = "TX0607";     // tinygltf's own warnings
inline constexpr const char* kWarnOther = "TX0608";      // anything else ignored or adjusted

// " ('name')", or nothing for an empty name: for messages.
inline std::string quoted_name(const std::string& name) {
  return name.empty() ? std::string() : " ('" + name + "')";
}

template <class Vec>
bool valid_index(int index, const Vec& v) {
  return index >= 0 && static_cast<std::size_t>(index) < v.size();
}

class GltfLoader {
 public:
  GltfLoader(const std::string& path, Diagnostics& diags, tinygltf::Model& gm, ModelData& out)
      : path_(path), diags_(diags), gm_(gm), out_(out) {}

  // Runs every step in order; the first error stops it. Errors name the file.
  Status run();

 private:
  tl::unexpected<Error> error(const std::string& message) const {
    return fail(path_ + ": " + message);
  }
  void warn(const char* code, std::string message, std::string hint = {}) {
    diags_.warning(code, path_, SourceLoc{}, std::move(message), std::move(hint));
  }
  std::string node_label(std::size_t i) const {
    return "node " + std::to_string(i) + quoted_name(gm_.nodes[i].name);
  }
  std::string mesh_label(std::size_t i) const {
    return "mesh " + std::to_string(i) + quoted_name(gm_.meshes[i].name);
  }

  // Accessor `index` as floats, of one of `types`; `what` says what it is for.
  Result<std::vector<float>> floats(int index, std::initializer_list<int> types,
                                    const std::string& what, int* type_out = nullptr);
  Result<std::vector<std::uint32_t>> uints(int index, int type, const std::string& what);

  // Flat components to fixed-size elements.
  template <class T, std::size_t N>
  static std::vector<std::array<T, N>> group(const std::vector<T>& flat) {
    std::vector<std::array<T, N>> out(flat.size() / N);
    for (std::size_t i = 0; i < out.size(); ++i)
      for (std::size_t k = 0; k < N; ++k) out[i][k] = flat[i * N + k];
    return out;
  }

  // gltf_load_nodes.cpp: names, hierarchy, transforms, the scene's nodes.
  Status node_transform(std::size_t i);
  Status nodes();
  Status scene();

  // gltf_load_meshes.cpp: the meshes the scene draws, decoded and optimised.
  Status meshes();
  Status mesh(std::size_t m);
  Result<std::optional<PrimitiveData>> primitive(std::size_t m, std::size_t p);

  // gltf_load_materials.cpp: materials, the textures they use and their images.
  Result<TextureRef> texture_ref(int index, int tex_coord, double scale, const std::string& what,
                                 bool srgb);
  Status materials();
  Status textures();

  // gltf_load_animation.cpp: skins and animations.
  Status skins();
  Status animations();

  const std::string& path_;
  Diagnostics& diags_;
  tinygltf::Model& gm_;
  ModelData& out_;
  std::set<int> srgb_textures_;  // glTF textures used as colour
  std::set<int> data_textures_;  // and as data
};

}  // namespace trialxr::compiler::detail
