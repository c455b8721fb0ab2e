#include "gltf_fixture.h"

#include <gtest/gtest.h>
#include <stb/stb_image_write.h>

#include <algorithm>
#include <cstring>
#include <limits>

namespace trialxr::testing {

GltfBuilder::GltfBuilder() {
  model_.asset.version = "2.0";
  model_.asset.generator = "trialxr tests";
  model_.buffers.emplace_back();
}

int GltfBuilder::add_view(std::span<const std::byte> bytes, std::size_t stride) {
  auto& data = model_.buffers[0].data;
  while (data.size() % 4 != 0) data.push_back(0);
  tinygltf::BufferView view;
  view.buffer = 0;
  view.byteOffset = data.size();
  view.byteLength = bytes.size();
  view.byteStride = stride;
  for (std::byte b : bytes) data.push_back(std::to_integer<unsigned char>(b));
  model_.bufferViews.push_back(view);
  return static_cast<int>(model_.bufferViews.size() - 1);
}

int GltfBuilder::add_accessor(std::span<const std::byte> bytes, int component_type, int type,
                              std::size_t count, bool normalized, std::size_t stride) {
  tinygltf::Accessor acc;
  acc.bufferView = add_view(bytes, stride);
  acc.componentType = component_type;
  acc.type = type;
  acc.count = count;
  acc.normalized = normalized;
  model_.accessors.push_back(acc);
  return static_cast<int>(model_.accessors.size() - 1);
}

int GltfBuilder::add_floats(const std::vector<float>& values, int type) {
  const auto comps =
      static_cast<std::size_t>(tinygltf::GetNumComponentsInType(static_cast<std::uint32_t>(type)));
  const int index = add_accessor(std::as_bytes(std::span<const float>(values)),
                                 TINYGLTF_COMPONENT_TYPE_FLOAT, type, values.size() / comps);
  auto& acc = model_.accessors.back();
  acc.minValues.assign(comps, std::numeric_limits<double>::max());
  acc.maxValues.assign(comps, std::numeric_limits<double>::lowest());
  for (std::size_t i = 0; i < values.size(); ++i) {
    acc.minValues[i % comps] = std::min(acc.minValues[i % comps], static_cast<double>(values[i]));
    acc.maxValues[i % comps] = std::max(acc.maxValues[i % comps], static_cast<double>(values[i]));
  }
  return index;
}

int GltfBuilder::add_node(const std::string& name) {
  tinygltf::Node node;
  node.name = name;
  model_.nodes.push_back(node);
  return static_cast<int>(model_.nodes.size() - 1);
}

int GltfBuilder::add_png_image(const std::vector<std::uint8_t>& rgba, int width, int height,
                               const std::string& name) {
  std::vector<std::uint8_t> png = encode_png(rgba, width, height);
  tinygltf::Image image;
  image.name = name;
  image.mimeType = "image/png";
  image.bufferView = add_view(std::as_bytes(std::span<const std::uint8_t>(png)));
  model_.images.push_back(image);
  return static_cast<int>(model_.images.size() - 1);
}

std::string save_gltf(const tinygltf::Model& model, const TempDir& dir, const std::string& stem,
                      GltfForm form) {
  tinygltf::TinyGLTF writer;
  const bool binary = form == GltfForm::binary;
  const bool embed = form != GltfForm::external;
  const std::string path = dir.file(stem + (binary ? ".glb" : ".gltf"));
  EXPECT_TRUE(writer.WriteGltfSceneToFile(&model, path, embed, embed, !binary, binary))
      << "tinygltf could not write " << path;
  return path;
}

std::vector<std::uint8_t> encode_png(const std::vector<std::uint8_t>& rgba, int width, int height) {
  std::vector<std::uint8_t> out;
  auto sink = [](void* ctx, void* data, int size) {
    auto* v = static_cast<std::vector<std::uint8_t>*>(ctx);
    const auto* p = static_cast<const std::uint8_t*>(data);
    v->insert(v->end(), p, p + size);
  };
  EXPECT_NE(stbi_write_png_to_func(sink, &out, width, height, 4, rgba.data(), width * 4), 0);
  return out;
}

std::vector<std::uint8_t> checker_2x2() {
  return {0, 0, 0, 255, 255, 255, 255, 255, 255, 255, 255, 255, 0, 0, 0, 255};
}

std::vector<std::byte> content_bytes(const compiler::BundleContent& c) {
  std::vector<std::byte> out;
  auto add = [&](const std::vector<std::byte>& b) {
    const std::uint64_t n = b.size();
    const auto* p = reinterpret_cast<const std::byte*>(&n);
    out.insert(out.end(), p, p + sizeof n);
    out.insert(out.end(), b.begin(), b.end());
  };
  const std::string& s = c.strings.bytes();
  add(std::vector<std::byte>(reinterpret_cast<const std::byte*>(s.data()),
                             reinterpret_cast<const std::byte*>(s.data() + s.size())));
  add(bytes_of(c.objects));
  add(bytes_of(c.nodes));
  add(bytes_of(c.meshes));
  add(bytes_of(c.primitives));
  add(bytes_of(c.morph_targets));
  add(bytes_of(c.materials));
  add(bytes_of(c.textures));
  add(bytes_of(c.skins));
  add(bytes_of(c.joints));
  add(bytes_of(c.animations));
  add(bytes_of(c.channels));
  add(bytes_of(c.floats));
  add(c.geometry.bytes());
  add(c.texels.bytes());
  return out;
}

std::vector<std::array<float, 9>> triangle_set(const compiler::MeshData& mesh) {
  std::vector<std::array<float, 9>> out;
  for (std::size_t t = 0; t + 2 < mesh.indices.size(); t += 3) {
    std::array<compiler::Vec3, 3> corner = {mesh.positions[mesh.indices[t]],
                                            mesh.positions[mesh.indices[t + 1]],
                                            mesh.positions[mesh.indices[t + 2]]};
    auto first = std::min_element(corner.begin(), corner.end()) - corner.begin();
    std::array<float, 9> tri{};
    for (std::size_t k = 0; k < 3; ++k) {
      const auto& p = corner[(static_cast<std::size_t>(first) + k) % 3];
      std::copy(p.begin(), p.end(), tri.begin() + static_cast<std::ptrdiff_t>(k * 3));
    }
    out.push_back(tri);
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace trialxr::testing
