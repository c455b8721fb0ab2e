#include "trialxr/compiler/mesh_builder.h"

#include <meshoptimizer.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <span>

#include "trialxr/core/check.h"

namespace trialxr::compiler {

namespace {

// Calls `fn` on every per-vertex stream of `mesh` (base attributes, then the deltas of
// each target in order). `fn` is a generic lambda taking a std::vector<T>&.
template <class Mesh, class Fn>
void for_each_stream(Mesh& mesh, Fn&& fn) {
  fn(mesh.positions);
  fn(mesh.normals);
  fn(mesh.tangents);
  fn(mesh.texcoord0);
  fn(mesh.texcoord1);
  fn(mesh.colors);
  fn(mesh.joints);
  fn(mesh.weights);
  for (auto& t : mesh.targets) {
    fn(t.positions);
    fn(t.normals);
    fn(t.tangents);
  }
}

template <class T>
void remap_stream(std::vector<T>& stream, std::size_t new_count, const unsigned int* remap) {
  if (stream.empty()) return;
  std::vector<T> out(new_count);
  meshopt_remapVertexBuffer(out.data(), stream.data(), stream.size(), sizeof(T), remap);
  stream = std::move(out);
}

// Rebuilds every stream so that vertex i of the result is vertex corner[i] of the input.
template <class T>
void gather_stream(std::vector<T>& stream, const std::vector<std::uint32_t>& corner) {
  if (stream.empty()) return;
  std::vector<T> out;
  out.reserve(corner.size());
  for (std::uint32_t c : corner) out.push_back(stream[c]);
  stream = std::move(out);
}

Vec3 sub(const Vec3& a, const Vec3& b) {
  return {a[0] - b[0], a[1] - b[1], a[2] - b[2]};
}
Vec3 cross(const Vec3& a, const Vec3& b) {
  return {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
}
float dot(const Vec3& a, const Vec3& b) {
  return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}
Vec3 normalized(const Vec3& v, const Vec3& fallback) {
  float len = std::sqrt(dot(v, v));
  if (!(len > 1e-20f)) return fallback;
  return {v[0] / len, v[1] / len, v[2] / len};
}

template <class T>
bundle::StreamRef write_stream(const std::vector<T>& stream, BundleContent& content) {
  if (stream.empty()) return {0, 0};
  std::span<const T> items(stream);
  std::uint64_t offset = content.geometry.append_array(items, 4);
  return {offset, items.size_bytes()};
}

}  // namespace

std::string check_mesh(const MeshData& mesh) {
  const std::size_t n = mesh.vertex_count();
  std::string problem;
  auto check_size = [&](const auto& stream) {
    if (problem.empty() && !stream.empty() && stream.size() != n)
      problem = "a vertex stream has " + std::to_string(stream.size()) + " entries, not " +
                std::to_string(n);
  };
  for_each_stream(mesh, check_size);
  if (!problem.empty()) return problem;
  if (mesh.indices.size() % 3 != 0) return "the index count is not a multiple of 3";
  for (std::uint32_t i : mesh.indices)
    if (i >= n) return "index " + std::to_string(i) + " is out of range";
  if (n >= std::numeric_limits<std::uint32_t>::max()) return "too many vertices";
  return {};
}

void optimize_mesh(MeshData& mesh) {
  TRIALXR_CHECK(check_mesh(mesh).empty());
  const std::size_t n = mesh.vertex_count();
  if (n == 0 || mesh.indices.empty()) {
    // Nothing draws: drop every vertex so no stream carries unused data.
    MeshData empty;
    empty.targets.resize(mesh.targets.size());
    mesh = std::move(empty);
    return;
  }

  // 1. Weld exact duplicates, comparing every stream (morph deltas included).
  std::vector<meshopt_Stream> streams;
  for_each_stream(mesh, [&](const auto& s) {
    using T = typename std::decay_t<decltype(s)>::value_type;
    if (!s.empty()) streams.push_back({s.data(), sizeof(T), sizeof(T)});
  });
  std::vector<unsigned int> remap(n);
  std::size_t unique = meshopt_generateVertexRemapMulti(
      remap.data(), mesh.indices.data(), mesh.indices.size(), n, streams.data(), streams.size());
  meshopt_remapIndexBuffer(mesh.indices.data(), mesh.indices.data(), mesh.indices.size(),
                           remap.data());
  for_each_stream(mesh, [&](auto& s) { remap_stream(s, unique, remap.data()); });

  // 2. Triangle order for the post-transform vertex cache.
  meshopt_optimizeVertexCache(mesh.indices.data(), mesh.indices.data(), mesh.indices.size(),
                              unique);

  // 3. Vertex order for fetch locality; drops vertices no triangle references.
  std::vector<unsigned int> fetch(unique);
  std::size_t used = meshopt_optimizeVertexFetchRemap(fetch.data(), mesh.indices.data(),
                                                      mesh.indices.size(), unique);
  meshopt_remapIndexBuffer(mesh.indices.data(), mesh.indices.data(), mesh.indices.size(),
                           fetch.data());
  for_each_stream(mesh, [&](auto& s) { remap_stream(s, used, fetch.data()); });
}

void generate_flat_normals(MeshData& mesh) {
  TRIALXR_CHECK(check_mesh(mesh).empty());
  std::vector<std::uint32_t> corner = mesh.indices;
  for_each_stream(mesh, [&](auto& s) { gather_stream(s, corner); });
  for (auto& t : mesh.targets) {
    t.normals.clear();
    t.tangents.clear();
  }
  mesh.tangents.clear();
  mesh.normals.assign(corner.size(), Vec3{0, 0, 1});
  for (std::size_t i = 0; i < corner.size(); ++i) mesh.indices[i] = static_cast<std::uint32_t>(i);
  for (std::size_t t = 0; t + 2 < corner.size(); t += 3) {
    const Vec3& a = mesh.positions[t];
    Vec3 n = normalized(cross(sub(mesh.positions[t + 1], a), sub(mesh.positions[t + 2], a)),
                        Vec3{0, 0, 1});
    mesh.normals[t] = mesh.normals[t + 1] = mesh.normals[t + 2] = n;
  }
}

void generate_tangents(MeshData& mesh, std::uint32_t uv_set) {
  TRIALXR_CHECK(check_mesh(mesh).empty());
  const std::vector<Vec2>& uv = uv_set == 0 ? mesh.texcoord0 : mesh.texcoord1;
  const std::size_t n = mesh.vertex_count();
  if (mesh.normals.empty() || uv.empty() || n == 0) return;
  std::vector<Vec3> tan(n, Vec3{0, 0, 0});
  std::vector<Vec3> bit(n, Vec3{0, 0, 0});
  for (std::size_t t = 0; t + 2 < mesh.indices.size(); t += 3) {
    std::uint32_t i0 = mesh.indices[t], i1 = mesh.indices[t + 1], i2 = mesh.indices[t + 2];
    Vec3 e1 = sub(mesh.positions[i1], mesh.positions[i0]);
    Vec3 e2 = sub(mesh.positions[i2], mesh.positions[i0]);
    float du1 = uv[i1][0] - uv[i0][0], dv1 = uv[i1][1] - uv[i0][1];
    float du2 = uv[i2][0] - uv[i0][0], dv2 = uv[i2][1] - uv[i0][1];
    float det = du1 * dv2 - du2 * dv1;
    if (std::fabs(det) < 1e-20f) continue;
    float r = 1.0f / det;
    // dP/du and dP/dv of the triangle.
    Vec3 sdir = {(e1[0] * dv2 - e2[0] * dv1) * r, (e1[1] * dv2 - e2[1] * dv1) * r,
                 (e1[2] * dv2 - e2[2] * dv1) * r};
    Vec3 tdir = {(e2[0] * du1 - e1[0] * du2) * r, (e2[1] * du1 - e1[1] * du2) * r,
                 (e2[2] * du1 - e1[2] * du2) * r};
    for (std::uint32_t i : {i0, i1, i2}) {
      for (int k = 0; k < 3; ++k) {
        tan[i][static_cast<std::size_t>(k)] += sdir[static_cast<std::size_t>(k)];
        bit[i][static_cast<std::size_t>(k)] += tdir[static_cast<std::size_t>(k)];
      }
    }
  }
  mesh.tangents.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    const Vec3& nrm = mesh.normals[i];
    // Gram-Schmidt: T' = normalize(T - N (N.T)); any perpendicular when degenerate.
    float d = dot(nrm, tan[i]);
    Vec3 t = {tan[i][0] - nrm[0] * d, tan[i][1] - nrm[1] * d, tan[i][2] - nrm[2] * d};
    Vec3 other = std::fabs(nrm[0]) < 0.9f ? Vec3{1, 0, 0} : Vec3{0, 1, 0};
    t = normalized(t, normalized(cross(other, nrm), Vec3{1, 0, 0}));
    // glTF's bitangent is "up" in the image: decreasing v, i.e. -dP/dv.
    float w = dot(cross(nrm, t), bit[i]) > 0.0f ? -1.0f : 1.0f;
    mesh.tangents[i] = {t[0], t[1], t[2], w};
  }
}

void mesh_bounds(const MeshData& mesh, float (&min)[3], float (&max)[3]) {
  for (int k = 0; k < 3; ++k) min[k] = max[k] = 0.0f;
  if (mesh.positions.empty()) return;
  for (std::size_t k = 0; k < 3; ++k) min[k] = max[k] = mesh.positions[0][k];
  for (const Vec3& p : mesh.positions) {
    for (std::size_t k = 0; k < 3; ++k) {
      min[k] = std::min(min[k], p[k]);
      max[k] = std::max(max[k], p[k]);
    }
  }
}

std::uint32_t write_primitive(const MeshData& mesh, std::uint32_t material,
                              BundleContent& content) {
  TRIALXR_CHECK(check_mesh(mesh).empty());
  bundle::PrimitiveRecord prim{};
  prim.material = material;
  prim.vertex_count = static_cast<std::uint32_t>(mesh.vertex_count());
  prim.index_count = static_cast<std::uint32_t>(mesh.indices.size());
  if (mesh.vertex_count() <= 65535) {
    std::vector<std::uint16_t> narrow(mesh.indices.begin(), mesh.indices.end());
    prim.index_type = bundle::IndexType::uint16;
    prim.indices = write_stream(narrow, content);
  } else {
    prim.index_type = bundle::IndexType::uint32;
    prim.indices = write_stream(mesh.indices, content);
  }
  using A = bundle::Attribute;
  auto slot = [&](A a) -> bundle::StreamRef& {
    return prim.attributes[static_cast<std::size_t>(a)];
  };
  slot(A::position) = write_stream(mesh.positions, content);
  slot(A::normal) = write_stream(mesh.normals, content);
  slot(A::tangent) = write_stream(mesh.tangents, content);
  slot(A::texcoord0) = write_stream(mesh.texcoord0, content);
  slot(A::texcoord1) = write_stream(mesh.texcoord1, content);
  slot(A::color0) = write_stream(mesh.colors, content);
  slot(A::joints0) = write_stream(mesh.joints, content);
  slot(A::weights0) = write_stream(mesh.weights, content);

  TRIALXR_CHECK(content.morph_targets.size() + mesh.targets.size() < bundle::kNone);
  prim.first_target = static_cast<std::uint32_t>(content.morph_targets.size());
  prim.target_count = static_cast<std::uint32_t>(mesh.targets.size());
  for (const MorphTargetData& t : mesh.targets) {
    bundle::MorphTargetRecord rec{};
    rec.position = write_stream(t.positions, content);
    rec.normal = write_stream(t.normals, content);
    rec.tangent = write_stream(t.tangents, content);
    content.morph_targets.push_back(rec);
  }
  mesh_bounds(mesh, prim.bounds_min, prim.bounds_max);

  TRIALXR_CHECK(content.primitives.size() < bundle::kNone);
  content.primitives.push_back(prim);
  return static_cast<std::uint32_t>(content.primitives.size() - 1);
}

std::uint32_t append_mesh(MeshData mesh, std::uint32_t material, BundleContent& content) {
  optimize_mesh(mesh);
  bundle::MeshRecord rec{};
  rec.first_primitive = write_primitive(mesh, material, content);
  rec.primitive_count = 1;
  rec.first_weight = 0;
  rec.weight_count = 0;
  if (!mesh.targets.empty()) {
    std::vector<float> zeros(mesh.targets.size(), 0.0f);
    rec.first_weight = content.append_floats(zeros);
    rec.weight_count = static_cast<std::uint32_t>(zeros.size());
  }
  TRIALXR_CHECK(content.meshes.size() < bundle::kNone);
  content.meshes.push_back(rec);
  return static_cast<std::uint32_t>(content.meshes.size() - 1);
}

}  // namespace trialxr::compiler
