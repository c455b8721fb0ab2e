// GltfLoader: materials, the textures they use (as colour or as data) and their images,
// decoded to RGBA8.
#include "gltf_loader.h"

#include <filesystem>
#include <span>

#include "trialxr/compiler/image_import.h"

namespace trialxr::compiler::detail {

namespace {

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

}  // namespace

Result<detail::TextureRef> GltfLoader::texture_ref(int index, int tex_coord, double scale,
                                                   const std::string& what, bool srgb) {
  detail::TextureRef ref;
  if (index < 0) return ref;
  if (!valid_index(index, gm_.textures))
    return error(what + " refers to texture " + std::to_string(index) + ", which does not exist");
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

Status GltfLoader::materials() {
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
        it != mat.extensions.end() && it->second.IsObject() && it->second.Has("emissiveStrength") &&
        it->second.Get("emissiveStrength").IsNumber()) {
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
    if (s)
      s = set(md.metal_rough_texture,
              texture_ref(pbr.metallicRoughnessTexture.index, pbr.metallicRoughnessTexture.texCoord,
                          1.0, label + " metallicRoughnessTexture", false));
    if (s)
      s = set(md.normal_texture,
              texture_ref(mat.normalTexture.index, mat.normalTexture.texCoord,
                          mat.normalTexture.scale, label + " normalTexture", false));
    if (s)
      s = set(md.occlusion_texture,
              texture_ref(mat.occlusionTexture.index, mat.occlusionTexture.texCoord,
                          mat.occlusionTexture.strength, label + " occlusionTexture", false));
    if (s)
      s = set(md.emissive_texture,
              texture_ref(mat.emissiveTexture.index, mat.emissiveTexture.texCoord, 1.0,
                          label + " emissiveTexture", true));
    if (!s) return s;
  }
  return {};
}

Status GltfLoader::textures() {
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
           label +
               " has no PNG or JPEG image (it may need an unsupported extension such as "
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

}  // namespace trialxr::compiler::detail
