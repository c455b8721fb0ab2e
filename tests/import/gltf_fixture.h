// Test helpers for the importer tests: building glTF models in memory with tinygltf and
// saving them as .gltf (embedded or external buffers) or .glb; PNG encoding.
#pragma once

#include <tiny_gltf.h>

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "temp_dir.h"
#include "trialxr/compiler/bundle_content.h"
#include "trialxr/compiler/mesh_builder.h"

namespace trialxr::testing {

// Builds a tinygltf::Model with all binary data in buffer 0.
class GltfBuilder {
 public:
  GltfBuilder();

  tinygltf::Model& model() { return model_; }

  // Appends `bytes` to buffer 0 at a 4-byte boundary; returns a new buffer view.
  int add_view(std::span<const std::byte> bytes, std::size_t stride = 0);

  // An accessor over `count` elements of `type` stored as `values` (already laid out,
  // including any padding when `stride` is given).
  int add_accessor(std::span<const std::byte> bytes, int component_type, int type,
                   std::size_t count, bool normalized = false, std::size_t stride = 0);

  // Float accessor; POSITION-style min/max are set.
  int add_floats(const std::vector<float>& values, int type);

  template <class T>
  int add_ints(const std::vector<T>& values, int component_type, int type,
               bool normalized = false) {
    const std::size_t comps = static_cast<std::size_t>(
        tinygltf::GetNumComponentsInType(static_cast<std::uint32_t>(type)));
    return add_accessor(std::as_bytes(std::span<const T>(values)), component_type, type,
                        values.size() / comps, normalized);
  }

  int add_node(const std::string& name);
  // A PNG-encoded image stored in a buffer view.
  int add_png_image(const std::vector<std::uint8_t>& rgba, int width, int height,
                    const std::string& name);

 private:
  tinygltf::Model model_;
};

enum class GltfForm { embedded, external, binary };

// Saves `model` into `dir` as "<stem>.gltf" (+ "<stem>.bin" when external) or
// "<stem>.glb"; returns the main file's path. Fails the test when tinygltf fails.
std::string save_gltf(const tinygltf::Model& model, const TempDir& dir, const std::string& stem,
                      GltfForm form);

std::vector<std::uint8_t> encode_png(const std::vector<std::uint8_t>& rgba, int width, int height);

// A 2x2 black/white RGBA checker (black at top-left).
std::vector<std::uint8_t> checker_2x2();

// The bytes of a vector of trivially copyable records.
template <class T>
std::vector<std::byte> bytes_of(const std::vector<T>& v) {
  auto b = std::as_bytes(std::span<const T>(v));
  return {b.begin(), b.end()};
}

// Every table and blob of `c`, serialised: equal content gives equal bytes.
std::vector<std::byte> content_bytes(const compiler::BundleContent& c);

// Triangles as position triples, each rotated to start at its smallest corner (so the
// winding is kept), sorted: two meshes with the same triangles give the same list.
std::vector<std::array<float, 9>> triangle_set(const compiler::MeshData& mesh);

}  // namespace trialxr::testing
