// glTF loading: parse with tinygltf, check everything, decode into detail::ModelData.
// append_model (model_append.cpp) then only copies; it cannot fail.
#include "trialxr/compiler/model_import.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <limits>
#include <map>
#include <set>

#define GLM_ENABLE_EXPERIMENTAL
#include <glm/glm.hpp>
#include <glm/gtc/quaternion.hpp>
#include <glm/gtx/matrix_decompose.hpp>

#include "gltf_accessor.h"
#include "model_data.h"
#include "tinygltf_wrap.h"
#include "trialxr/core/file_io.h"

namespace trialxr::compiler {

using detail::AccessorShape;
using detail::read_accessor_floats;
using detail::read_accessor_uints;

// Warning codes of the model importer.
namespace {
constexpr const char* kWarnExtension = "TX0601";  // optional extension ignored
constexpr const char* kWarnPrimitive = "TX0602";  // primitive skipped or trimmed
constexpr const char* kWarnAttribute = "TX0603";  // vertex attribute ignored
constexpr const char* kWarnAnimation = "TX0604";  // animation channel dropped or changed
constexpr const char* kWarnNodeName = "TX0605";   // duplicate node name renamed
constexpr const char* kWarnTexture = "TX0606";    // texture not usable
constexpr const char* kWarnParser = "TX0607";     // tinygltf's own warnings
constexpr const char* kWarnOther = "TX0608";      // anything else ignored or adjusted
}  // namespace

const std::vector<std::string>& supported_gltf_extensions() {
  static const std::vector<std::string> list = {"KHR_mesh_quantization",
                                                "KHR_materials_emissive_strength"};
  return list;
}

// [SECTION] ModelAsset

ModelAsset::ModelAsset() : data_(std::make_unique<detail::ModelData>()) {}
ModelAsset::ModelAsset(std::unique_ptr<detail::ModelData> data) : data_(std::move(data)) {}
ModelAsset::ModelAsset(ModelAsset&&) noexcept = default;
ModelAsset& ModelAsset::operator=(ModelAsset&&) noexcept = default;
ModelAsset::~ModelAsset() = default;

const std::string& ModelAsset::path() const { return data_->path; }
const std::vector<std::string>& ModelAsset::node_names() const { return data_->node_names; }
bool ModelAsset::node_in_scene(std::size_t index) const {
  return index < data_->nodes.size() && data_->nodes[index].in_scene;
}
std::optional<std::size_t> ModelAsset::find_node(std::string_view name) const {
  for (std::size_t i = 0; i < data_->node_names.size(); ++i)
    if (data_->nodes[i].in_scene && data_->node_names[i] == name) return i;
  return std::nullopt;
}
const std::vector<ModelAnimationInfo>& ModelAsset::animations() const {
  return data_->animation_info;
}
const std::vector<std::string>& ModelAsset::input_files() const { return data_->input_files; }
const detail::ModelData& ModelAsset::data() const { return *data_; }

// [SECTION] loading

namespace {

// tinygltf image callback: keep the encoded bytes; decode_image decodes the ones used.
bool keep_encoded_image(tinygltf::Image* image, const int, std::string*, std::string*, int, int,
                        const unsigned char* bytes, int size, void*) {
  image->image.assign(bytes, bytes + size);
  image->as_is = true;
  return true;
}

// tinygltf file reads, recorded so the caller can hash every input.
bool read_and_record(std::vector<unsigned char>* out, std::string* err, const std::string& path,
                     void* user) {
  if (!tinygltf::ReadWholeFile(out, err, path, nullptr)) return false;
  static_cast<std::vector<std::string>*>(user)->push_back(path);
  return true;
}

std::string trim(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' ')) s.pop_back();
  std::replace(s.begin(), s.end(), '\n', ';');
  return s;
}

std::string quoted_name(const std::string& name) {
  return name.empty() ? std::string() : " ('" + name + "')";
}

template <class Vec>
bool valid_index(int index, const Vec& v) {
  return index >= 0 && static_cast<std::size_t>(index) < v.size();
}

bundle::Filter to_filter(int gl) {
  switch (gl) {
    case TINYGLTF_TEXTURE_FILTER_NEAREST:
    case TINYGLTF_TEXTURE_FILTER_NEAREST_MIPMAP_NEAREST:
    case TINYGLTF_TEXTURE_FILTER_NEAREST_MIPMAP_LINEAR:
      return bundle::Filter::nearest;
    default:
      return bundle::Filter::linear;
  }
}

bundle::Wrap to_wrap(int gl) {
  switch (gl) {
    case TINYGLTF_TEXTURE_WRAP_CLAMP_TO_EDGE:
      return bundle::Wrap::clamp;
    case TINYGLTF_TEXTURE_WRAP_MIRRORED_REPEAT:
      return bundle::Wrap::mirror;
    default:
      return bundle::Wrap::repeat;
  }
}

class Loader {
 public:
  Loader(const std::string& path, Diagnostics& diags, tinygltf::Model& gm, detail::ModelData& out)
      : path_(path), diags_(diags), gm_(gm), out_(out) {}

  Status run() {
    if (auto s = nodes(); !s) return s;
    if (auto s = scene(); !s) return s;
    if (auto s = meshes(); !s) return s;
    if (auto s = materials(); !s) return s;
    if (auto s = textures(); !s) return s;
    if (auto s = skins(); !s) return s;
    return animations();
  }

 private:
  tl::unexpected<Error> error(const std::string& message) const {
    return fail(path_ + ": " + message);
  }
  void warn(const char* code, std::string message, std::string hint = {}) {
    diags_.warning(code, path_, SourceLoc{}, std::move(message), std::move(hint));
  }
  std::string node_label(std::size_t i) const {
    return "node " + std::to_string(i) + quoted_name(gm_.nodes[i].name);
  }
  std::string mesh_label(std::size_t i) const {
    return "mesh " + std::to_string(i) + quoted_name(gm_.meshes[i].name);
  }

  // Reads accessor `index` as floats with one of `types`; `what` says what it is for.
  Result<std::vector<float>> floats(int index, std::initializer_list<int> types,
                                    const std::string& what, int* type_out = nullptr) {
    auto shape = detail::accessor_shape(gm_, index);
    if (!shape) return error(what + ": " + shape.error().message);
    if (std::find(types.begin(), types.end(), shape->type) == types.end()) {
      std::string want;
      for (int t : types) want += (want.empty() ? "" : " or ") + detail::type_name(t);
      return error(what + ": accessor " + std::to_string(index) + " is " +
                   detail::type_name(shape->type) + ", not " + want);
    }
    if (type_out != nullptr) *type_out = shape->type;
    auto values = read_accessor_floats(gm_, index);
    if (!values) return error(what + ": " + values.error().message);
    return values;
  }

  Result<std::vector<std::uint32_t>> uints(int index, int type, const std::string& what) {
    auto shape = detail::accessor_shape(gm_, index);
    if (!shape) return error(what + ": " + shape.error().message);
    if (shape->type != type)
      return error(what + ": accessor " + std::to_string(index) + " is " +
                   detail::type_name(shape->type) + ", not " + detail::type_name(type));
    auto values = read_accessor_uints(gm_, index);
    if (!values) return error(what + ": " + values.error().message);
    return values;
  }

  // [SECTION] nodes and scene

  Status node_transform(std::size_t i) {
    const tinygltf::Node& node = gm_.nodes[i];
    detail::NodeData& nd = out_.nodes[i];
    auto sized = [&](const std::vector<double>& v, std::size_t n, const char* what) -> Status {
      if (!v.empty() && v.size() != n)
        return error(node_label(i) + ": '" + what + "' has " + std::to_string(v.size()) +
                     " numbers, not " + std::to_string(n));
      return {};
    };
    if (auto s = sized(node.matrix, 16, "matrix"); !s) return s;
    if (auto s = sized(node.translation, 3, "translation"); !s) return s;
    if (auto s = sized(node.rotation, 4, "rotation"); !s) return s;
    if (auto s = sized(node.scale, 3, "scale"); !s) return s;
    if (node.matrix.size() == 16) {
      glm::dmat4 m;
      for (int c = 0; c < 4; ++c)
        for (int r = 0; r < 4; ++r) m[c][r] = node.matrix[static_cast<std::size_t>(c * 4 + r)];
      const glm::dvec3 columns(glm::length(glm::dvec3(m[0])), glm::length(glm::dvec3(m[1])),
                               glm::length(glm::dvec3(m[2])));
      glm::dvec3 scale, translation, skew;
      glm::dquat rotation;
      glm::dvec4 perspective;
      const bool degenerate = columns.x < 1e-12 || columns.y < 1e-12 || columns.z < 1e-12;
      if (degenerate || !glm::decompose(m, scale, rotation, translation, skew, perspective)) {
        if (!degenerate)
          warn(kWarnOther, node_label(i) + " has a matrix that is not a rotation, scale and "
                                           "translation; only its translation and scale are used");
        translation = glm::dvec3(m[3]);
        rotation = glm::dquat(1, 0, 0, 0);
        scale = columns;
      } else if (glm::length(skew) > 1e-6 ||
                 glm::length(perspective - glm::dvec4(0, 0, 0, 1)) > 1e-6) {
        warn(kWarnOther, node_label(i) + " has a sheared matrix; the shear is dropped");
      }
      nd.translation = {static_cast<float>(translation.x), static_cast<float>(translation.y),
                        static_cast<float>(translation.z)};
      nd.rotation = {static_cast<float>(rotation.x), static_cast<float>(rotation.y),
                     static_cast<float>(rotation.z), static_cast<float>(rotation.w)};
      nd.scale = {static_cast<float>(scale.x), static_cast<float>(scale.y),
                  static_cast<float>(scale.z)};
    } else {
      for (std::size_t k = 0; k < node.translation.size(); ++k)
        nd.translation[k] = static_cast<float>(node.translation[k]);
      for (std::size_t k = 0; k < node.rotation.size(); ++k)
        nd.rotation[k] = static_cast<float>(node.rotation[k]);
      for (std::size_t k = 0; k < node.scale.size(); ++k)
        nd.scale[k] = static_cast<float>(node.scale[k]);
    }
    return {};
  }

  Status nodes() {
    const std::size_t n = gm_.nodes.size();
    out_.nodes.resize(n);
    out_.node_names.resize(n);
    std::set<std::string> taken;
    for (std::size_t i = 0; i < n; ++i) {
      const tinygltf::Node& node = gm_.nodes[i];
      std::string name = node.name.empty() ? "node" + std::to_string(i) : node.name;
      if (taken.count(name) != 0) {
        std::string renamed = name + "~" + std::to_string(i);
        warn(kWarnNodeName,
             "two nodes are called '" + name + "'; node " + std::to_string(i) +
                 " is imported as '" + renamed + "'",
             "give every node of the model its own name");
        name = std::move(renamed);
      }
      taken.insert(name);
      out_.node_names[i] = std::move(name);

      if (node.mesh != -1 && !valid_index(node.mesh, gm_.meshes))
        return error(node_label(i) + " refers to mesh " + std::to_string(node.mesh) +
                     ", which does not exist");
      if (node.skin != -1 && !valid_index(node.skin, gm_.skins))
        return error(node_label(i) + " refers to skin " + std::to_string(node.skin) +
                     ", which does not exist");
      out_.nodes[i].mesh = node.mesh;
      out_.nodes[i].skin = node.skin;
      for (double w : node.weights) out_.nodes[i].weights.push_back(static_cast<float>(w));
      if (auto s = node_transform(i); !s) return s;
    }
    for (std::size_t i = 0; i < n; ++i) {
      for (int c : gm_.nodes[i].children) {
        if (!valid_index(c, gm_.nodes))
          return error(node_label(i) + " has child " + std::to_string(c) +
                       ", which does not exist");
        auto child = static_cast<std::size_t>(c);
        if (child == i) return error(node_label(i) + " is its own child");
        if (out_.nodes[child].parent != -1)
          return error(node_label(child) + " is a child of both node " +
                       std::to_string(out_.nodes[child].parent) + " and node " +
                       std::to_string(i));
        out_.nodes[child].parent = static_cast<int>(i);
      }
    }
    for (std::size_t i = 0; i < n; ++i) {  // a parent chain longer than n is a cycle
      int p = out_.nodes[i].parent;
      for (std::size_t steps = 0; p != -1; ++steps) {
        if (steps > n) return error(node_label(i) + " is part of a cycle of nodes");
        p = out_.nodes[static_cast<std::size_t>(p)].parent;
      }
    }
    return {};
  }

  Status scene() {
    std::vector<int> roots;
    int chosen = gm_.defaultScene;
    if (!valid_index(chosen, gm_.scenes)) chosen = gm_.scenes.empty() ? -1 : 0;
    if (chosen >= 0) {
      const tinygltf::Scene& sc = gm_.scenes[static_cast<std::size_t>(chosen)];
      if (gm_.scenes.size() > 1)
        warn(kWarnOther, "the model has " + std::to_string(gm_.scenes.size()) +
                             " scenes; only scene " + std::to_string(chosen) +
                             quoted_name(sc.name) + " is imported");
      for (int r : sc.nodes) {
        if (!valid_index(r, gm_.nodes))
          return error("scene " + std::to_string(chosen) + " lists node " + std::to_string(r) +
                       ", which does not exist");
        if (out_.nodes[static_cast<std::size_t>(r)].parent != -1)
          return error("scene " + std::to_string(chosen) + " lists " +
                       node_label(static_cast<std::size_t>(r)) +
                       " as a root, but it is the child of node " +
                       std::to_string(out_.nodes[static_cast<std::size_t>(r)].parent));
        roots.push_back(r);
      }
    } else {
      for (std::size_t i = 0; i < out_.nodes.size(); ++i)
        if (out_.nodes[i].parent == -1) roots.push_back(static_cast<int>(i));
    }
    // Depth-first pre-order: parents before children, children in glTF order.
    std::vector<int> stack(roots.rbegin(), roots.rend());
    while (!stack.empty()) {
      const int i = stack.back();
      stack.pop_back();
      detail::NodeData& nd = out_.nodes[static_cast<std::size_t>(i)];
      if (nd.in_scene) continue;  // a root listed twice
      nd.in_scene = true;
      out_.scene_order.push_back(i);
      const auto& children = gm_.nodes[static_cast<std::size_t>(i)].children;
      for (auto it = children.rbegin(); it != children.rend(); ++it) stack.push_back(*it);
    }
    return {};
  }

  // [SECTION] meshes

  Status meshes() {
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

  Status mesh(std::size_t m) {
    const tinygltf::Mesh& gmesh = gm_.meshes[m];
    detail::MeshInfo& info = out_.meshes[m];
    if (!gmesh.primitives.empty()) info.target_count = gmesh.primitives[0].targets.size();
    for (std::size_t p = 0; p < gmesh.primitives.size(); ++p) {
      if (gmesh.primitives[p].targets.size() != info.target_count)
        return error(mesh_label(m) + ": its primitives have different numbers of morph "
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

  template <class T, std::size_t N>
  static std::vector<std::array<T, N>> group(const std::vector<T>& flat) {
    std::vector<std::array<T, N>> out(flat.size() / N);
    for (std::size_t i = 0; i < out.size(); ++i)
      for (std::size_t k = 0; k < N; ++k) out[i][k] = flat[i * N + k];
    return out;
  }

  Result<std::optional<detail::PrimitiveData>> primitive(std::size_t m, std::size_t p) {
    const tinygltf::Primitive& gp = gm_.meshes[m].primitives[p];
    const std::string label = mesh_label(m) + " primitive " + std::to_string(p);
    const int mode = gp.mode == -1 ? TINYGLTF_MODE_TRIANGLES : gp.mode;
    if (mode == TINYGLTF_MODE_POINTS || mode == TINYGLTF_MODE_LINE ||
        mode == TINYGLTF_MODE_LINE_LOOP || mode == TINYGLTF_MODE_LINE_STRIP) {
      warn(kWarnPrimitive, label + " draws points or lines, which are not supported; it is "
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
        status = take(mesh.normals, v ? Result<std::vector<Vec3>>(group<float, 3>(*v))
                                      : tl::unexpected(v.error()));
      } else if (name == "TANGENT") {
        auto v = floats(acc, {TINYGLTF_TYPE_VEC4}, what);
        status = take(mesh.tangents, v ? Result<std::vector<Vec4>>(group<float, 4>(*v))
                                       : tl::unexpected(v.error()));
      } else if (name == "TEXCOORD_0" || name == "TEXCOORD_1") {
        auto v = floats(acc, {TINYGLTF_TYPE_VEC2}, what);
        status = take(name == "TEXCOORD_0" ? mesh.texcoord0 : mesh.texcoord1,
                      v ? Result<std::vector<Vec2>>(group<float, 2>(*v))
                        : tl::unexpected(v.error()));
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
        status = take(mesh.weights, v ? Result<std::vector<Vec4>>(group<float, 4>(*v))
                                      : tl::unexpected(v.error()));
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
      return error(label + " has " + (mesh.joints.empty() ? "WEIGHTS_0 without JOINTS_0"
                                                          : "JOINTS_0 without WEIGHTS_0"));

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
        std::vector<Vec3>* dest = name == "POSITION" ? &target.positions
                                  : name == "NORMAL" ? &target.normals
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

  // [SECTION] materials, textures, images

  Result<detail::TextureRef> texture_ref(int index, int tex_coord, double scale,
                                         const std::string& what, bool srgb) {
    detail::TextureRef ref;
    if (index < 0) return ref;
    if (!valid_index(index, gm_.textures))
      return error(what + " refers to texture " + std::to_string(index) +
                   ", which does not exist");
    if (tex_coord < 0 || tex_coord > 1) {
      warn(kWarnTexture,
           what + " uses TEXCOORD_" + std::to_string(tex_coord) +
               "; only TEXCOORD_0 and TEXCOORD_1 are supported, so the texture is not used");
      return ref;
    }
    ref.texture = index;
    ref.uv_set = static_cast<std::uint32_t>(tex_coord);
    ref.scale = static_cast<float>(scale);
    (srgb ? srgb_textures_ : data_textures_).insert(index);
    return ref;
  }

  Status materials() {
    out_.materials.resize(gm_.materials.size());
    for (const detail::MeshInfo& info : out_.meshes)
      for (const detail::PrimitiveData& p : info.primitives)
        if (p.material >= 0) out_.materials[static_cast<std::size_t>(p.material)].used = true;
    for (std::size_t i = 0; i < gm_.materials.size(); ++i) {
      detail::MaterialData& md = out_.materials[i];
      if (!md.used) continue;
      const tinygltf::Material& mat = gm_.materials[i];
      const std::string label = "material " + std::to_string(i) + quoted_name(mat.name);
      md.name = mat.name.empty() ? "material" + std::to_string(i) : mat.name;
      const auto& pbr = mat.pbrMetallicRoughness;
      if (pbr.baseColorFactor.size() == 4)
        for (std::size_t k = 0; k < 4; ++k)
          md.base_color[k] = static_cast<float>(pbr.baseColorFactor[k]);
      md.metallic = static_cast<float>(pbr.metallicFactor);
      md.roughness = static_cast<float>(pbr.roughnessFactor);
      if (mat.emissiveFactor.size() == 3)
        for (std::size_t k = 0; k < 3; ++k)
          md.emissive[k] = static_cast<float>(mat.emissiveFactor[k]);
      if (auto it = mat.extensions.find("KHR_materials_emissive_strength");
          it != mat.extensions.end() && it->second.IsObject() &&
          it->second.Has("emissiveStrength") && it->second.Get("emissiveStrength").IsNumber()) {
        const auto strength =
            static_cast<float>(it->second.Get("emissiveStrength").GetNumberAsDouble());
        for (float& e : md.emissive) e *= strength;
      }
      if (mat.alphaMode == "MASK") {
        md.alpha_mode = bundle::AlphaMode::mask;
      } else if (mat.alphaMode == "BLEND") {
        md.alpha_mode = bundle::AlphaMode::blend;
      } else if (mat.alphaMode != "OPAQUE" && !mat.alphaMode.empty()) {
        warn(kWarnOther,
             label + " has an unknown alphaMode '" + mat.alphaMode + "'; it is drawn opaque");
      }
      md.alpha_cutoff = static_cast<float>(mat.alphaCutoff);
      md.double_sided = mat.doubleSided;

      auto set = [&](detail::TextureRef& dest, Result<detail::TextureRef> ref) -> Status {
        if (!ref) return tl::unexpected(ref.error());
        dest = *ref;
        return {};
      };
      Status s = set(md.base_color_texture,
                     texture_ref(pbr.baseColorTexture.index, pbr.baseColorTexture.texCoord, 1.0,
                                 label + " baseColorTexture", true));
      if (s) s = set(md.metal_rough_texture,
                     texture_ref(pbr.metallicRoughnessTexture.index,
                                 pbr.metallicRoughnessTexture.texCoord, 1.0,
                                 label + " metallicRoughnessTexture", false));
      if (s) s = set(md.normal_texture,
                     texture_ref(mat.normalTexture.index, mat.normalTexture.texCoord,
                                 mat.normalTexture.scale, label + " normalTexture", false));
      if (s) s = set(md.occlusion_texture,
                     texture_ref(mat.occlusionTexture.index, mat.occlusionTexture.texCoord,
                                 mat.occlusionTexture.strength, label + " occlusionTexture",
                                 false));
      if (s) s = set(md.emissive_texture,
                     texture_ref(mat.emissiveTexture.index, mat.emissiveTexture.texCoord, 1.0,
                                 label + " emissiveTexture", true));
      if (!s) return s;
    }
    return {};
  }

  Status textures() {
    out_.textures.resize(gm_.textures.size());
    out_.images.resize(gm_.images.size());
    std::set<int> used = srgb_textures_;
    used.insert(data_textures_.begin(), data_textures_.end());
    std::set<int> images;
    for (int t : used) {
      const tinygltf::Texture& tex = gm_.textures[static_cast<std::size_t>(t)];
      detail::TextureData& td = out_.textures[static_cast<std::size_t>(t)];
      const std::string label = "texture " + std::to_string(t) + quoted_name(tex.name);
      if (tex.source < 0) {
        warn(kWarnTexture,
             label + " has no PNG or JPEG image (it may need an unsupported extension such as "
                     "KHR_texture_basisu); it is not used");
        continue;
      }
      if (!valid_index(tex.source, gm_.images))
        return error(label + " refers to image " + std::to_string(tex.source) +
                     ", which does not exist");
      if (tex.sampler != -1 && !valid_index(tex.sampler, gm_.samplers))
        return error(label + " refers to sampler " + std::to_string(tex.sampler) +
                     ", which does not exist");
      td.image = tex.source;
      if (tex.sampler >= 0) {
        const tinygltf::Sampler& s = gm_.samplers[static_cast<std::size_t>(tex.sampler)];
        td.sampler.mag_filter = to_filter(s.magFilter);
        td.sampler.min_filter = to_filter(s.minFilter);
        td.sampler.wrap_s = to_wrap(s.wrapS);
        td.sampler.wrap_t = to_wrap(s.wrapT);
      }
      const tinygltf::Image& img = gm_.images[static_cast<std::size_t>(tex.source)];
      td.name = !tex.name.empty()   ? tex.name
                : !img.name.empty() ? img.name
                : !img.uri.empty() && img.uri.rfind("data:", 0) != 0
                    ? std::filesystem::path(img.uri).filename().string()
                    : "texture" + std::to_string(t);
      images.insert(tex.source);
    }
    for (int i : images) {
      tinygltf::Image& img = gm_.images[static_cast<std::size_t>(i)];
      const bool external = !img.uri.empty() && img.uri.rfind("data:", 0) != 0;
      const std::string label =
          "image " + std::to_string(i) + quoted_name(external ? img.uri : img.name);
      if (img.image.empty())
        return error(label + " cannot be read" +
                     (external ? ": the file is missing or unreadable" : ": it has no data"));
      auto decoded = decode_image(std::as_bytes(std::span<const unsigned char>(img.image)),
                                  path_ + ": " + label);
      if (!decoded) return tl::unexpected(decoded.error());
      out_.images[static_cast<std::size_t>(i)] = std::move(*decoded);
      std::vector<unsigned char>().swap(img.image);
    }
    return {};
  }

  // [SECTION] skins

  Status skins() {
    out_.skins.resize(gm_.skins.size());
    for (int i : out_.scene_order) {
      const detail::NodeData& nd = out_.nodes[static_cast<std::size_t>(i)];
      if (nd.skin >= 0 && nd.mesh >= 0) out_.skins[static_cast<std::size_t>(nd.skin)].used = true;
    }
    for (std::size_t s = 0; s < gm_.skins.size(); ++s) {
      detail::SkinData& sd = out_.skins[s];
      if (!sd.used) continue;
      const tinygltf::Skin& skin = gm_.skins[s];
      const std::string label = "skin " + std::to_string(s) + quoted_name(skin.name);
      if (skin.joints.empty()) return error(label + " has no joints");
      for (int j : skin.joints) {
        if (!valid_index(j, gm_.nodes))
          return error(label + " lists joint node " + std::to_string(j) +
                       ", which does not exist");
        if (!out_.nodes[static_cast<std::size_t>(j)].in_scene)
          return error(label + " uses " + node_label(static_cast<std::size_t>(j)) +
                       " as a joint, but that node is not in the imported scene");
      }
      sd.joints = skin.joints;
      if (skin.inverseBindMatrices >= 0) {
        auto m = floats(skin.inverseBindMatrices, {TINYGLTF_TYPE_MAT4},
                        label + " inverseBindMatrices");
        if (!m) return tl::unexpected(m.error());
        if (m->size() < skin.joints.size() * 16)
          return error(label + " has " + std::to_string(m->size() / 16) +
                       " inverse bind matrices for " + std::to_string(skin.joints.size()) +
                       " joints");
        m->resize(skin.joints.size() * 16);
        sd.inverse_bind = std::move(*m);
      } else {
        for (std::size_t j = 0; j < skin.joints.size(); ++j)
          for (std::size_t k = 0; k < 16; ++k) sd.inverse_bind.push_back(k % 5 == 0 ? 1.0f : 0.0f);
      }
      if (skin.skeleton >= 0 && valid_index(skin.skeleton, gm_.nodes) &&
          out_.nodes[static_cast<std::size_t>(skin.skeleton)].in_scene)
        sd.skeleton = skin.skeleton;
    }
    // Every joint index a skinned mesh uses must exist in its skin.
    for (int i : out_.scene_order) {
      const detail::NodeData& nd = out_.nodes[static_cast<std::size_t>(i)];
      if (nd.skin < 0 || nd.mesh < 0) continue;
      const std::size_t joints = out_.skins[static_cast<std::size_t>(nd.skin)].joints.size();
      for (const detail::PrimitiveData& p : out_.meshes[static_cast<std::size_t>(nd.mesh)].primitives)
        for (const Joints4& j : p.mesh.joints)
          for (std::uint16_t k : j)
            if (k >= joints)
              return error(mesh_label(static_cast<std::size_t>(nd.mesh)) + " uses joint " +
                           std::to_string(k) + ", but skin " + std::to_string(nd.skin) +
                           " of " + node_label(static_cast<std::size_t>(i)) + " has " +
                           std::to_string(joints) + " joints");
    }
    return {};
  }

  // [SECTION] animations

  Status animations() {
    out_.animations.resize(gm_.animations.size());
    for (std::size_t a = 0; a < gm_.animations.size(); ++a) {
      const tinygltf::Animation& anim = gm_.animations[a];
      const std::string label = "animation " + std::to_string(a) + quoted_name(anim.name);
      ModelAnimationInfo info;
      info.name = anim.name.empty() ? "animation" + std::to_string(a) : anim.name;
      for (std::size_t c = 0; c < anim.channels.size(); ++c) {
        const tinygltf::AnimationChannel& ch = anim.channels[c];
        const std::string what = label + " channel " + std::to_string(c);
        if (!valid_index(ch.sampler, anim.samplers))
          return error(what + " refers to sampler " + std::to_string(ch.sampler) +
                       ", which does not exist");
        if (ch.target_node < 0) {
          warn(kWarnAnimation, what + " has no target node; it is dropped");
          continue;
        }
        if (!valid_index(ch.target_node, gm_.nodes))
          return error(what + " targets node " + std::to_string(ch.target_node) +
                       ", which does not exist");
        const auto node = static_cast<std::size_t>(ch.target_node);
        if (!out_.nodes[node].in_scene) {
          warn(kWarnAnimation,
               what + " animates " + node_label(node) + ", which is not in the scene; dropped");
          continue;
        }
        detail::ChannelData cd;
        cd.node = ch.target_node;
        int out_type = TINYGLTF_TYPE_VEC3;
        if (ch.target_path == "translation") {
          cd.path = bundle::AnimPath::translation;
        } else if (ch.target_path == "rotation") {
          cd.path = bundle::AnimPath::rotation;
          cd.components = 4;
          out_type = TINYGLTF_TYPE_VEC4;
        } else if (ch.target_path == "scale") {
          cd.path = bundle::AnimPath::scale;
        } else if (ch.target_path == "weights") {
          cd.path = bundle::AnimPath::weights;
          out_type = TINYGLTF_TYPE_SCALAR;
          const int mesh = out_.nodes[node].mesh;
          const std::size_t targets =
              mesh >= 0 ? out_.meshes[static_cast<std::size_t>(mesh)].target_count : 0;
          if (targets == 0) {
            warn(kWarnAnimation, what + " animates the morph weights of " + node_label(node) +
                                     ", which has no morph targets; dropped");
            continue;
          }
          cd.components = static_cast<std::uint32_t>(targets);
        } else {
          warn(kWarnAnimation, what + " animates '" + ch.target_path +
                                   "', which is not supported; dropped");
          continue;
        }
        const tinygltf::AnimationSampler& sampler =
            anim.samplers[static_cast<std::size_t>(ch.sampler)];
        if (sampler.interpolation == "STEP") {
          cd.interpolation = bundle::Interpolation::step;
        } else if (sampler.interpolation == "CUBICSPLINE") {
          cd.interpolation = bundle::Interpolation::cubic_spline;
        } else if (sampler.interpolation != "LINEAR" && !sampler.interpolation.empty()) {
          warn(kWarnAnimation, what + " uses interpolation '" + sampler.interpolation +
                                   "', which is unknown; LINEAR is used");
        }
        auto times = floats(sampler.input, {TINYGLTF_TYPE_SCALAR}, what + " input");
        if (!times) return tl::unexpected(times.error());
        auto values = floats(sampler.output, {out_type}, what + " output");
        if (!values) return tl::unexpected(values.error());
        if (times->empty()) {
          warn(kWarnAnimation, what + " has no keys; dropped");
          continue;
        }
        for (std::size_t k = 0; k < times->size(); ++k) {
          if (!std::isfinite((*times)[k]) || (k > 0 && (*times)[k] <= (*times)[k - 1]))
            return error(what + " input: key times must be finite and increasing (key " +
                         std::to_string(k) + ")");
        }
        const std::size_t per_key =
            cd.components *
            (cd.interpolation == bundle::Interpolation::cubic_spline ? std::size_t{3} : 1);
        if (values->size() != times->size() * per_key)
          return error(what + " output has " + std::to_string(values->size()) +
                       " numbers for " + std::to_string(times->size()) + " keys of " +
                       std::to_string(per_key) + " numbers");
        cd.input = sampler.input;
        cd.output = sampler.output;
        info.duration = std::max(info.duration, times->back());
        cd.times = std::move(*times);
        cd.values = std::move(*values);
        out_.animations[a].channels.push_back(std::move(cd));
      }
      out_.animation_info.push_back(std::move(info));
    }
    return {};
  }

  const std::string& path_;
  Diagnostics& diags_;
  tinygltf::Model& gm_;
  detail::ModelData& out_;
  std::set<int> srgb_textures_;
  std::set<int> data_textures_;
};

// Required extensions we cannot honour make the model unusable; optional ones are
// dropped with a warning.
Status check_extensions(const std::string& path, const tinygltf::Model& gm,
                        Diagnostics& diags) {
  const auto& ok = supported_gltf_extensions();
  auto supported = [&](const std::string& e) {
    return std::find(ok.begin(), ok.end(), e) != ok.end();
  };
  std::vector<std::string> missing;
  for (const std::string& e : gm.extensionsRequired)
    if (!supported(e) && std::find(missing.begin(), missing.end(), e) == missing.end())
      missing.push_back(e);
  if (!missing.empty()) {
    std::string list;
    bool compressed = false;
    for (const std::string& e : missing) {
      list += (list.empty() ? "'" : ", '") + e + "'";
      compressed = compressed || e == "KHR_draco_mesh_compression" ||
                   e == "EXT_meshopt_compression" || e == "KHR_meshopt_compression";
    }
    return fail(path + ": the model requires the glTF extension" +
                (missing.size() > 1 ? "s " : " ") + list + ", which TrialXR does not support" +
                (compressed ? "; export the model again without mesh compression" : ""));
  }
  for (const std::string& e : gm.extensionsUsed) {
    if (supported(e)) continue;
    if (std::find(gm.extensionsRequired.begin(), gm.extensionsRequired.end(), e) !=
        gm.extensionsRequired.end())
      continue;
    diags.warning(kWarnExtension, path, SourceLoc{},
                  "the model uses the glTF extension '" + e +
                      "', which TrialXR does not support; it is ignored");
  }
  return {};
}

}  // namespace

Result<ModelAsset> load_model(const std::string& path, Diagnostics& diags) {
  auto bytes = read_file(path);
  if (!bytes) return fail(bytes.error().message);
  if (bytes->size() >= std::numeric_limits<unsigned int>::max())
    return fail(path + ": the file is too large for a model");

  auto data = std::make_unique<detail::ModelData>();
  data->path = path;
  data->input_files.push_back(path);

  tinygltf::TinyGLTF parser;
  parser.SetImageLoader(&keep_encoded_image, nullptr);
  tinygltf::FsCallbacks fs{&tinygltf::FileExists, &tinygltf::ExpandFilePath, &read_and_record,
                           &tinygltf::WriteWholeFile, &data->input_files};
  parser.SetFsCallbacks(fs);

  std::string base_dir = std::filesystem::path(path).parent_path().string();
  if (base_dir.empty()) base_dir = ".";
  const bool binary = bytes->size() >= 4 && std::memcmp(bytes->data(), "glTF", 4) == 0;
  tinygltf::Model gm;
  std::string err, warn;
  const auto size = static_cast<unsigned int>(bytes->size());
  const bool parsed =
      binary ? parser.LoadBinaryFromMemory(&gm, &err, &warn,
                                           reinterpret_cast<const unsigned char*>(bytes->data()),
                                           size, base_dir, tinygltf::REQUIRE_VERSION)
             : parser.LoadASCIIFromString(&gm, &err, &warn, bytes->data(), size, base_dir,
                                          tinygltf::REQUIRE_VERSION);
  bytes->clear();
  // The extension lists are parsed before anything else, so they say why a file failed
  // (e.g. Draco-compressed accessors without buffer views) better than the parser can.
  if (auto s = check_extensions(path, gm, diags); !s) return tl::unexpected(s.error());
  if (!parsed) {
    return fail(path + ": not a valid glTF" + (binary ? " binary (.glb)" : "") +
                " file: " + (err.empty() ? std::string("unknown error") : trim(err)));
  }
  std::size_t start = 0;
  while (start < warn.size()) {
    std::size_t end = warn.find('\n', start);
    if (end == std::string::npos) end = warn.size();
    if (end > start) diags.warning(kWarnParser, path, SourceLoc{}, warn.substr(start, end - start));
    start = end + 1;
  }

  Loader loader(path, diags, gm, *data);
  if (auto s = loader.run(); !s) return tl::unexpected(s.error());
  return ModelAsset(std::move(data));
}

}  // namespace trialxr::compiler
