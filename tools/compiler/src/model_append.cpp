// append_model: writes one placement of a loaded glTF model into a BundleContent. All
// checking happened in load_model; this only copies, in a fixed order, so the same
// model gives the same bytes.
#include <map>
#include <utility>

#include "model_data.h"
#include "trialxr/compiler/image_import.h"
#include "trialxr/compiler/mesh_builder.h"
#include "trialxr/compiler/model_import.h"
#include "trialxr/core/check.h"

namespace trialxr::compiler {

namespace {

std::uint32_t index_of_next(std::size_t size) {
  TRIALXR_CHECK(size < bundle::kNone);
  return static_cast<std::uint32_t>(size);
}

class Writer {
 public:
  Writer(const detail::ModelData& d, std::string_view object_name, std::uint32_t object_index,
         BundleContent& content)
      : d_(d), object_name_(object_name), object_index_(object_index), c_(content) {}

  ModelPlacement run() {
    ModelPlacement pl;
    pl.gltf_node.assign(d_.nodes.size(), bundle::kNone);
    pl.root_node = pl.first_node = index_of_next(c_.nodes.size());
    bundle::NodeRecord root = blank_node(c_.strings.intern(object_name_), bundle::kNone);
    c_.nodes.push_back(root);

    std::string full(object_name_);
    full += '.';
    for (int g : d_.scene_order) {
      const detail::NodeData& nd = d_.nodes[static_cast<std::size_t>(g)];
      const std::uint32_t parent =
          nd.parent >= 0 ? pl.gltf_node[static_cast<std::size_t>(nd.parent)] : pl.root_node;
      TRIALXR_CHECK(parent != bundle::kNone);  // pre-order: parents are placed first
      bundle::NodeRecord rec =
          blank_node(c_.strings.intern(full + d_.node_names[static_cast<std::size_t>(g)]), parent);
      for (std::size_t k = 0; k < 3; ++k) {
        rec.translation[k] = nd.translation[k];
        rec.scale[k] = nd.scale[k];
      }
      for (std::size_t k = 0; k < 4; ++k) rec.rotation[k] = nd.rotation[k];
      pl.gltf_node[static_cast<std::size_t>(g)] = index_of_next(c_.nodes.size());
      c_.nodes.push_back(rec);
    }
    pl.node_count = index_of_next(c_.nodes.size()) - pl.first_node;

    // Meshes, materials and textures, in scene order.
    for (int g : d_.scene_order) {
      const detail::NodeData& nd = d_.nodes[static_cast<std::size_t>(g)];
      if (nd.mesh < 0) continue;
      c_.nodes[pl.gltf_node[static_cast<std::size_t>(g)]].mesh = mesh(nd.mesh, nd.weights);
    }
    // Skins, once every node has its bundle index.
    for (int g : d_.scene_order) {
      const detail::NodeData& nd = d_.nodes[static_cast<std::size_t>(g)];
      bundle::NodeRecord& rec = c_.nodes[pl.gltf_node[static_cast<std::size_t>(g)]];
      if (nd.skin < 0 || rec.mesh == bundle::kNone) continue;
      rec.skin = skin(nd.skin, pl);
    }

    pl.first_animation = index_of_next(c_.animations.size());
    for (std::size_t a = 0; a < d_.animations.size(); ++a) animation(a, pl);
    pl.animation_count = index_of_next(c_.animations.size()) - pl.first_animation;
    return pl;
  }

 private:
  bundle::NodeRecord blank_node(bundle::StrRef name, std::uint32_t parent) const {
    bundle::NodeRecord rec{};
    rec.name = name;
    rec.parent = parent;
    rec.object = object_index_;
    rec.mesh = bundle::kNone;
    rec.skin = bundle::kNone;
    rec.rotation[3] = 1.0f;
    rec.scale[0] = rec.scale[1] = rec.scale[2] = 1.0f;
    rec.flags = 0;
    return rec;
  }

  std::uint32_t mesh(int m, const std::vector<float>& node_weights) {
    const detail::MeshInfo& info = d_.meshes[static_cast<std::size_t>(m)];
    TRIALXR_CHECK(info.used);
    if (info.primitives.empty()) return bundle::kNone;
    const std::vector<float>& weights = node_weights.empty() ? info.weights : node_weights;
    auto key = std::make_pair(m, weights);
    if (auto it = meshes_.find(key); it != meshes_.end()) return it->second;

    auto range = primitives_.find(m);
    if (range == primitives_.end()) {
      const std::uint32_t first = index_of_next(c_.primitives.size());
      for (const detail::PrimitiveData& p : info.primitives)
        write_primitive(p.mesh, material(p.material), c_);
      range = primitives_.emplace(m, std::make_pair(first, index_of_next(info.primitives.size())))
                  .first;
    }
    bundle::MeshRecord rec{};
    rec.first_primitive = range->second.first;
    rec.primitive_count = range->second.second;
    rec.first_weight = weights.empty() ? 0 : c_.append_floats(weights);
    rec.weight_count = index_of_next(weights.size());
    const std::uint32_t index = index_of_next(c_.meshes.size());
    c_.meshes.push_back(rec);
    meshes_.emplace(std::move(key), index);
    return index;
  }

  std::uint32_t material(int m) {
    if (m < 0) return bundle::kNone;
    if (auto it = materials_.find(m); it != materials_.end()) return it->second;
    const detail::MaterialData& md = d_.materials[static_cast<std::size_t>(m)];
    TRIALXR_CHECK(md.used);
    bundle::MaterialRecord rec{};
    rec.name = c_.strings.intern(md.name);
    for (std::size_t k = 0; k < 4; ++k) rec.base_color[k] = md.base_color[k];
    for (std::size_t k = 0; k < 3; ++k) rec.emissive[k] = md.emissive[k];
    rec.metallic = md.metallic;
    rec.roughness = md.roughness;
    rec.alpha_cutoff = md.alpha_cutoff;
    rec.alpha_mode = md.alpha_mode;
    rec.flags = md.double_sided ? bundle::kMaterialDoubleSided : 0u;
    rec.base_color_texture = slot(md.base_color_texture, true);
    rec.metal_rough_texture = slot(md.metal_rough_texture, false);
    rec.normal_texture = slot(md.normal_texture, false);
    rec.occlusion_texture = slot(md.occlusion_texture, false);
    rec.emissive_texture = slot(md.emissive_texture, true);
    const std::uint32_t index = index_of_next(c_.materials.size());
    c_.materials.push_back(rec);
    materials_.emplace(m, index);
    return index;
  }

  bundle::TextureSlot slot(const detail::TextureRef& ref, bool srgb) {
    if (ref.texture < 0) return {bundle::kNone, 0, 1.0f};
    const detail::TextureData& td = d_.textures[static_cast<std::size_t>(ref.texture)];
    if (td.image < 0) return {bundle::kNone, 0, 1.0f};
    auto key = std::make_pair(ref.texture, srgb);
    auto it = textures_.find(key);
    if (it == textures_.end()) {
      const std::uint32_t index = append_texture(
          d_.images[static_cast<std::size_t>(td.image)],
          srgb ? bundle::TextureFormat::rgba8_srgb : bundle::TextureFormat::rgba8_unorm, td.sampler,
          td.name, c_);
      it = textures_.emplace(key, index).first;
    }
    return {it->second, ref.uv_set, ref.scale};
  }

  std::uint32_t skin(int s, const ModelPlacement& pl) {
    if (auto it = skins_.find(s); it != skins_.end()) return it->second;
    const detail::SkinData& sd = d_.skins[static_cast<std::size_t>(s)];
    TRIALXR_CHECK(sd.used);
    bundle::SkinRecord rec{};
    rec.first_joint = index_of_next(c_.joints.size());
    rec.joint_count = index_of_next(sd.joints.size());
    for (int j : sd.joints) {
      const std::uint32_t node = pl.gltf_node[static_cast<std::size_t>(j)];
      TRIALXR_CHECK(node != bundle::kNone);
      c_.joints.push_back(node);
    }
    rec.inverse_bind = c_.append_floats(sd.inverse_bind);
    rec.skeleton =
        sd.skeleton >= 0 ? pl.gltf_node[static_cast<std::size_t>(sd.skeleton)] : bundle::kNone;
    const std::uint32_t index = index_of_next(c_.skins.size());
    c_.skins.push_back(rec);
    skins_.emplace(s, index);
    return index;
  }

  // Channels sharing an accessor share its floats.
  std::uint32_t floats_of(std::map<int, std::uint32_t>& cache, int accessor,
                          const std::vector<float>& values) {
    if (auto it = cache.find(accessor); it != cache.end()) return it->second;
    const std::uint32_t first = c_.append_floats(values);
    cache.emplace(accessor, first);
    return first;
  }

  void animation(std::size_t a, const ModelPlacement& pl) {
    const detail::AnimationData& ad = d_.animations[a];
    bundle::AnimationRecord rec{};
    rec.name = c_.strings.intern(d_.animation_info[a].name);
    rec.object = object_index_;
    rec.first_channel = index_of_next(c_.channels.size());
    rec.duration = d_.animation_info[a].duration;
    for (const detail::ChannelData& cd : ad.channels) {
      bundle::ChannelRecord ch{};
      ch.node = pl.gltf_node[static_cast<std::size_t>(cd.node)];
      TRIALXR_CHECK(ch.node != bundle::kNone);
      ch.path = cd.path;
      ch.interpolation = cd.interpolation;
      ch.key_count = index_of_next(cd.times.size());
      ch.times = floats_of(times_, cd.input, cd.times);
      ch.values = floats_of(values_, cd.output, cd.values);
      ch.components = cd.components;
      ch.reserved = 0;
      c_.channels.push_back(ch);
    }
    rec.channel_count = index_of_next(c_.channels.size()) - rec.first_channel;
    c_.animations.push_back(rec);
  }

  const detail::ModelData& d_;
  std::string_view object_name_;
  std::uint32_t object_index_;
  BundleContent& c_;
  std::map<std::pair<int, std::vector<float>>, std::uint32_t> meshes_;
  std::map<int, std::pair<std::uint32_t, std::uint32_t>> primitives_;
  std::map<int, std::uint32_t> materials_;
  std::map<std::pair<int, bool>, std::uint32_t> textures_;
  std::map<int, std::uint32_t> skins_;
  std::map<int, std::uint32_t> times_;
  std::map<int, std::uint32_t> values_;
};

}  // namespace

bundle::ObjectRecord ModelPlacement::object_record(bundle::StrRef name,
                                                   bundle::StrRef source) const {
  bundle::ObjectRecord rec{};
  rec.name = name;
  rec.kind = bundle::ObjectKind::model;
  rec.root_node = root_node;
  rec.first_node = first_node;
  rec.node_count = node_count;
  rec.first_animation = first_animation;
  rec.animation_count = animation_count;
  rec.source = source;
  return rec;
}

ModelPlacement append_model(const ModelAsset& asset, std::string_view object_name,
                            std::uint32_t object_index, BundleContent& content) {
  return Writer(asset.data(), object_name, object_index, content).run();
}

}  // namespace trialxr::compiler
