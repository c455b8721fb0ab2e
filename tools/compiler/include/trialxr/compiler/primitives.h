// Built-in shapes the script can place (box, sphere, cylinder, capsule, plane, arrow) and
// the textured quad of an `image` object. All are built in metres around their own
// origin, with normals, tangents (w = +1), UVs and counter-clockwise front faces (the
// glTF conventions: UV origin at the image's top-left, so an image drawn on a face reads
// upright when the face is seen from outside), then go through mesh_builder.
//
// Geometry of each shape (Y is up; "seen from outside" means u grows to the right and v
// downwards):
//   box       size x, y, z; centred on the origin. 24 vertices, 36 indices; each face
//             carries the whole 0..1 UV square. The +Y face reads upright seen from above
//             with -Z at the top; the side faces read upright with +Y at the top.
//   sphere    radius; centred. A UV sphere of kSegments x kSphereRings quads; u = 0 at
//             +Z, growing towards +X; v = 0 at the north pole (+Y).
//   cylinder  radius, height along Y; centred. Side, top and bottom caps with hard edges.
//   capsule   radius, height along Y; centred. `height` is the total height including
//             both hemispherical ends (so it is at least 2 * radius; smaller values are
//             raised to that). Smooth everywhere.
//   plane     width (x) by depth (z) in the XZ plane, facing +Y, centred; u along +X, v
//             along +Z. One quad: 4 vertices, 6 indices.
//   arrow     length, shaft radius. Points along +Y: its base (the end of the shaft) is
//             at the origin and its tip at (0, length, 0). The head is a cone of radius
//             kArrowHeadRadius * shaft radius and length min(kArrowHeadLength * shaft
//             radius, length / 2); the shaft is a cylinder up to the head.
// Round shapes use kSegments around Y.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

#include "trialxr/compiler/bundle_content.h"
#include "trialxr/compiler/image_import.h"
#include "trialxr/compiler/mesh_builder.h"

namespace trialxr::compiler {

inline constexpr std::uint32_t kSegments = 32;
inline constexpr std::uint32_t kSphereRings = 16;
inline constexpr std::uint32_t kCapsuleCapRings = 8;  // rings per hemisphere
inline constexpr float kArrowHeadRadius = 2.5f;       // times the shaft radius
inline constexpr float kArrowHeadLength = 6.0f;       // times the shaft radius, at most

enum class ShapeKind : std::uint8_t { box, sphere, cylinder, capsule, plane, arrow };

struct PrimitiveShape {
  ShapeKind kind = ShapeKind::box;
  std::array<float, 3> size = {0.2f, 0.2f, 0.2f};  // box: x y z; plane: x = width, z = depth
  float radius = 0.1f;                             // sphere, cylinder, capsule; arrow shaft
  float height = 0.3f;                             // cylinder, capsule (total)
  float length = 0.3f;                             // arrow
};

// The shape's mesh, before optimisation. Sizes must be positive and finite (the script
// checker enforces that; here it is a TRIALXR_CHECK).
MeshData build_shape(const PrimitiveShape& shape);

// A quad of `width` x `height` metres in the XY plane, centred, facing +Z, UVs covering
// the image upright (u right, v down): used for image objects.
MeshData build_quad(float width, float height);

// Material for built-in shapes: base colour `rgba` (linear, as scene_model.h keeps it),
// metallic 0, roughness 0.6, opaque unless alpha < 1 (then blend). Returns its index.
std::uint32_t append_color_material(const std::array<float, 4>& rgba, std::string_view name,
                                    BundleContent& content);

// build_shape + append_color_material + append_mesh. Returns the mesh's index; the
// caller makes the object's node and ObjectRecord.
std::uint32_t append_primitive(const PrimitiveShape& shape, const std::array<float, 4>& rgba,
                               BundleContent& content);

// What append_image_quad wrote.
struct ImageQuad {
  std::uint32_t mesh = 0;
  std::uint32_t material = 0;
  std::uint32_t texture = 0;
  float width = 0;   // metres
  float height = 0;  // metres: width * image height / image width
};

// An `image` object: the image as an sRGB texture (linear filtering, clamped) on a quad
// `width` metres wide and as tall as the image's aspect ratio says, facing +Z. The
// material is as unlit as the format allows: base colour black (its texture supplies
// alpha), emissive white times the same texture, metallic 0, roughness 1, double-sided,
// blended when the image has transparent pixels. `name` names the texture and material.
ImageQuad append_image_quad(const ImageAsset& image, float width, std::string_view name,
                            BundleContent& content);

}  // namespace trialxr::compiler
