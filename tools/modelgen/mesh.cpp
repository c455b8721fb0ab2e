#include "mesh.h"

#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

namespace trialxr::modelgen {

namespace {

// glTF forbids the largest index value (primitive restart), so 65535 vertices at most.
constexpr std::size_t kMaxVertices = std::numeric_limits<std::uint16_t>::max();

// Any unit vector perpendicular to n.
glm::vec3 any_perpendicular(const glm::vec3& n) {
  const glm::vec3 axis =
      std::fabs(n.x) < 0.9f ? glm::vec3(1.0f, 0.0f, 0.0f) : glm::vec3(0.0f, 1.0f, 0.0f);
  return glm::normalize(glm::cross(n, axis));
}

}  // namespace

void append_mesh(MeshData& dst, const MeshData& src) {
  const std::size_t base = dst.vertex_count();
  if (base + src.vertex_count() > kMaxVertices) {
    throw std::runtime_error("mesh needs more than " + std::to_string(kMaxVertices) +
                             " vertices for u16 indices");
  }
  dst.positions.insert(dst.positions.end(), src.positions.begin(), src.positions.end());
  dst.normals.insert(dst.normals.end(), src.normals.begin(), src.normals.end());
  dst.uvs.insert(dst.uvs.end(), src.uvs.begin(), src.uvs.end());
  dst.tangents.insert(dst.tangents.end(), src.tangents.begin(), src.tangents.end());
  for (std::uint16_t index : src.indices) {
    dst.indices.push_back(static_cast<std::uint16_t>(base + index));
  }
}

void transform_mesh(MeshData& mesh, const glm::mat4& m) {
  const glm::mat3 linear(m);
  const glm::mat3 normal_matrix = glm::transpose(glm::inverse(linear));
  for (glm::vec3& p : mesh.positions) p = glm::vec3(m * glm::vec4(p, 1.0f));
  for (glm::vec3& n : mesh.normals) n = glm::normalize(normal_matrix * n);
  for (glm::vec4& t : mesh.tangents) {
    t = glm::vec4(glm::normalize(linear * glm::vec3(t)), t.w);
  }
}

void compute_tangents(MeshData& mesh) {
  const std::size_t count = mesh.vertex_count();
  std::vector<glm::vec3> tan_u(count, glm::vec3(0.0f));
  std::vector<glm::vec3> tan_up(count, glm::vec3(0.0f));
  for (std::size_t i = 0; i + 2 < mesh.indices.size(); i += 3) {
    const std::uint16_t a = mesh.indices[i];
    const std::uint16_t b = mesh.indices[i + 1];
    const std::uint16_t c = mesh.indices[i + 2];
    const glm::vec3 e1 = mesh.positions[b] - mesh.positions[a];
    const glm::vec3 e2 = mesh.positions[c] - mesh.positions[a];
    // Flip v so that "up" in the image is the positive bitangent direction.
    const glm::vec2 d1 = (mesh.uvs[b] - mesh.uvs[a]) * glm::vec2(1.0f, -1.0f);
    const glm::vec2 d2 = (mesh.uvs[c] - mesh.uvs[a]) * glm::vec2(1.0f, -1.0f);
    const float det = d1.x * d2.y - d2.x * d1.y;
    if (std::fabs(det) < 1e-12f) continue;
    const float r = 1.0f / det;
    const glm::vec3 t = (e1 * d2.y - e2 * d1.y) * r;
    const glm::vec3 bt = (e2 * d1.x - e1 * d2.x) * r;
    for (std::uint16_t v : {a, b, c}) {
      tan_u[v] += t;
      tan_up[v] += bt;
    }
  }
  mesh.tangents.resize(count);
  for (std::size_t v = 0; v < count; ++v) {
    const glm::vec3 n = mesh.normals[v];
    glm::vec3 t = tan_u[v] - n * glm::dot(n, tan_u[v]);
    t = glm::length(t) > 1e-12f ? glm::normalize(t) : any_perpendicular(n);
    const float w = glm::dot(glm::cross(n, t), tan_up[v]) < 0.0f ? -1.0f : 1.0f;
    mesh.tangents[v] = glm::vec4(t, w);
  }
}

std::size_t count_inverted_triangles(const MeshData& mesh) {
  std::size_t inverted = 0;
  for (std::size_t i = 0; i + 2 < mesh.indices.size(); i += 3) {
    const std::uint16_t a = mesh.indices[i];
    const std::uint16_t b = mesh.indices[i + 1];
    const std::uint16_t c = mesh.indices[i + 2];
    const glm::vec3 face =
        glm::cross(mesh.positions[b] - mesh.positions[a], mesh.positions[c] - mesh.positions[a]);
    if (glm::length(face) < 1e-14f) continue;
    const glm::vec3 vertex_normals = mesh.normals[a] + mesh.normals[b] + mesh.normals[c];
    if (glm::dot(face, vertex_normals) < 0.0f) ++inverted;
  }
  return inverted;
}

}  // namespace trialxr::modelgen
