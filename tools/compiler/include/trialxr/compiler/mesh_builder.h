// Mesh builder: a CPU-side triangle mesh (one vector per vertex attribute, a triangle
// list, morph targets) and the step that optimises it with meshoptimizer and writes it
// into a bundle as a PrimitiveRecord with its streams in GEOM.
//
// Every importer (glTF models, built-in shapes, image quads) goes through here, so all
// geometry in a bundle is laid out the same way:
//   - exact duplicate vertices welded (all streams and morph deltas compared bitwise),
//   - meshopt_optimizeVertexCache, then meshopt_optimizeVertexFetchRemap applied to
//     every stream including the morph target deltas (unused vertices dropped),
//   - each present stream appended to GEOM with 4-byte alignment, tightly packed in the
//     layout of bundle::kAttributeStride,
//   - indices as uint16 when vertex_count <= 65535, else uint32,
//   - bounds_min/bounds_max over the base positions.
// All of it is deterministic: the same MeshData gives the same bytes.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "trialxr/bundle/format.h"
#include "trialxr/compiler/bundle_content.h"

namespace trialxr::compiler {

using Vec2 = std::array<float, 2>;
using Vec3 = std::array<float, 3>;
using Vec4 = std::array<float, 4>;
using Joints4 = std::array<std::uint16_t, 4>;

// One morph target: per-vertex deltas. Each vector is empty or has one entry per vertex.
struct MorphTargetData {
  std::vector<Vec3> positions;
  std::vector<Vec3> normals;
  std::vector<Vec3> tangents;
};

// A triangle mesh in the glTF conventions: counter-clockwise front faces, tangent.w is
// the handedness (bitangent = cross(normal, tangent.xyz) * w), UV origin top-left.
// Every attribute vector is empty (absent) or has positions.size() entries.
struct MeshData {
  std::vector<Vec3> positions;
  std::vector<Vec3> normals;
  std::vector<Vec4> tangents;
  std::vector<Vec2> texcoord0;
  std::vector<Vec2> texcoord1;
  std::vector<Vec4> colors;  // COLOR_0, linear RGBA
  std::vector<Joints4> joints;
  std::vector<Vec4> weights;
  std::vector<std::uint32_t> indices;  // triangle list: size() is a multiple of 3
  std::vector<MorphTargetData> targets;

  std::size_t vertex_count() const { return positions.size(); }
};

// Empty when `mesh` is consistent (stream sizes, index range, triangle list); otherwise
// a description of the first problem. write_primitive() requires a consistent mesh.
std::string check_mesh(const MeshData& mesh);

// Welds exact duplicates, then reorders triangles for the post-transform cache and
// vertices for fetch locality. Keeps the set of triangles (as vertex tuples) and their
// winding; drops vertices no triangle uses.
void optimize_mesh(MeshData& mesh);

// Fills in flat normals (one face normal per corner). Triangles are un-welded first, so
// every corner gets its own vertex; morph normal/tangent deltas are dropped. Meant for
// glTF primitives without NORMAL, as the glTF spec asks.
void generate_flat_normals(MeshData& mesh);

// Fills in per-vertex tangents from the UV set `uv_set` (0 or 1) by accumulating
// per-triangle UV gradients and orthogonalising against the normal (Lengyel's method; an
// approximation of MikkTSpace). Needs normals and that UV set; does nothing otherwise.
void generate_tangents(MeshData& mesh, std::uint32_t uv_set);

// Component-wise bounds of the positions; zeros for an empty mesh.
void mesh_bounds(const MeshData& mesh, float (&min)[3], float (&max)[3]);

// Writes `mesh` as it is (no optimisation) into `content`: streams into GEOM, one
// PrimitiveRecord, its MorphTargetRecords. Returns the primitive's index.
std::uint32_t write_primitive(const MeshData& mesh, std::uint32_t material, BundleContent& content);

// optimize_mesh + write_primitive, then one MeshRecord over that single primitive with no
// default morph weights (weight_count 0) — or zeros for each target when it has targets.
// Returns the mesh's index.
std::uint32_t append_mesh(MeshData mesh, std::uint32_t material, BundleContent& content);

}  // namespace trialxr::compiler
