// MeshData: one triangle list with the vertex attributes every lit glTF primitive of ours
// carries (position, normal, tangent, uv), plus the operations that keep them consistent.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include <glm/glm.hpp>

namespace trialxr::modelgen {

struct MeshData {
  std::vector<glm::vec3> positions;
  std::vector<glm::vec3> normals;
  std::vector<glm::vec2> uvs;
  std::vector<glm::vec4> tangents;     // xyz + handedness w; filled by compute_tangents()
  std::vector<std::uint16_t> indices;  // triangle list, counter-clockwise front faces

  std::size_t vertex_count() const { return positions.size(); }
};

// Appends src to dst, rebasing src's indices. Throws when the result would need indices
// past the u16 range (glTF reserves 65535, so 65535 vertices at most).
void append_mesh(MeshData& dst, const MeshData& src);

// Moves a mesh by an affine matrix: positions by m, normals by its inverse transpose, and
// tangents (when present) by m's linear part. Keeps the winding when det(m) > 0.
void transform_mesh(MeshData& mesh, const glm::mat4& m);

// Per-vertex tangents from positions, normals and uvs (glTF convention: the bitangent
// cross(normal, tangent.xyz) * w points towards decreasing v, i.e. up in the image).
void compute_tangents(MeshData& mesh);

// Triangles whose geometric (CCW) normal points away from their vertex normals; a correct
// closed mesh has none. Degenerate triangles are not counted.
std::size_t count_inverted_triangles(const MeshData& mesh);

}  // namespace trialxr::modelgen
