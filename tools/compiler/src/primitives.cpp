// Built-in shapes: boxes and quads from flat faces, everything round as a surface of
// revolution (a "lathe" of a profile curve around Y).
#include "trialxr/compiler/primitives.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <vector>

#include "trialxr/core/check.h"

namespace trialxr::compiler {

namespace {

Vec3 cross(const Vec3& a, const Vec3& b) {
  return {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
}

std::uint32_t next_index(const MeshData& mesh) {
  return static_cast<std::uint32_t>(mesh.positions.size());
}

void add_vertex(MeshData& mesh, const Vec3& p, const Vec3& n, const Vec4& t, const Vec2& uv) {
  mesh.positions.push_back(p);
  mesh.normals.push_back(n);
  mesh.tangents.push_back(t);
  mesh.texcoord0.push_back(uv);
}

// Adds triangle (a, b, c) unless two of its corners are the same point (the collapsed
// quads at a pole or a cone tip).
void add_triangle(MeshData& mesh, std::uint32_t a, std::uint32_t b, std::uint32_t c) {
  const auto& p = mesh.positions;
  if (p[a] == p[b] || p[b] == p[c] || p[a] == p[c]) return;
  mesh.indices.insert(mesh.indices.end(), {a, b, c});
}

// A flat rectangle facing `n`: u runs along `t`, v along t x n (downwards as seen from
// outside), centred at n * offset; extent_u by extent_v metres.
void add_face(MeshData& mesh, const Vec3& n, const Vec3& t, float extent_u, float extent_v,
              float offset) {
  const Vec3 v = cross(t, n);
  const std::uint32_t base = next_index(mesh);
  const std::array<Vec2, 4> corners = {Vec2{0, 0}, Vec2{1, 0}, Vec2{1, 1}, Vec2{0, 1}};
  for (const Vec2& uv : corners) {
    const float su = (uv[0] - 0.5f) * extent_u, sv = (uv[1] - 0.5f) * extent_v;
    Vec3 p;
    for (std::size_t k = 0; k < 3; ++k) p[k] = n[k] * offset + t[k] * su + v[k] * sv;
    add_vertex(mesh, p, n, {t[0], t[1], t[2], 1.0f}, uv);
  }
  // Seen from outside: corner 3 is below corner 0, corner 1 to its right.
  mesh.indices.insert(mesh.indices.end(), {base, base + 3, base + 2, base, base + 2, base + 1});
}

// A point of a profile curve in the (rho, y) half-plane, with its outward normal there.
struct ProfilePoint {
  float rho;
  float y;
  float n_rho;
  float n_y;
};

// Sweeps `profile` (ordered so that it runs downwards along the surface as seen from
// outside, which fixes the facing) around the Y axis in kSegments steps. u = angle / 2pi
// from +Z towards +X; v = arc length along the profile, 0..1.
void add_lathe(MeshData& mesh, const std::vector<ProfilePoint>& profile) {
  TRIALXR_CHECK(profile.size() >= 2);
  std::vector<float> arc(profile.size(), 0.0f);
  for (std::size_t k = 1; k < profile.size(); ++k) {
    arc[k] = arc[k - 1] +
             std::hypot(profile[k].rho - profile[k - 1].rho, profile[k].y - profile[k - 1].y);
  }
  const float total = arc.back() > 0.0f ? arc.back() : 1.0f;
  const std::uint32_t base = next_index(mesh);
  const std::uint32_t columns = kSegments + 1;  // the seam column is doubled for u = 0 and 1
  for (std::size_t k = 0; k < profile.size(); ++k) {
    const ProfilePoint& pp = profile[k];
    const float nlen = std::hypot(pp.n_rho, pp.n_y);
    for (std::uint32_t j = 0; j < columns; ++j) {
      const double phi = 2.0 * std::numbers::pi * static_cast<double>(j % kSegments) / kSegments;
      const auto s = static_cast<float>(std::sin(phi));
      const auto c = static_cast<float>(std::cos(phi));
      const Vec3 p = {pp.rho * s, pp.y, pp.rho * c};
      const Vec3 n = {pp.n_rho * s / nlen, pp.n_y / nlen, pp.n_rho * c / nlen};
      const Vec2 uv = {static_cast<float>(j) / kSegments, arc[k] / total};
      add_vertex(mesh, p, n, {c, 0.0f, -s, 1.0f}, uv);
    }
  }
  for (std::uint32_t k = 0; k + 1 < profile.size(); ++k) {
    for (std::uint32_t j = 0; j < kSegments; ++j) {
      const std::uint32_t a = base + k * columns + j, d = a + 1;
      const std::uint32_t b = a + columns, c = b + 1;
      add_triangle(mesh, a, b, c);
      add_triangle(mesh, a, c, d);
    }
  }
}

// Points of a circular arc of radius r around (0, cy): polar angle (from +Y) from
// theta0 to theta1 in `steps` steps. Exact at the poles and the equator.
void add_arc(std::vector<ProfilePoint>& out, float r, float cy, double theta0, double theta1,
             std::uint32_t steps, bool skip_first) {
  for (std::uint32_t i = skip_first ? 1 : 0; i <= steps; ++i) {
    const double theta = theta0 + (theta1 - theta0) * static_cast<double>(i) / steps;
    auto s = static_cast<float>(std::sin(theta));
    auto c = static_cast<float>(std::cos(theta));
    if (std::fabs(theta) < 1e-12 || std::fabs(theta - std::numbers::pi) < 1e-12) s = 0.0f;
    if (std::fabs(theta - std::numbers::pi / 2) < 1e-12) {
      s = 1.0f;
      c = 0.0f;
    }
    if (std::fabs(theta - std::numbers::pi) < 1e-12) c = -1.0f;
    out.push_back({r * s, cy + r * c, s, c});
  }
}

void add_disc(MeshData& mesh, float r, float y, bool facing_up) {
  if (facing_up) {
    add_lathe(mesh, {{0.0f, y, 0.0f, 1.0f}, {r, y, 0.0f, 1.0f}});
  } else {
    add_lathe(mesh, {{r, y, 0.0f, -1.0f}, {0.0f, y, 0.0f, -1.0f}});
  }
}

void add_tube(MeshData& mesh, float r, float top, float bottom) {
  add_lathe(mesh, {{r, top, 1.0f, 0.0f}, {r, bottom, 1.0f, 0.0f}});
}

bool positive(float v) {
  return std::isfinite(v) && v > 0.0f;
}

const char* shape_name(ShapeKind kind) {
  switch (kind) {
    case ShapeKind::box:
      return "box";
    case ShapeKind::sphere:
      return "sphere";
    case ShapeKind::cylinder:
      return "cylinder";
    case ShapeKind::capsule:
      return "capsule";
    case ShapeKind::plane:
      return "plane";
    case ShapeKind::arrow:
      return "arrow";
  }
  return "shape";
}

bundle::MaterialRecord blank_material() {
  bundle::MaterialRecord m{};
  const bundle::TextureSlot none{bundle::kNone, 0, 1.0f};
  m.base_color[0] = m.base_color[1] = m.base_color[2] = m.base_color[3] = 1.0f;
  m.metallic = 0.0f;
  m.roughness = 0.6f;
  m.alpha_cutoff = 0.5f;
  m.alpha_mode = bundle::AlphaMode::opaque;
  m.flags = 0;
  m.base_color_texture = m.metal_rough_texture = m.normal_texture = m.occlusion_texture =
      m.emissive_texture = none;
  return m;
}

std::uint32_t push_material(const bundle::MaterialRecord& m, BundleContent& content) {
  TRIALXR_CHECK(content.materials.size() < bundle::kNone);
  content.materials.push_back(m);
  return static_cast<std::uint32_t>(content.materials.size() - 1);
}

}  // namespace

MeshData build_shape(const PrimitiveShape& shape) {
  MeshData mesh;
  switch (shape.kind) {
    case ShapeKind::box: {
      const auto& s = shape.size;
      TRIALXR_CHECK(positive(s[0]) && positive(s[1]) && positive(s[2]));
      add_face(mesh, {1, 0, 0}, {0, 0, -1}, s[2], s[1], s[0] / 2);
      add_face(mesh, {-1, 0, 0}, {0, 0, 1}, s[2], s[1], s[0] / 2);
      add_face(mesh, {0, 1, 0}, {1, 0, 0}, s[0], s[2], s[1] / 2);
      add_face(mesh, {0, -1, 0}, {1, 0, 0}, s[0], s[2], s[1] / 2);
      add_face(mesh, {0, 0, 1}, {1, 0, 0}, s[0], s[1], s[2] / 2);
      add_face(mesh, {0, 0, -1}, {-1, 0, 0}, s[0], s[1], s[2] / 2);
      break;
    }
    case ShapeKind::plane:
      TRIALXR_CHECK(positive(shape.size[0]) && positive(shape.size[2]));
      add_face(mesh, {0, 1, 0}, {1, 0, 0}, shape.size[0], shape.size[2], 0.0f);
      break;
    case ShapeKind::sphere: {
      TRIALXR_CHECK(positive(shape.radius));
      std::vector<ProfilePoint> profile;
      add_arc(profile, shape.radius, 0.0f, 0.0, std::numbers::pi, kSphereRings, false);
      add_lathe(mesh, profile);
      break;
    }
    case ShapeKind::cylinder: {
      TRIALXR_CHECK(positive(shape.radius) && positive(shape.height));
      const float r = shape.radius, h = shape.height / 2;
      add_disc(mesh, r, h, true);
      add_tube(mesh, r, h, -h);
      add_disc(mesh, r, -h, false);
      break;
    }
    case ShapeKind::capsule: {
      TRIALXR_CHECK(positive(shape.radius) && positive(shape.height));
      const float r = shape.radius;
      const float straight = std::max(0.0f, shape.height - 2 * r) / 2;
      std::vector<ProfilePoint> profile;
      add_arc(profile, r, straight, 0.0, std::numbers::pi / 2, kCapsuleCapRings, false);
      add_arc(profile, r, -straight, std::numbers::pi / 2, std::numbers::pi, kCapsuleCapRings,
              straight == 0.0f);
      add_lathe(mesh, profile);
      break;
    }
    case ShapeKind::arrow: {
      TRIALXR_CHECK(positive(shape.radius) && positive(shape.length));
      const float r = shape.radius, len = shape.length;
      const float head_r = kArrowHeadRadius * r;
      const float head_len = std::min(kArrowHeadLength * r, len / 2);
      const float neck = len - head_len;
      add_lathe(mesh, {{0.0f, len, head_len, head_r}, {head_r, neck, head_len, head_r}});
      add_disc(mesh, head_r, neck, false);
      add_tube(mesh, r, neck, 0.0f);
      add_disc(mesh, r, 0.0f, false);
      break;
    }
  }
  return mesh;
}

MeshData build_quad(float width, float height) {
  TRIALXR_CHECK(positive(width) && positive(height));
  MeshData mesh;
  add_face(mesh, {0, 0, 1}, {1, 0, 0}, width, height, 0.0f);
  return mesh;
}

std::uint32_t append_color_material(const std::array<float, 4>& rgba, std::string_view name,
                                    BundleContent& content) {
  bundle::MaterialRecord m = blank_material();
  m.name = content.strings.intern(name);
  for (std::size_t k = 0; k < 4; ++k) m.base_color[k] = rgba[k];
  if (rgba[3] < 1.0f) m.alpha_mode = bundle::AlphaMode::blend;
  return push_material(m, content);
}

std::uint32_t append_primitive(const PrimitiveShape& shape, const std::array<float, 4>& rgba,
                               BundleContent& content) {
  std::uint32_t material = append_color_material(rgba, shape_name(shape.kind), content);
  return append_mesh(build_shape(shape), material, content);
}

ImageQuad append_image_quad(const ImageAsset& image, float width, std::string_view name,
                            BundleContent& content) {
  TRIALXR_CHECK(positive(width) && image.width > 0 && image.height > 0);
  ImageQuad quad;
  quad.width = width;
  quad.height = width * static_cast<float>(image.height) / static_cast<float>(image.width);
  SamplerDesc sampler;
  sampler.wrap_s = sampler.wrap_t = bundle::Wrap::clamp;
  quad.texture = append_texture(image, bundle::TextureFormat::rgba8_srgb, sampler, name, content);

  bundle::MaterialRecord m = blank_material();
  m.name = content.strings.intern(name);
  m.base_color[0] = m.base_color[1] = m.base_color[2] = 0.0f;
  m.emissive[0] = m.emissive[1] = m.emissive[2] = 1.0f;
  m.roughness = 1.0f;
  m.base_color_texture = {quad.texture, 0, 1.0f};
  m.emissive_texture = {quad.texture, 0, 1.0f};
  m.flags = bundle::kMaterialDoubleSided;
  if (image.has_alpha()) m.alpha_mode = bundle::AlphaMode::blend;
  quad.material = push_material(m, content);
  quad.mesh = append_mesh(build_quad(quad.width, quad.height), quad.material, content);
  return quad;
}

}  // namespace trialxr::compiler
