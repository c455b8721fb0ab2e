// Small bundles for the renderer tests, built with the compiler library: shapes, a
// bendable tube for skinning, generated textures (checker, bump normal map) and
// hand-made materials.
#pragma once

#include <array>
#include <cstdint>
#include <string>

#include "trialxr/bundle/bundle.h"
#include "trialxr/compiler/bundle_content.h"
#include "trialxr/compiler/image_import.h"
#include "trialxr/compiler/mesh_builder.h"
#include "trialxr/compiler/primitives.h"

namespace trialxr::testing {

class SceneBuilder {
 public:
  SceneBuilder();

  // A matte opaque material of `rgba` (linear); adjust the record after if needed.
  std::uint32_t material(std::array<float, 4> rgba, float metallic = 0.0f, float roughness = 0.6f);
  bundle::MaterialRecord& material_record(std::uint32_t index) { return content_.materials[index]; }
  std::uint32_t texture(const compiler::ImageAsset& image, bundle::TextureFormat format,
                        const compiler::SamplerDesc& sampler = {});
  std::uint32_t mesh(compiler::MeshData mesh, std::uint32_t material);
  std::uint32_t shape(const compiler::PrimitiveShape& shape, std::uint32_t material);

  // Writes and opens the bundle (the test fails on an error).
  bundle::Bundle build();

 private:
  compiler::BundleContent content_;
};

compiler::PrimitiveShape box(float x, float y, float z);
compiler::PrimitiveShape sphere(float radius);

// `size` x `size` checker of `cells` x `cells` squares in colours a and b (RGBA8).
compiler::ImageAsset checker(std::uint32_t size, std::uint32_t cells, std::array<std::uint8_t, 4> a,
                             std::array<std::uint8_t, 4> b);
// A tangent-space normal map of round bumps, `cells` x `cells` of them.
compiler::ImageAsset bump_normal_map(std::uint32_t size, std::uint32_t cells);

// A tube along +Y from y = 0 to `length` with `rings` rings of `segments` vertices,
// skinned to two joints: joint 0 below length/2, joint 1 above, blended over the middle
// fifth.
compiler::MeshData skinned_tube(float radius, float length, std::uint32_t rings,
                                std::uint32_t segments);

}  // namespace trialxr::testing
