#include "trialxr/compiler/mesh_builder.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>

#include "gltf_fixture.h"
#include "trialxr/compiler/primitives.h"

namespace trialxr::compiler {
namespace {

using testing::triangle_set;

// A wavy grid of (n+1)^2 vertices with every vertex duplicated (as a non-indexed mesh
// would be), morph deltas that are a function of the position, and colours.
MeshData duplicated_grid(std::uint32_t n) {
  MeshData grid;
  auto vertex = [&](std::uint32_t x, std::uint32_t y) {
    const float fx = static_cast<float>(x), fy = static_cast<float>(y);
    return Vec3{fx, fy, std::sin(fx * 0.7f) * std::cos(fy * 0.3f)};
  };
  for (std::uint32_t y = 0; y < n; ++y) {
    for (std::uint32_t x = 0; x < n; ++x) {
      for (const auto& [dx, dy] : std::array<std::pair<std::uint32_t, std::uint32_t>, 6>{
               {{0, 0}, {1, 0}, {1, 1}, {0, 0}, {1, 1}, {0, 1}}}) {
        grid.indices.push_back(static_cast<std::uint32_t>(grid.positions.size()));
        grid.positions.push_back(vertex(x + dx, y + dy));
      }
    }
  }
  grid.normals.assign(grid.positions.size(), Vec3{0, 0, 1});
  MorphTargetData target;
  for (const Vec3& p : grid.positions) {
    target.positions.push_back({2 * p[0], 2 * p[1], 2 * p[2]});
    grid.colors.push_back({p[0] / static_cast<float>(n), p[1] / static_cast<float>(n), 0, 1});
  }
  grid.targets.push_back(target);
  return grid;
}

TEST(MeshBuilder, OptimiseKeepsTheTriangleSet) {
  MeshData mesh = duplicated_grid(12);
  const auto before = triangle_set(mesh);
  const std::size_t before_vertices = mesh.vertex_count();
  optimize_mesh(mesh);
  EXPECT_EQ(check_mesh(mesh), "");
  EXPECT_EQ(triangle_set(mesh), before);
  EXPECT_EQ(mesh.vertex_count(), 13u * 13u) << "exact duplicates are welded";
  EXPECT_LT(mesh.vertex_count(), before_vertices);
}

TEST(MeshBuilder, OptimiseMovesEveryStreamWithItsVertex) {
  MeshData mesh = duplicated_grid(6);
  optimize_mesh(mesh);
  ASSERT_EQ(mesh.targets.size(), 1u);
  ASSERT_EQ(mesh.targets[0].positions.size(), mesh.vertex_count());
  ASSERT_EQ(mesh.colors.size(), mesh.vertex_count());
  for (std::size_t i = 0; i < mesh.vertex_count(); ++i) {
    const Vec3& p = mesh.positions[i];
    EXPECT_EQ(mesh.targets[0].positions[i], (Vec3{2 * p[0], 2 * p[1], 2 * p[2]}));
    EXPECT_EQ(mesh.colors[i][0], p[0] / 6.0f);
    EXPECT_EQ(mesh.colors[i][1], p[1] / 6.0f);
  }
}

TEST(MeshBuilder, OptimiseKeepsShapesTriangles) {
  PrimitiveShape sphere;
  sphere.kind = ShapeKind::sphere;
  MeshData mesh = build_shape(sphere);
  const auto before = triangle_set(mesh);
  optimize_mesh(mesh);
  EXPECT_EQ(triangle_set(mesh), before);
}

TEST(MeshBuilder, OptimiseDropsUnusedVertices) {
  MeshData mesh;
  mesh.positions = {{0, 0, 0}, {9, 9, 9}, {1, 0, 0}, {0, 1, 0}};
  mesh.indices = {0, 2, 3};
  optimize_mesh(mesh);
  EXPECT_EQ(mesh.vertex_count(), 3u);
  for (const Vec3& p : mesh.positions) EXPECT_NE(p, (Vec3{9, 9, 9}));
}

TEST(MeshBuilder, CheckMeshFindsInconsistencies) {
  MeshData mesh;
  mesh.positions = {{0, 0, 0}, {1, 0, 0}, {0, 1, 0}};
  mesh.indices = {0, 1, 2};
  EXPECT_EQ(check_mesh(mesh), "");
  mesh.normals = {{0, 0, 1}};
  EXPECT_NE(check_mesh(mesh), "");
  mesh.normals.clear();
  mesh.indices = {0, 1, 3};
  EXPECT_NE(check_mesh(mesh), "");
  mesh.indices = {0, 1};
  EXPECT_NE(check_mesh(mesh), "");
}

TEST(MeshBuilder, WritePrimitiveLaysOutStreams) {
  MeshData mesh;
  mesh.positions = {{0, 0, 0}, {1, 0, 0}, {0, 2, -1}};
  mesh.normals = {{0, 0, 1}, {0, 0, 1}, {0, 0, 1}};
  mesh.joints = {{1, 2, 3, 4}, {5, 6, 7, 8}, {9, 10, 11, 12}};
  mesh.weights = {{1, 0, 0, 0}, {1, 0, 0, 0}, {1, 0, 0, 0}};
  mesh.indices = {0, 1, 2};
  mesh.targets.push_back({{{1, 1, 1}, {2, 2, 2}, {3, 3, 3}}, {}, {}});
  BundleContent content;
  content.geometry.append(std::as_bytes(std::span<const char>("xy", 2)), 1);  // misalign
  const std::uint32_t p = write_primitive(mesh, 7, content);
  ASSERT_EQ(p, 0u);
  const bundle::PrimitiveRecord& rec = content.primitives[0];
  EXPECT_EQ(rec.material, 7u);
  EXPECT_EQ(rec.vertex_count, 3u);
  EXPECT_EQ(rec.index_count, 3u);
  EXPECT_EQ(rec.index_type, bundle::IndexType::uint16);
  EXPECT_EQ(rec.indices.size, 6u);
  const auto& geom = content.geometry.bytes();
  auto stream = [&](bundle::Attribute a) { return rec.attributes[static_cast<std::size_t>(a)]; };
  for (std::uint32_t a = 0; a < bundle::kAttributeCount; ++a) {
    const bundle::StreamRef s = rec.attributes[a];
    if (s.size == 0) continue;
    EXPECT_EQ(s.offset % 4, 0u);
    EXPECT_EQ(s.size, std::uint64_t{bundle::kAttributeStride[a]} * 3);
  }
  EXPECT_EQ(stream(bundle::Attribute::tangent).size, 0u);
  EXPECT_EQ(stream(bundle::Attribute::texcoord0).size, 0u);
  float y2 = 0;
  std::memcpy(&y2, geom.data() + stream(bundle::Attribute::position).offset + 2 * 12 + 4, 4);
  EXPECT_EQ(y2, 2.0f);
  std::uint16_t joint = 0;
  std::memcpy(&joint, geom.data() + stream(bundle::Attribute::joints0).offset + 8 + 2, 2);
  EXPECT_EQ(joint, 6u);
  EXPECT_EQ(rec.bounds_min[2], -1.0f);
  EXPECT_EQ(rec.bounds_max[1], 2.0f);
  ASSERT_EQ(rec.target_count, 1u);
  const bundle::MorphTargetRecord& t = content.morph_targets[rec.first_target];
  EXPECT_EQ(t.position.size, 36u);
  EXPECT_EQ(t.position.offset % 4, 0u);
  EXPECT_EQ(t.normal.size, 0u);
}

TEST(MeshBuilder, LargeMeshesUse32BitIndices) {
  MeshData mesh;
  const std::uint32_t n = 300;  // 301^2 = 90601 vertices
  for (std::uint32_t y = 0; y <= n; ++y)
    for (std::uint32_t x = 0; x <= n; ++x)
      mesh.positions.push_back({static_cast<float>(x), static_cast<float>(y), 0});
  for (std::uint32_t y = 0; y < n; ++y) {
    for (std::uint32_t x = 0; x < n; ++x) {
      const std::uint32_t a = y * (n + 1) + x, b = a + 1, c = a + n + 1, d = c + 1;
      mesh.indices.insert(mesh.indices.end(), {a, b, d, a, d, c});
    }
  }
  BundleContent content;
  const std::uint32_t m = append_mesh(mesh, bundle::kNone, content);
  const bundle::PrimitiveRecord& rec = content.primitives[content.meshes[m].first_primitive];
  EXPECT_EQ(rec.vertex_count, 301u * 301u);
  EXPECT_EQ(rec.index_type, bundle::IndexType::uint32);
  EXPECT_EQ(rec.indices.size, std::uint64_t{rec.index_count} * 4);
  EXPECT_EQ(rec.bounds_max[0], 300.0f);
}

TEST(MeshBuilder, AppendMeshIsDeterministic) {
  BundleContent a, b;
  append_mesh(duplicated_grid(8), 0, a);
  append_mesh(duplicated_grid(8), 0, b);
  EXPECT_EQ(testing::content_bytes(a), testing::content_bytes(b));
  EXPECT_EQ(a.meshes[0].weight_count, 1u) << "a weight per morph target";
}

TEST(MeshBuilder, FlatNormalsFaceOutwards) {
  MeshData mesh;
  mesh.positions = {{0, 0, 0}, {1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
  mesh.indices = {0, 2, 1, 0, 1, 3};
  generate_flat_normals(mesh);
  ASSERT_EQ(mesh.vertex_count(), 6u);
  EXPECT_EQ(mesh.normals[0], (Vec3{0, 0, -1}));
  EXPECT_EQ(mesh.normals[3], (Vec3{0, -1, 0}));
}

TEST(MeshBuilder, GeneratedTangentsFollowTheUVs) {
  // A quad facing +Z with u along +X and v along -Y (image upright): T = +X, w = +1.
  MeshData quad = build_quad(2.0f, 1.0f);
  quad.tangents.clear();
  generate_tangents(quad, 0);
  ASSERT_EQ(quad.tangents.size(), 4u);
  for (const Vec4& t : quad.tangents) {
    EXPECT_NEAR(t[0], 1.0f, 1e-6f);
    EXPECT_NEAR(t[1], 0.0f, 1e-6f);
    EXPECT_EQ(t[3], 1.0f);
  }
  // Mirrored V: the handedness flips.
  for (Vec2& uv : quad.texcoord0) uv[1] = 1.0f - uv[1];
  generate_tangents(quad, 0);
  for (const Vec4& t : quad.tangents) EXPECT_EQ(t[3], -1.0f);
}

}  // namespace
}  // namespace trialxr::compiler
