#include "shapes.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <stdexcept>

namespace trialxr::modelgen {

namespace {

constexpr float kPi = 3.14159265358979323846f;

std::uint16_t index16(std::size_t i) {
  if (i >= 65535) throw std::runtime_error("shape needs more vertices than u16 indices allow");
  return static_cast<std::uint16_t>(i);
}

void add_triangle(MeshData& mesh, std::size_t a, std::size_t b, std::size_t c) {
  mesh.indices.push_back(index16(a));
  mesh.indices.push_back(index16(b));
  mesh.indices.push_back(index16(c));
}

// A ring of lathe vertices: where on the profile, which (axial, radial) normal.
struct Ring {
  float axial;
  float radius;
  glm::vec2 normal;
  float v;
};

// Adds the quads between two rings of (segments + 1) vertices each, skipping the triangles
// that a pole (radius 0) would make degenerate. (a, b, c) faces the left-hand side of the
// a->c direction, which is the outside for both lathe and sweep_tube.
void connect_rings(MeshData& mesh, std::size_t first, std::size_t second, int segments,
                   bool first_is_pole, bool second_is_pole) {
  for (int j = 0; j < segments; ++j) {
    const std::size_t a = first + static_cast<std::size_t>(j);
    const std::size_t c = second + static_cast<std::size_t>(j);
    if (!first_is_pole) add_triangle(mesh, a, a + 1, c);
    if (!second_is_pole) add_triangle(mesh, a + 1, c + 1, c);
  }
}

// One face of a box: its normal axis and two in-face axes with u x v = normal (so grid
// triangles built along u then v are counter-clockwise seen from outside).
struct Face {
  glm::vec3 normal;
  glm::vec3 u;
  glm::vec3 v;
};

const std::array<Face, 6> kFaces = {{
    {{1.0f, 0.0f, 0.0f}, {0.0f, 0.0f, -1.0f}, {0.0f, 1.0f, 0.0f}},
    {{-1.0f, 0.0f, 0.0f}, {0.0f, 0.0f, 1.0f}, {0.0f, 1.0f, 0.0f}},
    {{0.0f, 1.0f, 0.0f}, {1.0f, 0.0f, 0.0f}, {0.0f, 0.0f, -1.0f}},
    {{0.0f, -1.0f, 0.0f}, {1.0f, 0.0f, 0.0f}, {0.0f, 0.0f, 1.0f}},
    {{0.0f, 0.0f, 1.0f}, {1.0f, 0.0f, 0.0f}, {0.0f, 1.0f, 0.0f}},
    {{0.0f, 0.0f, -1.0f}, {-1.0f, 0.0f, 0.0f}, {0.0f, 1.0f, 0.0f}},
}};

float component(const glm::vec3& v, const glm::vec3& axis) {
  return std::fabs(glm::dot(v, axis));
}

// Grid coordinates across one axis of a rounded box, from -half to +half: `band_steps` steps
// in each rounded band spaced by equal angles (the face's band covers 45 degrees of the
// rounding), `middle_steps` equal steps across the flat part.
std::vector<float> rounded_axis(float half, float radius, int band_steps, int middle_steps) {
  std::vector<float> band;
  for (int i = 0; i <= band_steps; ++i) {
    const float angle = 0.25f * kPi * static_cast<float>(i) / static_cast<float>(band_steps);
    band.push_back(half - radius + radius * std::tan(angle));
  }
  std::vector<float> coords;
  for (int i = band_steps; i > 0; --i) coords.push_back(-band[static_cast<std::size_t>(i)]);
  const float flat = half - radius;
  for (int i = 0; i <= middle_steps; ++i) {
    coords.push_back(-flat +
                     2.0f * flat * static_cast<float>(i) / static_cast<float>(middle_steps));
  }
  for (int i = 1; i <= band_steps; ++i) coords.push_back(band[static_cast<std::size_t>(i)]);
  return coords;
}

}  // namespace

void append_arc(std::vector<ProfilePoint>& profile, const glm::vec2& center, const glm::vec2& radii,
                float from_deg, float to_deg, int steps) {
  for (int i = 0; i <= steps; ++i) {
    const float t = static_cast<float>(i) / static_cast<float>(steps);
    const float angle = (from_deg + (to_deg - from_deg) * t) * kPi / 180.0f;
    ProfilePoint point{center.x + radii.x * std::cos(angle),
                       std::max(0.0f, center.y + radii.y * std::sin(angle)), false};
    if (i == 0 && !profile.empty() &&
        glm::length(glm::vec2(profile.back().axial - point.axial,
                              profile.back().radius - point.radius)) < 1e-7f) {
      continue;
    }
    profile.push_back(point);
  }
}

MeshData lathe(const std::vector<ProfilePoint>& profile, int segments) {
  if (profile.size() < 2 || segments < 3) throw std::runtime_error("lathe: bad profile");
  const std::size_t n = profile.size();
  // Segment normals and lengths in the (axial, radial) plane.
  std::vector<glm::vec2> seg_normal(n - 1);
  std::vector<float> arc(n, 0.0f);
  for (std::size_t k = 0; k + 1 < n; ++k) {
    const glm::vec2 d(profile[k + 1].axial - profile[k].axial,
                      profile[k + 1].radius - profile[k].radius);
    const float length = glm::length(d);
    if (length < 1e-9f) throw std::runtime_error("lathe: repeated profile point");
    seg_normal[k] = glm::vec2(-d.y, d.x) / length;
    arc[k + 1] = arc[k] + length;
  }
  const float total = arc[n - 1];

  MeshData mesh;
  // in_ring[i] is the ring segment i-1 ends on, out_ring[i] the ring segment i starts from.
  std::vector<std::size_t> in_ring(n, 0);
  std::vector<std::size_t> out_ring(n, 0);
  auto emit_ring = [&](const Ring& ring) {
    const std::size_t start = mesh.vertex_count();
    for (int j = 0; j <= segments; ++j) {
      const float u = static_cast<float>(j) / static_cast<float>(segments);
      const float angle = 2.0f * kPi * u;
      const float c = j == segments ? 1.0f : std::cos(angle);
      const float s = j == segments ? 0.0f : std::sin(angle);
      mesh.positions.emplace_back(ring.axial, ring.radius * c, ring.radius * s);
      mesh.normals.push_back(
          glm::normalize(glm::vec3(ring.normal.x, ring.normal.y * c, ring.normal.y * s)));
      mesh.uvs.emplace_back(u, ring.v);
    }
    return start;
  };
  for (std::size_t i = 0; i < n; ++i) {
    const ProfilePoint& p = profile[i];
    const float v = arc[i] / total;
    const bool pole = p.radius <= 0.0f;
    // At a pole the only sensible normal is along the axis.
    auto pole_normal = [&](const glm::vec2& seg) {
      return glm::vec2(seg.x >= 0.0f ? 1.0f : -1.0f, 0.0f);
    };
    const bool first = i == 0;
    const bool last = i + 1 == n;
    if (!first && !last && !p.sharp) {
      glm::vec2 normal = glm::normalize(seg_normal[i - 1] + seg_normal[i]);
      if (pole) normal = pole_normal(normal);
      in_ring[i] = out_ring[i] = emit_ring({p.axial, p.radius, normal, v});
      continue;
    }
    if (!first) {
      const glm::vec2 normal = pole ? pole_normal(seg_normal[i - 1]) : seg_normal[i - 1];
      in_ring[i] = emit_ring({p.axial, p.radius, normal, v});
    }
    if (!last) {
      const glm::vec2 normal = pole ? pole_normal(seg_normal[i]) : seg_normal[i];
      out_ring[i] = emit_ring({p.axial, p.radius, normal, v});
    }
  }
  for (std::size_t k = 0; k + 1 < n; ++k) {
    connect_rings(mesh, out_ring[k], in_ring[k + 1], segments, profile[k].radius <= 0.0f,
                  profile[k + 1].radius <= 0.0f);
  }
  return mesh;
}

MeshData box(const glm::vec3& min_corner, const glm::vec3& max_corner) {
  const glm::vec3 center = 0.5f * (min_corner + max_corner);
  const glm::vec3 half = 0.5f * (max_corner - min_corner);
  MeshData mesh;
  for (const Face& face : kFaces) {
    const std::size_t start = mesh.vertex_count();
    const glm::vec3 n = face.normal * component(half, face.normal);
    const glm::vec3 u = face.u * component(half, face.u);
    const glm::vec3 v = face.v * component(half, face.v);
    for (int corner = 0; corner < 4; ++corner) {
      const float su = (corner & 1) ? 1.0f : -1.0f;
      const float sv = (corner & 2) ? 1.0f : -1.0f;
      mesh.positions.push_back(center + n + su * u + sv * v);
      mesh.normals.push_back(face.normal);
      mesh.uvs.emplace_back(0.5f + 0.5f * su, 0.5f - 0.5f * sv);
    }
    add_triangle(mesh, start, start + 1, start + 2);
    add_triangle(mesh, start + 1, start + 3, start + 2);
  }
  return mesh;
}

MeshData rounded_box(const glm::vec3& half_extent, float radius, int band_steps, int middle_steps) {
  const glm::vec3 inner = half_extent - glm::vec3(radius);
  MeshData mesh;
  for (const Face& face : kFaces) {
    const std::vector<float> cu =
        rounded_axis(component(half_extent, face.u), radius, band_steps, middle_steps);
    const std::vector<float> cv =
        rounded_axis(component(half_extent, face.v), radius, band_steps, middle_steps);
    const float depth = component(half_extent, face.normal);
    const std::size_t start = mesh.vertex_count();
    const std::size_t columns = cu.size();
    for (std::size_t j = 0; j < cv.size(); ++j) {
      for (std::size_t i = 0; i < columns; ++i) {
        const glm::vec3 on_box = face.normal * depth + face.u * cu[i] + face.v * cv[j];
        const glm::vec3 core = glm::clamp(on_box, -inner, inner);
        const glm::vec3 normal = glm::normalize(on_box - core);
        mesh.positions.push_back(core + normal * radius);
        mesh.normals.push_back(normal);
        const float u = (cu[i] - cu.front()) / (cu.back() - cu.front());
        const float v = (cv[j] - cv.front()) / (cv.back() - cv.front());
        mesh.uvs.emplace_back(u, 1.0f - v);
      }
    }
    for (std::size_t j = 0; j + 1 < cv.size(); ++j) {
      for (std::size_t i = 0; i + 1 < columns; ++i) {
        const std::size_t a = start + j * columns + i;
        add_triangle(mesh, a, a + 1, a + columns);
        add_triangle(mesh, a + 1, a + columns + 1, a + columns);
      }
    }
  }
  return mesh;
}

MeshData sweep_tube(const std::vector<glm::vec3>& path, const std::vector<float>& radii, int sides,
                    const glm::vec3& up) {
  if (path.size() < 2 || radii.size() != path.size() || sides < 3) {
    throw std::runtime_error("sweep_tube: bad path");
  }
  const std::size_t n = path.size();
  MeshData mesh;
  glm::vec3 normal(0.0f);
  std::vector<std::size_t> rings;
  for (std::size_t i = 0; i < n; ++i) {
    const glm::vec3 ahead = path[std::min(i + 1, n - 1)] - path[i == 0 ? 0 : i - 1];
    const glm::vec3 tangent = glm::normalize(ahead);
    // Parallel transport: remove the new tangent's component from the previous normal.
    const glm::vec3 previous = i == 0 ? up : normal;
    normal = glm::normalize(previous - tangent * glm::dot(previous, tangent));
    const glm::vec3 binormal = glm::cross(tangent, normal);
    const float v = static_cast<float>(i) / static_cast<float>(n - 1);
    rings.push_back(mesh.vertex_count());
    for (int j = 0; j <= sides; ++j) {
      const float u = static_cast<float>(j) / static_cast<float>(sides);
      const float angle = 2.0f * kPi * u;
      const float c = j == sides ? 1.0f : std::cos(angle);
      const float s = j == sides ? 0.0f : std::sin(angle);
      const glm::vec3 dir = normal * c + binormal * s;
      mesh.positions.push_back(path[i] + dir * radii[i]);
      // At a closed end the surface faces along the path.
      mesh.normals.push_back(radii[i] > 0.0f ? dir : (i == 0 ? -tangent : tangent));
      mesh.uvs.emplace_back(u, v);
    }
  }
  for (std::size_t i = 0; i + 1 < n; ++i) {
    connect_rings(mesh, rings[i], rings[i + 1], sides, radii[i] <= 0.0f, radii[i + 1] <= 0.0f);
  }
  return mesh;
}

MeshData sphere(const glm::vec3& center, float radius, int segments, int steps) {
  std::vector<ProfilePoint> profile;
  append_arc(profile, {0.0f, 0.0f}, {radius, radius}, 180.0f, 0.0f, steps);
  profile.front().radius = 0.0f;
  profile.back().radius = 0.0f;
  MeshData mesh = lathe(profile, segments);
  for (glm::vec3& p : mesh.positions) p += center;
  return mesh;
}

MeshData stick(const glm::vec3& a, const glm::vec3& b, float radius, int sides) {
  const glm::vec3 axis = glm::normalize(b - a);
  const glm::vec3 up =
      std::fabs(axis.y) < 0.9f ? glm::vec3(0.0f, 1.0f, 0.0f) : glm::vec3(1.0f, 0.0f, 0.0f);
  return sweep_tube({a, b}, {radius, radius}, sides, up);
}

}  // namespace trialxr::modelgen
