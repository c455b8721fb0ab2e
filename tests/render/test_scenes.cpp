#include "test_scenes.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "trialxr/compiler/bundle_writer.h"

namespace trialxr::testing {

SceneBuilder::SceneBuilder() {
  content_.meta.title_line = 0;
  content_.languages.push_back(content_.strings.intern("en"));
  content_.lines.push_back(
      {content_.strings.intern("title"), 1, static_cast<std::uint32_t>(bundle::LineKind::title)});
  content_.line_text.push_back({content_.strings.intern("Render test"), 0, 0});
}

std::uint32_t SceneBuilder::material(std::array<float, 4> rgba, float metallic, float roughness) {
  bundle::MaterialRecord m{};
  const auto index = static_cast<std::uint32_t>(content_.materials.size());
  m.name = content_.strings.intern("material" + std::to_string(index));
  std::copy(rgba.begin(), rgba.end(), m.base_color);
  m.metallic = metallic;
  m.roughness = roughness;
  m.alpha_cutoff = 0.5f;
  m.alpha_mode = rgba[3] < 1.0f ? bundle::AlphaMode::blend : bundle::AlphaMode::opaque;
  for (bundle::TextureSlot* slot : {&m.base_color_texture, &m.metal_rough_texture,
                                    &m.normal_texture, &m.occlusion_texture, &m.emissive_texture}) {
    *slot = {bundle::kNone, 0, 1.0f};
  }
  content_.materials.push_back(m);
  return index;
}

std::uint32_t SceneBuilder::texture(const compiler::ImageAsset& image, bundle::TextureFormat format,
                                    const compiler::SamplerDesc& sampler) {
  const std::string name = "texture" + std::to_string(content_.textures.size());
  return compiler::append_texture(image, format, sampler, name, content_);
}

std::uint32_t SceneBuilder::mesh(compiler::MeshData mesh, std::uint32_t material) {
  return compiler::append_mesh(std::move(mesh), material, content_);
}

std::uint32_t SceneBuilder::shape(const compiler::PrimitiveShape& shape, std::uint32_t material) {
  return mesh(compiler::build_shape(shape), material);
}

bundle::Bundle SceneBuilder::build() {
  auto bytes = compiler::write_bundle(content_, nullptr, "render-test");
  if (!bytes) throw std::runtime_error(bytes.error().message);
  bundle::OpenOptions options;
  options.policy = bundle::TrustPolicy::allow_unsigned;
  auto opened = bundle::Bundle::open_bytes(*bytes, options, "render-test");
  if (!opened) throw std::runtime_error(opened.error().message);
  return std::move(*opened);
}

compiler::PrimitiveShape box(float x, float y, float z) {
  compiler::PrimitiveShape s;
  s.kind = compiler::ShapeKind::box;
  s.size = {x, y, z};
  return s;
}

compiler::PrimitiveShape sphere(float radius) {
  compiler::PrimitiveShape s;
  s.kind = compiler::ShapeKind::sphere;
  s.radius = radius;
  return s;
}

compiler::ImageAsset checker(std::uint32_t size, std::uint32_t cells, std::array<std::uint8_t, 4> a,
                             std::array<std::uint8_t, 4> b) {
  compiler::ImageAsset image;
  image.path = "checker";
  image.width = image.height = size;
  image.rgba.resize(std::size_t{size} * size * 4);
  const std::uint32_t cell = size / cells;
  for (std::uint32_t y = 0; y < size; ++y) {
    for (std::uint32_t x = 0; x < size; ++x) {
      const auto& c = ((x / cell + y / cell) % 2 == 0) ? a : b;
      std::copy(c.begin(), c.end(), image.rgba.begin() + (std::size_t{y} * size + x) * 4);
    }
  }
  return image;
}

compiler::ImageAsset bump_normal_map(std::uint32_t size, std::uint32_t cells) {
  compiler::ImageAsset image;
  image.path = "bumps";
  image.width = image.height = size;
  image.rgba.resize(std::size_t{size} * size * 4);
  const float cell = static_cast<float>(size) / static_cast<float>(cells);
  for (std::uint32_t y = 0; y < size; ++y) {
    for (std::uint32_t x = 0; x < size; ++x) {
      // Offset from the cell centre in [-1, 1]; "up" in the image is +Y of tangent space.
      const float u = std::fmod((static_cast<float>(x) + 0.5f) / cell, 1.0f) * 2.0f - 1.0f;
      const float v = -(std::fmod((static_cast<float>(y) + 0.5f) / cell, 1.0f) * 2.0f - 1.0f);
      float nx = 0.0f;
      float ny = 0.0f;
      const float r2 = u * u + v * v;
      if (r2 < 0.7f) {  // a hemispherical bump of radius ~0.84 cells
        const float h = std::sqrt(0.7f - r2 + 0.05f);
        nx = u / h;
        ny = v / h;
      }
      const float len = std::sqrt(nx * nx + ny * ny + 1.0f);
      const float n[3] = {nx / len, ny / len, 1.0f / len};
      std::uint8_t* px = image.rgba.data() + (std::size_t{y} * size + x) * 4;
      for (int c = 0; c < 3; ++c) {
        px[c] = static_cast<std::uint8_t>(std::lround((n[c] * 0.5f + 0.5f) * 255.0f));
      }
      px[3] = 255;
    }
  }
  return image;
}

compiler::MeshData skinned_tube(float radius, float length, std::uint32_t rings,
                                std::uint32_t segments) {
  compiler::MeshData m;
  constexpr float kTwoPi = 6.2831853f;
  for (std::uint32_t i = 0; i < rings; ++i) {
    const float t = static_cast<float>(i) / static_cast<float>(rings - 1);
    const float y = t * length;
    const float blend = std::clamp((t - 0.4f) / 0.2f, 0.0f, 1.0f);
    for (std::uint32_t s = 0; s <= segments; ++s) {
      const float a = kTwoPi * static_cast<float>(s) / static_cast<float>(segments);
      m.positions.push_back({radius * std::sin(a), y, radius * std::cos(a)});
      m.normals.push_back({std::sin(a), 0.0f, std::cos(a)});
      m.texcoord0.push_back({static_cast<float>(s) / static_cast<float>(segments), 1.0f - t});
      m.joints.push_back({0, 1, 0, 0});
      m.weights.push_back({1.0f - blend, blend, 0.0f, 0.0f});
    }
  }
  const std::uint32_t row = segments + 1;
  for (std::uint32_t i = 0; i + 1 < rings; ++i) {
    for (std::uint32_t s = 0; s < segments; ++s) {
      const std::uint32_t a = i * row + s;
      const std::uint32_t b = a + 1;
      const std::uint32_t c = a + row + 1;
      const std::uint32_t d = a + row;
      m.indices.insert(m.indices.end(), {a, b, c, a, c, d});
    }
  }
  return m;
}

}  // namespace trialxr::testing
