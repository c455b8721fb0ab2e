// Shape generators: each returns a MeshData with positions, normals, uvs and CCW indices
// (tangents are left to compute_tangents once a mesh is final).
#pragma once

#include <vector>

#include <glm/glm.hpp>

#include "mesh.h"

namespace trialxr::modelgen {

// One point of a lathe profile: a distance along the +X axis and a radius from it.
// A sharp point gets separate normals on either side (a crease); the first and last points
// are always creases. Radius 0 closes the surface at that point (a pole).
struct ProfilePoint {
  float axial = 0.0f;
  float radius = 0.0f;
  bool sharp = false;
};

// Surface of revolution about the +X axis. The outside of the surface is on the left of
// the profile's direction of travel in the (axial, radial) plane: a profile that runs
// towards +X at a constant radius faces outwards. u runs around the axis, v along the
// profile (by arc length).
MeshData lathe(const std::vector<ProfilePoint>& profile, int segments);

// Appends an elliptical arc to a profile, in the (axial, radius) plane: the point at angle
// a (degrees) is center + (radii.x * cos(a), radii.y * sin(a)), for a from `from_deg` to
// `to_deg` in `steps` equal steps, both ends included (the first is skipped when it repeats
// the profile's last point). The arc's points are smooth.
void append_arc(std::vector<ProfilePoint>& profile, const glm::vec2& center, const glm::vec2& radii,
                float from_deg, float to_deg, int steps);

// Axis-aligned box with flat faces (24 vertices); each face is mapped to the full uv square.
MeshData box(const glm::vec3& min_corner, const glm::vec3& max_corner);

// Box centred on the origin with every edge and corner rounded to `radius`.
// `band_steps` subdivisions go into each rounded band and `middle_steps` into each flat
// stretch. Each face is mapped to the full uv square.
MeshData rounded_box(const glm::vec3& half_extent, float radius, int band_steps, int middle_steps);

// Tube of circular cross-section swept along a path with a radius per path point (0 closes
// the tube there). Frames are parallel-transported from `up`. u runs around, v along.
MeshData sweep_tube(const std::vector<glm::vec3>& path, const std::vector<float>& radii, int sides,
                    const glm::vec3& up);

// Ball of `radius` about `center`: a lathe about the X axis with `segments` around and
// `steps` from pole to pole.
MeshData sphere(const glm::vec3& center, float radius, int segments, int steps);

// Open-ended cylinder (a stick) of `radius` from a to b, with `sides` around; its ends are
// meant to be hidden inside other shapes (the atoms of a ball-and-stick model).
MeshData stick(const glm::vec3& a, const glm::vec3& b, float radius, int sides);

}  // namespace trialxr::modelgen
