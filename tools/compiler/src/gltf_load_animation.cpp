// GltfLoader: skins (joints in the scene, inverse bind matrices) and animations (channels
// checked and their keys decoded).
#include "gltf_loader.h"

#include <algorithm>
#include <cmath>

namespace trialxr::compiler::detail {

Status GltfLoader::skins() {
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
        return error(label + " lists joint node " + std::to_string(j) + ", which does not exist");
      if (!out_.nodes[static_cast<std::size_t>(j)].in_scene)
        return error(label + " uses " + node_label(static_cast<std::size_t>(j)) +
                     " as a joint, but that node is not in the imported scene");
    }
    sd.joints = skin.joints;
    if (skin.inverseBindMatrices >= 0) {
      auto m =
          floats(skin.inverseBindMatrices, {TINYGLTF_TYPE_MAT4}, label + " inverseBindMatrices");
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
                         std::to_string(k) + ", but skin " + std::to_string(nd.skin) + " of " +
                         node_label(static_cast<std::size_t>(i)) + " has " +
                         std::to_string(joints) + " joints");
  }
  return {};
}

Status GltfLoader::animations() {
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
        // A mesh whose primitives were all skipped draws nothing: nothing to morph.
        const detail::MeshInfo* drawn =
            mesh >= 0 ? &out_.meshes[static_cast<std::size_t>(mesh)] : nullptr;
        const std::size_t targets =
            drawn != nullptr && !drawn->primitives.empty() ? drawn->target_count : 0;
        if (targets == 0) {
          warn(kWarnAnimation, what + " animates the morph weights of " + node_label(node) +
                                   ", which has no morph targets; dropped");
          continue;
        }
        cd.components = static_cast<std::uint32_t>(targets);
      } else {
        warn(kWarnAnimation,
             what + " animates '" + ch.target_path + "', which is not supported; dropped");
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
        return error(what + " output has " + std::to_string(values->size()) + " numbers for " +
                     std::to_string(times->size()) + " keys of " + std::to_string(per_key) +
                     " numbers");
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

}  // namespace trialxr::compiler::detail
