#include "gltf_builder.h"

#include <cmath>
#include <cstring>
#include <limits>
#include <sstream>
#include <stdexcept>

namespace trialxr::modelgen {

namespace {

double srgb_to_linear(double c) {
  return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}

// Rounds to 6 significant decimals so that factors read cleanly in the JSON.
double tidy(double value) {
  if (value == 0.0) return 0.0;
  const double scale =
      std::pow(10.0, 6 - static_cast<int>(std::ceil(std::log10(std::fabs(value)))));
  return std::round(value * scale) / scale;
}

// -0.0 reads oddly in JSON; write it as 0.
double unsigned_zero(double value) {
  return value == 0.0 ? 0.0 : value;
}

template <typename Vec>
std::vector<float> flatten(const std::vector<Vec>& items) {
  std::vector<float> out;
  out.reserve(items.size() * Vec::length());
  for (const Vec& item : items) {
    for (int i = 0; i < Vec::length(); ++i) out.push_back(item[i]);
  }
  return out;
}

const char* interpolation_name(Interpolation interpolation) {
  switch (interpolation) {
    case Interpolation::kStep:
      return "STEP";
    case Interpolation::kLinear:
      return "LINEAR";
    case Interpolation::kCubicSpline:
      return "CUBICSPLINE";
  }
  return "LINEAR";
}

}  // namespace

glm::dvec4 srgb_color(std::uint32_t rgb, double alpha) {
  auto channel = [&](int shift) {
    return tidy(srgb_to_linear(static_cast<double>((rgb >> shift) & 0xFFu) / 255.0));
  };
  return {channel(16), channel(8), channel(0), alpha};
}

GltfBuilder::GltfBuilder(const std::string& generator) {
  model_.asset.version = "2.0";
  model_.asset.generator = generator;
  model_.buffers.emplace_back();
}

int GltfBuilder::add_buffer_view(const void* data, std::size_t size, int target) {
  std::vector<unsigned char>& bytes = model_.buffers[0].data;
  while (bytes.size() % 4 != 0) bytes.push_back(0);  // every view starts 4-byte aligned
  tinygltf::BufferView view;
  view.buffer = 0;
  view.byteOffset = bytes.size();
  view.byteLength = size;
  view.target = target;
  const auto* begin = static_cast<const unsigned char*>(data);
  bytes.insert(bytes.end(), begin, begin + size);
  model_.bufferViews.push_back(view);
  return static_cast<int>(model_.bufferViews.size() - 1);
}

int GltfBuilder::add_float_accessor(const std::vector<float>& values, int type, int components,
                                    int target, bool with_bounds) {
  const auto width = static_cast<std::size_t>(components);
  if (values.empty() || values.size() % width != 0) {
    throw std::runtime_error("accessor: value count does not match the element type");
  }
  tinygltf::Accessor accessor;
  accessor.bufferView = add_buffer_view(values.data(), values.size() * sizeof(float), target);
  accessor.componentType = TINYGLTF_COMPONENT_TYPE_FLOAT;
  accessor.type = type;
  accessor.count = values.size() / width;
  if (with_bounds) {
    accessor.minValues.assign(width, std::numeric_limits<double>::infinity());
    accessor.maxValues.assign(width, -std::numeric_limits<double>::infinity());
    for (std::size_t i = 0; i < values.size(); ++i) {
      const double v = static_cast<double>(values[i]);
      accessor.minValues[i % width] = std::min(accessor.minValues[i % width], v);
      accessor.maxValues[i % width] = std::max(accessor.maxValues[i % width], v);
    }
  }
  model_.accessors.push_back(accessor);
  return static_cast<int>(model_.accessors.size() - 1);
}

int GltfBuilder::add_index_accessor(const std::vector<std::uint16_t>& indices) {
  tinygltf::Accessor accessor;
  accessor.bufferView = add_buffer_view(indices.data(), indices.size() * sizeof(std::uint16_t),
                                        TINYGLTF_TARGET_ELEMENT_ARRAY_BUFFER);
  accessor.componentType = TINYGLTF_COMPONENT_TYPE_UNSIGNED_SHORT;
  accessor.type = TINYGLTF_TYPE_SCALAR;
  accessor.count = indices.size();
  model_.accessors.push_back(accessor);
  return static_cast<int>(model_.accessors.size() - 1);
}

int GltfBuilder::shared_sampler() {
  if (sampler_ < 0) {
    tinygltf::Sampler sampler;
    sampler.magFilter = TINYGLTF_TEXTURE_FILTER_LINEAR;
    sampler.minFilter = TINYGLTF_TEXTURE_FILTER_LINEAR_MIPMAP_LINEAR;
    sampler.wrapS = TINYGLTF_TEXTURE_WRAP_REPEAT;
    sampler.wrapT = TINYGLTF_TEXTURE_WRAP_REPEAT;
    model_.samplers.push_back(sampler);
    sampler_ = static_cast<int>(model_.samplers.size() - 1);
  }
  return sampler_;
}

int GltfBuilder::add_png_texture(const std::string& name, const std::vector<unsigned char>& png) {
  tinygltf::Image image;
  image.name = name;
  image.mimeType = "image/png";
  image.bufferView = add_buffer_view(png.data(), png.size(), 0);
  model_.images.push_back(image);

  tinygltf::Texture texture;
  texture.name = name;
  texture.sampler = shared_sampler();
  texture.source = static_cast<int>(model_.images.size() - 1);
  model_.textures.push_back(texture);
  return static_cast<int>(model_.textures.size() - 1);
}

int GltfBuilder::add_material(const MaterialDesc& desc) {
  tinygltf::Material material;
  material.name = desc.name;
  material.pbrMetallicRoughness.baseColorFactor = {desc.base_color.r, desc.base_color.g,
                                                   desc.base_color.b, desc.base_color.a};
  material.pbrMetallicRoughness.metallicFactor = desc.metallic;
  material.pbrMetallicRoughness.roughnessFactor = desc.roughness;
  material.pbrMetallicRoughness.baseColorTexture.index = desc.base_color_texture;
  material.normalTexture.index = desc.normal_texture;
  material.emissiveFactor = {desc.emissive.r, desc.emissive.g, desc.emissive.b};
  material.alphaMode = desc.blend ? "BLEND" : "OPAQUE";
  material.doubleSided = desc.double_sided;
  model_.materials.push_back(material);
  return static_cast<int>(model_.materials.size() - 1);
}

int GltfBuilder::add_mesh(const std::string& name, const std::vector<PrimitiveDesc>& primitives,
                          const std::vector<std::string>& target_names) {
  tinygltf::Mesh mesh;
  mesh.name = name;
  std::size_t target_count = primitives.empty() ? 0 : primitives.front().morph_positions.size();
  for (const PrimitiveDesc& desc : primitives) {
    MeshData data = desc.mesh;
    if (data.vertex_count() == 0 || data.indices.empty()) {
      throw std::runtime_error("mesh '" + name + "' has an empty primitive");
    }
    if (data.vertex_count() > 65535) {
      throw std::runtime_error("mesh '" + name + "' has too many vertices for u16 indices");
    }
    if (data.normals.size() != data.vertex_count() || data.uvs.size() != data.vertex_count()) {
      throw std::runtime_error("mesh '" + name + "' lacks normals or uvs");
    }
    if (const std::size_t inverted = count_inverted_triangles(data); inverted != 0) {
      throw std::runtime_error("mesh '" + name + "' has " + std::to_string(inverted) +
                               " triangles facing the wrong way");
    }
    if (desc.morph_positions.size() != target_count) {
      throw std::runtime_error("mesh '" + name + "': primitives differ in morph targets");
    }
    if (data.tangents.size() != data.vertex_count()) compute_tangents(data);

    tinygltf::Primitive primitive;
    primitive.mode = TINYGLTF_MODE_TRIANGLES;
    primitive.material = desc.material;
    primitive.attributes["POSITION"] = add_float_accessor(
        flatten(data.positions), TINYGLTF_TYPE_VEC3, 3, TINYGLTF_TARGET_ARRAY_BUFFER, true);
    primitive.attributes["NORMAL"] = add_float_accessor(flatten(data.normals), TINYGLTF_TYPE_VEC3,
                                                        3, TINYGLTF_TARGET_ARRAY_BUFFER, false);
    primitive.attributes["TANGENT"] = add_float_accessor(flatten(data.tangents), TINYGLTF_TYPE_VEC4,
                                                         4, TINYGLTF_TARGET_ARRAY_BUFFER, false);
    primitive.attributes["TEXCOORD_0"] = add_float_accessor(flatten(data.uvs), TINYGLTF_TYPE_VEC2,
                                                            2, TINYGLTF_TARGET_ARRAY_BUFFER, false);
    primitive.indices = add_index_accessor(data.indices);
    for (const std::vector<glm::vec3>& deltas : desc.morph_positions) {
      if (deltas.size() != data.vertex_count()) {
        throw std::runtime_error("mesh '" + name + "': morph target size mismatch");
      }
      primitive.targets.push_back(
          {{"POSITION", add_float_accessor(flatten(deltas), TINYGLTF_TYPE_VEC3, 3,
                                           TINYGLTF_TARGET_ARRAY_BUFFER, true)}});
    }
    mesh.primitives.push_back(primitive);
  }
  if (target_count > 0) {
    mesh.weights.assign(target_count, 0.0);
    if (!target_names.empty()) {
      if (target_names.size() != target_count) {
        throw std::runtime_error("mesh '" + name + "': target name count mismatch");
      }
      tinygltf::Value::Array names;
      for (const std::string& target_name : target_names) names.emplace_back(target_name);
      tinygltf::Value::Object extras;
      extras["targetNames"] = tinygltf::Value(names);
      mesh.extras = tinygltf::Value(extras);
    }
  }
  model_.meshes.push_back(mesh);
  return static_cast<int>(model_.meshes.size() - 1);
}

int GltfBuilder::add_node(const std::string& name, const Trs& trs, int mesh) {
  tinygltf::Node node;
  node.name = name;
  node.mesh = mesh;
  // Only non-default parts are written; glTF's defaults fill in the rest.
  if (trs.translation != glm::dvec3(0.0)) {
    node.translation = {unsigned_zero(trs.translation.x), unsigned_zero(trs.translation.y),
                        unsigned_zero(trs.translation.z)};
  }
  if (trs.rotation != glm::dquat(1.0, 0.0, 0.0, 0.0)) {
    const glm::dquat q = glm::normalize(trs.rotation);
    node.rotation = {unsigned_zero(q.x), unsigned_zero(q.y), unsigned_zero(q.z),
                     unsigned_zero(q.w)};
  }
  if (trs.scale != glm::dvec3(1.0)) {
    node.scale = {unsigned_zero(trs.scale.x), unsigned_zero(trs.scale.y),
                  unsigned_zero(trs.scale.z)};
  }
  model_.nodes.push_back(node);
  return static_cast<int>(model_.nodes.size() - 1);
}

void GltfBuilder::add_child(int parent, int child) {
  model_.nodes.at(static_cast<std::size_t>(parent)).children.push_back(child);
}

void GltfBuilder::add_scene(const std::string& name, const std::vector<int>& roots) {
  tinygltf::Scene scene;
  scene.name = name;
  scene.nodes = roots;
  model_.scenes.push_back(scene);
  if (model_.defaultScene < 0) model_.defaultScene = 0;
}

int GltfBuilder::add_animation(const std::string& name) {
  tinygltf::Animation animation;
  animation.name = name;
  model_.animations.push_back(animation);
  return static_cast<int>(model_.animations.size() - 1);
}

void GltfBuilder::add_channel(int animation, int node, const std::string& path,
                              const std::vector<float>& times, const std::vector<float>& values,
                              Interpolation interpolation) {
  int type = TINYGLTF_TYPE_SCALAR;
  int components = 1;
  if (path == "translation" || path == "scale") {
    type = TINYGLTF_TYPE_VEC3;
    components = 3;
  } else if (path == "rotation") {
    type = TINYGLTF_TYPE_VEC4;
    components = 4;
  } else if (path == "weights") {
    // One scalar per morph target per key.
    const int mesh = model_.nodes.at(static_cast<std::size_t>(node)).mesh;
    components = static_cast<int>(model_.meshes.at(static_cast<std::size_t>(mesh)).weights.size());
  } else {
    throw std::runtime_error("animation path '" + path + "' is not a glTF target path");
  }
  const std::size_t per_key =
      static_cast<std::size_t>(components) * (interpolation == Interpolation::kCubicSpline ? 3 : 1);
  if (times.empty() || values.size() != times.size() * per_key) {
    throw std::runtime_error("animation channel '" + path + "': key count mismatch");
  }
  for (std::size_t i = 1; i < times.size(); ++i) {
    if (!(times[i] > times[i - 1])) throw std::runtime_error("key times must increase");
  }

  auto cached = time_accessors_.find(times);
  int input = 0;
  if (cached != time_accessors_.end()) {
    input = cached->second;
  } else {
    input = add_float_accessor(times, TINYGLTF_TYPE_SCALAR, 1, 0, true);
    time_accessors_.emplace(times, input);
  }
  // Weights are written as scalars: components per key, all in one SCALAR accessor.
  const int output = path == "weights"
                         ? add_float_accessor(values, TINYGLTF_TYPE_SCALAR, 1, 0, false)
                         : add_float_accessor(values, type, components, 0, false);

  tinygltf::Animation& anim = model_.animations.at(static_cast<std::size_t>(animation));
  tinygltf::AnimationSampler sampler;
  sampler.input = input;
  sampler.output = output;
  sampler.interpolation = interpolation_name(interpolation);
  anim.samplers.push_back(sampler);
  tinygltf::AnimationChannel channel;
  channel.sampler = static_cast<int>(anim.samplers.size() - 1);
  channel.target_node = node;
  channel.target_path = path;
  anim.channels.push_back(channel);
}

std::vector<unsigned char> GltfBuilder::to_glb() {
  std::vector<unsigned char>& bytes = model_.buffers[0].data;
  while (bytes.size() % 4 != 0) bytes.push_back(0);
  tinygltf::TinyGLTF writer;
  std::ostringstream stream(std::ios::out | std::ios::binary);
  if (!writer.WriteGltfSceneToStream(&model_, stream, false, true)) {
    throw std::runtime_error("tinygltf could not serialise the model");
  }
  const std::string glb = stream.str();
  return {glb.begin(), glb.end()};
}

int add_material(GltfBuilder& gltf, const std::string& name, std::uint32_t rgb, double roughness,
                 double emissive, double alpha) {
  MaterialDesc desc;
  desc.name = name;
  desc.base_color = srgb_color(rgb, alpha);
  desc.roughness = roughness;
  desc.blend = alpha < 1.0;
  if (emissive > 0.0) desc.emissive = glm::dvec3(desc.base_color) * emissive;
  return gltf.add_material(desc);
}

}  // namespace trialxr::modelgen
