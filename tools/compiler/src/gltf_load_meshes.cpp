// GltfLoader: meshes and their primitives: attributes (quantized ones decoded), indices,
// strips and fans to triangle lists, morph targets, generated normals and tangents,
// optimisation.
#include "gltf_loader.h"

#include <algorithm>
#include <cmath>

#include "trialxr/compiler/mesh_builder.h"

namespace trialxr::compiler::detail {

Status GltfLoader::meshes() {
  out_.meshes.resize(gm_.meshes.size());
  for (int i : out_.scene_order) {
    const detail::NodeData& nd = out_.nodes[static_cast<std::size_t>(i)];
    if (nd.mesh >= 0) out_.meshes[static_cast<std::size_t>(nd.mesh)].used = true;
  }
  for (std::size_t m = 0; m < gm_.meshes.size(); ++m) {
    if (!out_.meshes[m].used) continue;
    if (auto s = mesh(m); !s) return s;
  }
  // Node weight overrides must match their mesh.
  for (int i : out_.scene_order) {
    const detail::NodeData& nd = out_.nodes[static_cast<std::size_t>(i)];
    if (nd.mesh < 0 || nd.weights.empty()) continue;
    const std::size_t targets = out_.meshes[static_cast<std::size_t>(nd.mesh)].target_count;
    if (nd.weights.size() != targets)
      return error(node_label(static_cast<std::size_t>(i)) + " has " +
                   std::to_string(nd.weights.size()) + " morph weights, but its mesh has " +
                   std::to_string(targets) + " morph targets");
  }
  return {};
}

Status GltfLoader::mesh(std::size_t m) {
  const tinygltf::Mesh& gmesh = gm_.meshes[m];
  detail::MeshInfo& info = out_.meshes[m];
  if (!gmesh.primitives.empty()) info.target_count = gmesh.primitives[0].targets.size();
  for (std::size_t p = 0; p < gmesh.primitives.size(); ++p) {
    if (gmesh.primitives[p].targets.size() != info.target_count)
      return error(mesh_label(m) +
                   ": its primitives have different numbers of morph "
                   "targets (" +
                   std::to_string(info.target_count) + " and " +
                   std::to_string(gmesh.primitives[p].targets.size()) + ")");
  }
  if (!gmesh.weights.empty() && gmesh.weights.size() != info.target_count)
    return error(mesh_label(m) + " has " + std::to_string(gmesh.weights.size()) +
                 " default morph weights for " + std::to_string(info.target_count) +
                 " morph targets");
  info.weights.assign(info.target_count, 0.0f);
  for (std::size_t k = 0; k < gmesh.weights.size(); ++k)
    info.weights[k] = static_cast<float>(gmesh.weights[k]);
  for (std::size_t p = 0; p < gmesh.primitives.size(); ++p) {
    auto prim = primitive(m, p);
    if (!prim) return tl::unexpected(prim.error());
    if (prim->has_value()) info.primitives.push_back(std::move(**prim));
  }
  return {};
}

Result<std::optional<detail::PrimitiveData>> GltfLoader::primitive(std::size_t m, std::size_t p) {
  const tinygltf::Primitive& gp = gm_.meshes[m].primitives[p];
  const std::string label = mesh_label(m) + " primitive " + std::to_string(p);
  const int mode = gp.mode == -1 ? TINYGLTF_MODE_TRIANGLES : gp.mode;
  if (mode == TINYGLTF_MODE_POINTS || mode == TINYGLTF_MODE_LINE ||
      mode == TINYGLTF_MODE_LINE_LOOP || mode == TINYGLTF_MODE_LINE_STRIP) {
    warn(kWarnPrimitive, label +
                             " draws points or lines, which are not supported; it is "
                             "skipped");
    return std::optional<detail::PrimitiveData>();
  }
  if (mode != TINYGLTF_MODE_TRIANGLES && mode != TINYGLTF_MODE_TRIANGLE_STRIP &&
      mode != TINYGLTF_MODE_TRIANGLE_FAN)
    return error(label + " has an unknown mode " + std::to_string(mode));
  if (gp.material != -1 && !valid_index(gp.material, gm_.materials))
    return error(label + " refers to material " + std::to_string(gp.material) +
                 ", which does not exist");
  auto pos_it = gp.attributes.find("POSITION");
  if (pos_it == gp.attributes.end()) {
    warn(kWarnPrimitive, label + " has no POSITION attribute; it is skipped");
    return std::optional<detail::PrimitiveData>();
  }

  detail::PrimitiveData out;
  out.material = gp.material;
  MeshData& mesh = out.mesh;
  auto positions = floats(pos_it->second, {TINYGLTF_TYPE_VEC3}, label + " POSITION");
  if (!positions) return tl::unexpected(positions.error());
  mesh.positions = group<float, 3>(*positions);
  const std::size_t n = mesh.positions.size();
  for (const Vec3& v : mesh.positions)
    if (!std::isfinite(v[0]) || !std::isfinite(v[1]) || !std::isfinite(v[2]))
      return error(label + " POSITION has a coordinate that is not a finite number");

  std::vector<std::string> ignored;
  for (const auto& [name, acc] : gp.attributes) {
    const std::string what = label + " " + name;
    Status status;
    auto take = [&](auto& dest, auto&& values) -> Status {
      if (!values) return tl::unexpected(values.error());
      dest = std::move(*values);
      if (dest.size() != n)
        return error(what + " has " + std::to_string(dest.size()) + " entries for " +
                     std::to_string(n) + " vertices");
      return {};
    };
    if (name == "POSITION") {
      continue;
    } else if (name == "NORMAL") {
      auto v = floats(acc, {TINYGLTF_TYPE_VEC3}, what);
      status = take(mesh.normals,
                    v ? Result<std::vector<Vec3>>(group<float, 3>(*v)) : tl::unexpected(v.error()));
    } else if (name == "TANGENT") {
      auto v = floats(acc, {TINYGLTF_TYPE_VEC4}, what);
      status = take(mesh.tangents,
                    v ? Result<std::vector<Vec4>>(group<float, 4>(*v)) : tl::unexpected(v.error()));
    } else if (name == "TEXCOORD_0" || name == "TEXCOORD_1") {
      auto v = floats(acc, {TINYGLTF_TYPE_VEC2}, what);
      status = take(name == "TEXCOORD_0" ? mesh.texcoord0 : mesh.texcoord1,
                    v ? Result<std::vector<Vec2>>(group<float, 2>(*v)) : tl::unexpected(v.error()));
    } else if (name == "COLOR_0") {
      int type = 0;
      auto v = floats(acc, {TINYGLTF_TYPE_VEC3, TINYGLTF_TYPE_VEC4}, what, &type);
      Result<std::vector<Vec4>> colors = tl::unexpected(Error{});
      if (!v) {
        colors = tl::unexpected(v.error());
      } else if (type == TINYGLTF_TYPE_VEC4) {
        colors = group<float, 4>(*v);
      } else {
        auto rgb = group<float, 3>(*v);
        std::vector<Vec4> rgba(rgb.size());
        for (std::size_t i = 0; i < rgb.size(); ++i)
          rgba[i] = {rgb[i][0], rgb[i][1], rgb[i][2], 1.0f};
        colors = std::move(rgba);
      }
      status = take(mesh.colors, std::move(colors));
    } else if (name == "JOINTS_0") {
      auto v = uints(acc, TINYGLTF_TYPE_VEC4, what);
      Result<std::vector<Joints4>> joints = tl::unexpected(Error{});
      if (!v) {
        joints = tl::unexpected(v.error());
      } else {
        std::vector<Joints4> j(v->size() / 4);
        bool fits = true;
        for (std::size_t i = 0; i < v->size(); ++i) {
          fits = fits && (*v)[i] <= 0xFFFF;
          j[i / 4][i % 4] = static_cast<std::uint16_t>((*v)[i]);
        }
        if (!fits) return error(what + " has joint indices above 65535");
        joints = std::move(j);
      }
      status = take(mesh.joints, std::move(joints));
    } else if (name == "WEIGHTS_0") {
      auto v = floats(acc, {TINYGLTF_TYPE_VEC4}, what);
      status = take(mesh.weights,
                    v ? Result<std::vector<Vec4>>(group<float, 4>(*v)) : tl::unexpected(v.error()));
    } else if (name.rfind("JOINTS_", 0) == 0 || name.rfind("WEIGHTS_", 0) == 0) {
      ignored.push_back(name);
    }
    if (!status) return tl::unexpected(status.error());
  }
  if (!ignored.empty()) {
    std::string list;
    for (const auto& s : ignored) list += (list.empty() ? "" : ", ") + s;
    warn(kWarnAttribute,
         label + " has " + list + "; only 4 joint influences per vertex are imported",
         "limit the skin to 4 influences per vertex when exporting");
  }
  if (mesh.joints.empty() != mesh.weights.empty())
    return error(
        label + " has " +
        (mesh.joints.empty() ? "WEIGHTS_0 without JOINTS_0" : "JOINTS_0 without WEIGHTS_0"));

  // Indices, then the triangle list.
  std::vector<std::uint32_t> indices;
  if (gp.indices >= 0) {
    auto v = uints(gp.indices, TINYGLTF_TYPE_SCALAR, label + " indices");
    if (!v) return tl::unexpected(v.error());
    indices = std::move(*v);
    for (std::uint32_t i : indices)
      if (i >= n)
        return error(label + " has index " + std::to_string(i) + " for " + std::to_string(n) +
                     " vertices");
  } else {
    indices.resize(n);
    for (std::size_t i = 0; i < n; ++i) indices[i] = static_cast<std::uint32_t>(i);
  }
  if (mode == TINYGLTF_MODE_TRIANGLES) {
    if (indices.size() % 3 != 0) {
      warn(kWarnPrimitive, label + " has " + std::to_string(indices.size()) +
                               " indices, not a multiple of 3; the last " +
                               std::to_string(indices.size() % 3) + " are dropped");
      indices.resize(indices.size() - indices.size() % 3);
    }
    mesh.indices = std::move(indices);
  } else {
    for (std::size_t i = 0; i + 2 < indices.size(); ++i) {
      if (mode == TINYGLTF_MODE_TRIANGLE_STRIP) {
        const std::size_t odd = i % 2;
        mesh.indices.insert(mesh.indices.end(),
                            {indices[i], indices[i + 1 + odd], indices[i + 2 - odd]});
      } else {
        mesh.indices.insert(mesh.indices.end(), {indices[i + 1], indices[i + 2], indices[0]});
      }
    }
  }

  // Morph targets.
  for (std::size_t t = 0; t < gp.targets.size(); ++t) {
    MorphTargetData target;
    for (const auto& [name, acc] : gp.targets[t]) {
      std::vector<Vec3>* dest = name == "POSITION"  ? &target.positions
                                : name == "NORMAL"  ? &target.normals
                                : name == "TANGENT" ? &target.tangents
                                                    : nullptr;
      if (dest == nullptr) continue;  // other target attributes are not morphed
      const std::string what = label + " morph target " + std::to_string(t) + " " + name;
      auto v = floats(acc, {TINYGLTF_TYPE_VEC3}, what);
      if (!v) return tl::unexpected(v.error());
      *dest = group<float, 3>(*v);
      if (dest->size() != n)
        return error(what + " has " + std::to_string(dest->size()) + " entries for " +
                     std::to_string(n) + " vertices");
    }
    mesh.targets.push_back(std::move(target));
  }

  if (mesh.normals.empty()) generate_flat_normals(mesh);
  if (mesh.tangents.empty() && gp.material >= 0) {
    const tinygltf::Material& mat = gm_.materials[static_cast<std::size_t>(gp.material)];
    if (mat.normalTexture.index >= 0 && mat.normalTexture.texCoord >= 0 &&
        mat.normalTexture.texCoord <= 1)
      generate_tangents(mesh, static_cast<std::uint32_t>(mat.normalTexture.texCoord));
  }
  optimize_mesh(mesh);
  return std::optional<detail::PrimitiveData>(std::move(out));
}

}  // namespace trialxr::compiler::detail
