#include "trialxr/compiler/primitives.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>

#include "gltf_fixture.h"

namespace trialxr::compiler {
namespace {

Vec3 sub(const Vec3& a, const Vec3& b) {
  return {a[0] - b[0], a[1] - b[1], a[2] - b[2]};
}
Vec3 cross(const Vec3& a, const Vec3& b) {
  return {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
}
float dot(const Vec3& a, const Vec3& b) {
  return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}
float length(const Vec3& v) {
  return std::sqrt(dot(v, v));
}

struct ShapeCase {
  const char* name;
  PrimitiveShape shape;
  std::size_t vertices;  // after optimisation
  std::size_t indices;
  Vec3 min;
  Vec3 max;
};

PrimitiveShape make(ShapeKind kind, std::array<float, 3> size, float radius, float height,
                    float length_) {
  PrimitiveShape s;
  s.kind = kind;
  s.size = size;
  s.radius = radius;
  s.height = height;
  s.length = length_;
  return s;
}

constexpr std::size_t S = kSegments;
// A lathe of P profile points: P * (S + 1) vertices less the two unused seam vertices at
// the collapsed ends; 2S(P - 1) quads' triangles less the 2S collapsed ones.
constexpr std::size_t lathe_vertices(std::size_t p) {
  return p * (S + 1) - 2;
}
constexpr std::size_t lathe_indices(std::size_t p) {
  return 3 * (2 * S * (p - 1) - 2 * S);
}
// A disc (2 profile points): S + 1 rim vertices, S centre vertices, S triangles.
constexpr std::size_t kDiscVertices = 2 * S + 1;
constexpr std::size_t kDiscIndices = 3 * S;
constexpr std::size_t kTubeVertices = 2 * (S + 1);
constexpr std::size_t kTubeIndices = 6 * S;

std::vector<ShapeCase> cases() {
  const float head = kArrowHeadRadius * 0.02f;
  return {
      {"box",
       make(ShapeKind::box, {0.2f, 0.4f, 0.6f}, 0, 0, 0),
       24,
       36,
       {-0.1f, -0.2f, -0.3f},
       {0.1f, 0.2f, 0.3f}},
      {"plane",
       make(ShapeKind::plane, {1.0f, 0.0f, 2.0f}, 0, 0, 0),
       4,
       6,
       {-0.5f, 0, -1.0f},
       {0.5f, 0, 1.0f}},
      {"sphere",
       make(ShapeKind::sphere, {}, 0.25f, 0, 0),
       lathe_vertices(kSphereRings + 1),
       lathe_indices(kSphereRings + 1),
       {-0.25f, -0.25f, -0.25f},
       {0.25f, 0.25f, 0.25f}},
      {"cylinder",
       make(ShapeKind::cylinder, {}, 0.1f, 0.5f, 0),
       2 * kDiscVertices + kTubeVertices,
       2 * kDiscIndices + kTubeIndices,
       {-0.1f, -0.25f, -0.1f},
       {0.1f, 0.25f, 0.1f}},
      {"capsule",
       make(ShapeKind::capsule, {}, 0.1f, 0.5f, 0),
       lathe_vertices(2 * kCapsuleCapRings + 2),
       lathe_indices(2 * kCapsuleCapRings + 2),
       {-0.1f, -0.25f, -0.1f},
       {0.1f, 0.25f, 0.1f}},
      {"round capsule",
       make(ShapeKind::capsule, {}, 0.1f, 0.2f, 0),
       lathe_vertices(2 * kCapsuleCapRings + 1),
       lathe_indices(2 * kCapsuleCapRings + 1),
       {-0.1f, -0.1f, -0.1f},
       {0.1f, 0.1f, 0.1f}},
      {"arrow",
       make(ShapeKind::arrow, {}, 0.02f, 0, 0.5f),
       3 * kDiscVertices + kTubeVertices,
       3 * kDiscIndices + kTubeIndices,
       {-head, 0.0f, -head},
       {head, 0.5f, head}},
  };
}

void expect_near(const float (&a)[3], const Vec3& b, const char* what) {
  for (std::size_t k = 0; k < 3; ++k) EXPECT_NEAR(a[k], b[k], 1e-5f) << what << " axis " << k;
}

TEST(Primitives, CountsAndBounds) {
  for (const ShapeCase& c : cases()) {
    SCOPED_TRACE(c.name);
    BundleContent content;
    const std::uint32_t mesh = append_primitive(c.shape, {1, 0, 0, 1}, content);
    ASSERT_LT(mesh, content.meshes.size());
    const bundle::MeshRecord& m = content.meshes[mesh];
    ASSERT_EQ(m.primitive_count, 1u);
    const bundle::PrimitiveRecord& p = content.primitives[m.first_primitive];
    EXPECT_EQ(p.vertex_count, c.vertices);
    EXPECT_EQ(p.index_count, c.indices);
    expect_near(p.bounds_min, c.min, "min");
    expect_near(p.bounds_max, c.max, "max");
    for (bundle::Attribute a : {bundle::Attribute::position, bundle::Attribute::normal,
                                bundle::Attribute::tangent, bundle::Attribute::texcoord0})
      EXPECT_GT(p.attributes[static_cast<std::size_t>(a)].size, 0u);
    const bundle::MaterialRecord& mat = content.materials[p.material];
    EXPECT_EQ(mat.base_color[0], 1.0f);
    EXPECT_EQ(mat.metallic, 0.0f);
    EXPECT_EQ(mat.roughness, 0.6f);
    EXPECT_EQ(mat.alpha_mode, bundle::AlphaMode::opaque);
    EXPECT_EQ(mat.base_color_texture.texture, bundle::kNone);
  }
}

TEST(Primitives, UnitNormalsAndTangents) {
  for (const ShapeCase& c : cases()) {
    SCOPED_TRACE(c.name);
    const MeshData mesh = build_shape(c.shape);
    EXPECT_EQ(check_mesh(mesh), "");
    ASSERT_EQ(mesh.normals.size(), mesh.vertex_count());
    ASSERT_EQ(mesh.tangents.size(), mesh.vertex_count());
    ASSERT_EQ(mesh.texcoord0.size(), mesh.vertex_count());
    for (std::size_t i = 0; i < mesh.vertex_count(); ++i) {
      const Vec3& n = mesh.normals[i];
      const Vec3 t = {mesh.tangents[i][0], mesh.tangents[i][1], mesh.tangents[i][2]};
      EXPECT_NEAR(length(n), 1.0f, 1e-5f) << "vertex " << i;
      EXPECT_NEAR(length(t), 1.0f, 1e-5f) << "vertex " << i;
      EXPECT_NEAR(dot(n, t), 0.0f, 1e-5f) << "vertex " << i;
      EXPECT_EQ(std::fabs(mesh.tangents[i][3]), 1.0f);
      for (float uv : mesh.texcoord0[i]) {
        EXPECT_GE(uv, 0.0f);
        EXPECT_LE(uv, 1.0f);
      }
    }
  }
}

TEST(Primitives, CounterClockwiseFrontFaces) {
  for (const ShapeCase& c : cases()) {
    SCOPED_TRACE(c.name);
    const MeshData mesh = build_shape(c.shape);
    for (std::size_t t = 0; t < mesh.indices.size(); t += 3) {
      const std::uint32_t i[3] = {mesh.indices[t], mesh.indices[t + 1], mesh.indices[t + 2]};
      const Vec3 face = cross(sub(mesh.positions[i[1]], mesh.positions[i[0]]),
                              sub(mesh.positions[i[2]], mesh.positions[i[0]]));
      ASSERT_GT(length(face), 0.0f) << "degenerate triangle " << t / 3;
      for (std::uint32_t v : i)
        EXPECT_GT(dot(face, mesh.normals[v]), 0.0f) << "triangle " << t / 3 << " vertex " << v;
    }
  }
}

// glTF tangent space: T along increasing u; bitangent cross(N, T) * w points "up" in the
// image, i.e. along decreasing v.
TEST(Primitives, TangentFrameMatchesUVs) {
  for (const ShapeCase& c : cases()) {
    SCOPED_TRACE(c.name);
    const MeshData mesh = build_shape(c.shape);
    for (std::size_t t = 0; t < mesh.indices.size(); t += 3) {
      const std::uint32_t i0 = mesh.indices[t], i1 = mesh.indices[t + 1], i2 = mesh.indices[t + 2];
      const Vec3 e1 = sub(mesh.positions[i1], mesh.positions[i0]);
      const Vec3 e2 = sub(mesh.positions[i2], mesh.positions[i0]);
      const float du1 = mesh.texcoord0[i1][0] - mesh.texcoord0[i0][0];
      const float dv1 = mesh.texcoord0[i1][1] - mesh.texcoord0[i0][1];
      const float du2 = mesh.texcoord0[i2][0] - mesh.texcoord0[i0][0];
      const float dv2 = mesh.texcoord0[i2][1] - mesh.texcoord0[i0][1];
      const float det = du1 * dv2 - du2 * dv1;
      ASSERT_NE(det, 0.0f);
      Vec3 dpdu, dpdv;
      for (std::size_t k = 0; k < 3; ++k) {
        dpdu[k] = (e1[k] * dv2 - e2[k] * dv1) / det;
        dpdv[k] = (e2[k] * du1 - e1[k] * du2) / det;
      }
      for (std::uint32_t v : {i0, i1, i2}) {
        const Vec3 tan = {mesh.tangents[v][0], mesh.tangents[v][1], mesh.tangents[v][2]};
        Vec3 bit = cross(mesh.normals[v], tan);
        for (float& b : bit) b *= mesh.tangents[v][3];
        EXPECT_GT(dot(tan, dpdu), 0.0f) << "triangle " << t / 3;
        EXPECT_LT(dot(bit, dpdv), 0.0f) << "triangle " << t / 3;
      }
    }
  }
}

TEST(Primitives, DocumentedOrientation) {
  // The plane faces +Y; the arrow points +Y from the origin.
  const MeshData plane = build_shape(make(ShapeKind::plane, {1, 0, 1}, 0, 0, 0));
  for (const Vec3& n : plane.normals) EXPECT_EQ(n, (Vec3{0, 1, 0}));
  const MeshData arrow = build_shape(make(ShapeKind::arrow, {}, 0.01f, 0, 0.4f));
  float top = -1;
  for (const Vec3& p : arrow.positions) top = std::max(top, p[1]);
  EXPECT_FLOAT_EQ(top, 0.4f);
  const MeshData quad = build_quad(2, 1);
  for (const Vec3& n : quad.normals) EXPECT_EQ(n, (Vec3{0, 0, 1}));
  for (std::size_t i = 0; i < 4; ++i) {
    // Top-left of the image (uv 0,0) at the top-left corner seen from +Z.
    if (quad.texcoord0[i] == Vec2{0, 0}) {
      EXPECT_EQ(quad.positions[i], (Vec3{-1, 0.5f, 0}));
    }
  }
}

TEST(Primitives, TranslucentColourBlends) {
  BundleContent content;
  const std::uint32_t mesh =
      append_primitive(make(ShapeKind::box, {1, 1, 1}, 0, 0, 0), {0, 0, 1, 0.5f}, content);
  const auto& p = content.primitives[content.meshes[mesh].first_primitive];
  EXPECT_EQ(content.materials[p.material].alpha_mode, bundle::AlphaMode::blend);
  EXPECT_EQ(content.materials[p.material].base_color[3], 0.5f);
}

TEST(Primitives, ImageQuadKeepsAspectRatio) {
  ImageAsset image;
  image.path = "wide.png";
  image.width = 4;
  image.height = 2;
  image.rgba.assign(4 * 2 * 4, 200);
  for (std::size_t i = 3; i < image.rgba.size(); i += 4) image.rgba[i] = 255;
  BundleContent content;
  const ImageQuad quad = append_image_quad(image, 0.5f, "poster", content);
  EXPECT_FLOAT_EQ(quad.width, 0.5f);
  EXPECT_FLOAT_EQ(quad.height, 0.25f);
  const auto& p = content.primitives[content.meshes[quad.mesh].first_primitive];
  EXPECT_FLOAT_EQ(p.bounds_max[0] - p.bounds_min[0], 0.5f);
  EXPECT_FLOAT_EQ(p.bounds_max[1] - p.bounds_min[1], 0.25f);
  EXPECT_EQ(p.vertex_count, 4u);
  const bundle::MaterialRecord& m = content.materials[quad.material];
  EXPECT_EQ(m.base_color_texture.texture, quad.texture);
  EXPECT_EQ(m.emissive_texture.texture, quad.texture);
  EXPECT_EQ(m.alpha_mode, bundle::AlphaMode::opaque);
  EXPECT_EQ(m.flags & bundle::kMaterialDoubleSided, bundle::kMaterialDoubleSided);
  const bundle::TextureRecord& t = content.textures[quad.texture];
  EXPECT_EQ(t.format, bundle::TextureFormat::rgba8_srgb);
  EXPECT_EQ(t.width, 4u);
  EXPECT_EQ(t.mip_count, 3u);
  EXPECT_EQ(t.wrap_s, bundle::Wrap::clamp);
  EXPECT_EQ(content.strings.view(t.name), "poster");
}

}  // namespace
}  // namespace trialxr::compiler
