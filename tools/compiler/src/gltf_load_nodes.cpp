// GltfLoader: node names, the hierarchy, transforms (matrices decomposed with glm), the
// scene's nodes in depth-first pre-order.
#include <set>

#define GLM_ENABLE_EXPERIMENTAL
#include <glm/glm.hpp>
#include <glm/gtc/quaternion.hpp>
#include <glm/gtx/matrix_decompose.hpp>

#include "gltf_loader.h"

namespace trialxr::compiler::detail {

Status GltfLoader::node_transform(std::size_t i) {
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
        warn(kWarnOther, node_label(i) +
                             " has a matrix that is not a rotation, scale and "
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

Status GltfLoader::nodes() {
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
           "two nodes are called '" + name + "'; node " + std::to_string(i) + " is imported as '" +
               renamed + "'",
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
        return error(node_label(i) + " has child " + std::to_string(c) + ", which does not exist");
      auto child = static_cast<std::size_t>(c);
      if (child == i) return error(node_label(i) + " is its own child");
      if (out_.nodes[child].parent != -1)
        return error(node_label(child) + " is a child of both node " +
                     std::to_string(out_.nodes[child].parent) + " and node " + std::to_string(i));
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

Status GltfLoader::scene() {
  std::vector<int> roots;
  int chosen = gm_.defaultScene;
  if (!valid_index(chosen, gm_.scenes)) chosen = gm_.scenes.empty() ? -1 : 0;
  if (chosen >= 0) {
    const tinygltf::Scene& sc = gm_.scenes[static_cast<std::size_t>(chosen)];
    if (gm_.scenes.size() > 1)
      warn(kWarnOther, "the model has " + std::to_string(gm_.scenes.size()) +
                           " scenes; only scene " + std::to_string(chosen) + quoted_name(sc.name) +
                           " is imported");
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

}  // namespace trialxr::compiler::detail
