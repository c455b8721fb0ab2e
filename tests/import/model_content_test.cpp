// A model with a bit of everything (hierarchy, matrix node, textured material, skin,
// morph targets, animations with each interpolation) written with tinygltf, imported,
// and checked record by record.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <map>

#include "gltf_fixture.h"
#include "trialxr/compiler/model_import.h"

namespace trialxr::compiler {
namespace {

using testing::GltfBuilder;
using testing::GltfForm;
using testing::TempDir;

const double kHalfSqrt2 = std::sqrt(0.5);

// glTF node indices of the scene model.
enum : int { kRoot, kArm, kUnnamed, kBone1, kSkinned, kBone2, kMorph, kMorph2, kOrphan };

const std::vector<float> kTimes0 = {0.0f, 0.5f, 1.0f};
const std::vector<float> kTranslations = {0, 0, 0, 1, 2, 3, 4, 5, 6};
const std::vector<float> kTimes1 = {0.0f, 1.0f, 2.0f};
const std::vector<float> kRotations = {0, 0, 0, 1, 0, 0.70710677f, 0, 0.70710677f, 0, 1, 0, 0};
const std::vector<float> kTimes2 = {0.0f, 1.5f};
const std::vector<float> kCubicScales = {0.1f, 0.2f, 0.3f, 1, 1, 1, 0.4f, 0.5f, 0.6f,
                                         0.7f, 0.8f, 0.9f, 2, 2, 2, 1.1f, 1.2f, 1.3f};
const std::vector<float> kWeightKeys = {0, 1, 1, 0, 0.5f, 0.5f};
const std::vector<float> kTimes3 = {0.0f, 3.0f};
const std::vector<float> kUnnamedTranslations = {0, 1, 0, 0, 2, 0};

std::vector<float> inverse_binds() {
  std::vector<float> m(32);
  for (std::size_t i = 0; i < m.size(); ++i) m[i] = static_cast<float>(i) * 0.25f - 3.0f;
  return m;
}

tinygltf::Value object(std::map<std::string, tinygltf::Value> members) {
  return tinygltf::Value(tinygltf::Value::Object(std::move(members)));
}

int add_sampler(tinygltf::Animation& anim, int input, int output, const char* interpolation) {
  tinygltf::AnimationSampler s;
  s.input = input;
  s.output = output;
  s.interpolation = interpolation;
  anim.samplers.push_back(s);
  return static_cast<int>(anim.samplers.size() - 1);
}

void add_channel(tinygltf::Animation& anim, int sampler, int node, const char* path) {
  tinygltf::AnimationChannel c;
  c.sampler = sampler;
  c.target_node = node;
  c.target_path = path;
  anim.channels.push_back(c);
}

tinygltf::Model scene_model() {
  GltfBuilder b;
  tinygltf::Model& m = b.model();
  for (const char* name :
       {"root", "arm", "", "Bone.001", "skinned", "Bone.002", "morph", "morph2", "orphan"})
    b.add_node(name);
  m.nodes[kRoot].translation = {1, 2, 3};
  m.nodes[kRoot].rotation = {0, kHalfSqrt2, 0, kHalfSqrt2};
  m.nodes[kRoot].scale = {2, 2, 2};
  m.nodes[kRoot].children = {kArm, kBone1, kSkinned, kMorph, kMorph2};
  // T(0.5, 0, 0) * Rz(90 degrees) * S(1, 2, 3), column-major.
  m.nodes[kArm].matrix = {0, 1, 0, 0, -2, 0, 0, 0, 0, 0, 3, 0, 0.5, 0, 0, 1};
  m.nodes[kArm].children = {kUnnamed};
  m.nodes[kArm].mesh = 0;
  m.nodes[kUnnamed].translation = {0, 1, 0};
  m.nodes[kBone1].children = {kBone2};
  m.nodes[kBone2].translation = {0, 1, 0};
  m.nodes[kSkinned].mesh = 1;
  m.nodes[kSkinned].skin = 0;
  m.nodes[kMorph].mesh = 2;
  m.nodes[kMorph2].mesh = 2;
  m.nodes[kMorph2].weights = {1, 0};
  tinygltf::Scene scene;
  scene.name = "main";
  scene.nodes = {kRoot};
  m.scenes.push_back(scene);
  m.defaultScene = 0;

  // Mesh 0: a textured quad with 8-bit indices.
  tinygltf::Primitive quad;
  quad.mode = TINYGLTF_MODE_TRIANGLES;
  quad.attributes["POSITION"] =
      b.add_floats({-1, -1, 0, 1, -1, 0, 1, 1, 0, -1, 1, 0}, TINYGLTF_TYPE_VEC3);
  quad.attributes["NORMAL"] =
      b.add_floats({0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 1}, TINYGLTF_TYPE_VEC3);
  quad.attributes["TEXCOORD_0"] = b.add_floats({0, 1, 1, 1, 1, 0, 0, 0}, TINYGLTF_TYPE_VEC2);
  quad.attributes["TEXCOORD_1"] = b.add_floats({0, 2, 2, 2, 2, 0, 0, 0}, TINYGLTF_TYPE_VEC2);
  quad.indices = b.add_ints(std::vector<std::uint8_t>{0, 1, 2, 0, 2, 3},
                            TINYGLTF_COMPONENT_TYPE_UNSIGNED_BYTE, TINYGLTF_TYPE_SCALAR);
  quad.material = 0;
  tinygltf::Mesh quad_mesh;
  quad_mesh.name = "quad";
  quad_mesh.primitives.push_back(quad);
  m.meshes.push_back(quad_mesh);

  tinygltf::Material mat;
  mat.name = "skin";
  mat.pbrMetallicRoughness.baseColorFactor = {0.5, 0.6, 0.7, 0.8};
  mat.pbrMetallicRoughness.metallicFactor = 0.3;
  mat.pbrMetallicRoughness.roughnessFactor = 0.4;
  mat.pbrMetallicRoughness.baseColorTexture.index = 0;
  mat.pbrMetallicRoughness.metallicRoughnessTexture.index = 0;
  mat.normalTexture.index = 0;
  mat.normalTexture.scale = 0.9;
  mat.occlusionTexture.index = 0;
  mat.occlusionTexture.strength = 0.7;
  mat.emissiveTexture.index = 0;
  mat.emissiveTexture.texCoord = 1;
  mat.emissiveFactor = {0.1, 0.2, 0.3};
  mat.extensions["KHR_materials_emissive_strength"] =
      object({{"emissiveStrength", tinygltf::Value(2.0)}});
  mat.alphaMode = "MASK";
  mat.alphaCutoff = 0.3;
  mat.doubleSided = true;
  m.materials.push_back(mat);
  m.extensionsUsed.push_back("KHR_materials_emissive_strength");

  tinygltf::Sampler sampler;
  sampler.magFilter = TINYGLTF_TEXTURE_FILTER_NEAREST;
  sampler.minFilter = TINYGLTF_TEXTURE_FILTER_LINEAR_MIPMAP_LINEAR;
  sampler.wrapS = TINYGLTF_TEXTURE_WRAP_CLAMP_TO_EDGE;
  sampler.wrapT = TINYGLTF_TEXTURE_WRAP_MIRRORED_REPEAT;
  m.samplers.push_back(sampler);
  tinygltf::Texture tex;
  tex.sampler = 0;
  tex.source = b.add_png_image(testing::checker_2x2(), 2, 2, "checker");
  m.textures.push_back(tex);

  // Mesh 1: skinned, not indexed, 8-bit joints and normalized 8-bit weights.
  tinygltf::Primitive skinned;
  skinned.attributes["POSITION"] = b.add_floats({0, 0, 0, 1, 0, 0, 0, 1, 0}, TINYGLTF_TYPE_VEC3);
  skinned.attributes["NORMAL"] = b.add_floats({0, 0, 1, 0, 0, 1, 0, 0, 1}, TINYGLTF_TYPE_VEC3);
  skinned.attributes["JOINTS_0"] =
      b.add_ints(std::vector<std::uint8_t>{0, 1, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0},
                 TINYGLTF_COMPONENT_TYPE_UNSIGNED_BYTE, TINYGLTF_TYPE_VEC4);
  skinned.attributes["WEIGHTS_0"] =
      b.add_ints(std::vector<std::uint8_t>{255, 0, 0, 0, 128, 127, 0, 0, 0, 255, 0, 0},
                 TINYGLTF_COMPONENT_TYPE_UNSIGNED_BYTE, TINYGLTF_TYPE_VEC4, true);
  tinygltf::Mesh skinned_mesh;
  skinned_mesh.name = "skinned";
  skinned_mesh.primitives.push_back(skinned);
  m.meshes.push_back(skinned_mesh);
  tinygltf::Skin skin;
  skin.name = "rig";
  skin.joints = {kBone1, kBone2};
  skin.skeleton = kBone1;
  skin.inverseBindMatrices = b.add_floats(inverse_binds(), TINYGLTF_TYPE_MAT4);
  m.skins.push_back(skin);

  // Mesh 2: two morph targets, default weights.
  tinygltf::Primitive morph;
  morph.attributes["POSITION"] = b.add_floats({0, 0, 0, 1, 0, 0, 0, 1, 0}, TINYGLTF_TYPE_VEC3);
  morph.attributes["NORMAL"] = b.add_floats({0, 0, 1, 0, 0, 1, 0, 0, 1}, TINYGLTF_TYPE_VEC3);
  morph.indices = b.add_ints(std::vector<std::uint16_t>{0, 1, 2},
                             TINYGLTF_COMPONENT_TYPE_UNSIGNED_SHORT, TINYGLTF_TYPE_SCALAR);
  morph.targets.push_back(
      {{"POSITION", b.add_floats({0, 0, 1, 0, 0, 2, 0, 0, 3}, TINYGLTF_TYPE_VEC3)},
       {"NORMAL", b.add_floats({0.1f, 0, 0, 0.2f, 0, 0, 0.3f, 0, 0}, TINYGLTF_TYPE_VEC3)}});
  morph.targets.push_back(
      {{"POSITION", b.add_floats({1, 0, 0, 0, 1, 0, 0, 0, 1}, TINYGLTF_TYPE_VEC3)}});
  tinygltf::Mesh morph_mesh;
  morph_mesh.name = "blend";
  morph_mesh.primitives.push_back(morph);
  morph_mesh.weights = {0.25, 0.5};
  m.meshes.push_back(morph_mesh);

  // Animation 0: each interpolation and each path; the weights share channel 0's times.
  tinygltf::Animation wave;
  wave.name = "wave";
  const int t0 = b.add_floats(kTimes0, TINYGLTF_TYPE_SCALAR);
  add_channel(wave, add_sampler(wave, t0, b.add_floats(kTranslations, TINYGLTF_TYPE_VEC3), "STEP"),
              kArm, "translation");
  add_channel(wave,
              add_sampler(wave, b.add_floats(kTimes1, TINYGLTF_TYPE_SCALAR),
                          b.add_floats(kRotations, TINYGLTF_TYPE_VEC4), "LINEAR"),
              kRoot, "rotation");
  add_channel(wave,
              add_sampler(wave, b.add_floats(kTimes2, TINYGLTF_TYPE_SCALAR),
                          b.add_floats(kCubicScales, TINYGLTF_TYPE_VEC3), "CUBICSPLINE"),
              kBone1, "scale");
  add_channel(wave,
              add_sampler(wave, t0, b.add_floats(kWeightKeys, TINYGLTF_TYPE_SCALAR), "LINEAR"),
              kMorph, "weights");
  m.animations.push_back(wave);
  // Animation 1: unnamed; one channel animates a node outside the scene.
  tinygltf::Animation other;
  const int s = add_sampler(other, b.add_floats(kTimes3, TINYGLTF_TYPE_SCALAR),
                            b.add_floats(kUnnamedTranslations, TINYGLTF_TYPE_VEC3), "LINEAR");
  add_channel(other, s, kUnnamed, "translation");
  add_channel(other, s, kOrphan, "translation");
  m.animations.push_back(other);
  return m;
}

template <class T>
std::vector<T> read_stream(const BundleContent& c, bundle::StreamRef ref) {
  std::vector<T> out(ref.size / sizeof(T));
  std::memcpy(out.data(), c.geometry.bytes().data() + ref.offset, out.size() * sizeof(T));
  return out;
}

std::vector<float> floats_at(const BundleContent& c, std::uint32_t first, std::size_t count) {
  return {c.floats.begin() + first, c.floats.begin() + first + static_cast<std::ptrdiff_t>(count)};
}

bundle::StreamRef attr(const bundle::PrimitiveRecord& p, bundle::Attribute a) {
  return p.attributes[static_cast<std::size_t>(a)];
}

class ModelContent : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = testing::save_gltf(scene_model(), dir_, "scene", GltfForm::embedded);
    auto asset = load_model(path_, diags_);
    ASSERT_TRUE(asset) << asset.error().message;
    asset_ = std::make_unique<ModelAsset>(std::move(*asset));
    content_.nodes.emplace_back();  // something before the model
    placement_ = append_model(*asset_, "heart", 3, content_);
  }

  std::uint32_t node(int gltf) const {
    return placement_.gltf_node[static_cast<std::size_t>(gltf)];
  }
  std::string name(std::uint32_t n) const {
    return std::string(content_.strings.view(content_.nodes[n].name));
  }
  const bundle::PrimitiveRecord& primitive_of(int gltf_node) const {
    const bundle::MeshRecord& mesh = content_.meshes[content_.nodes[node(gltf_node)].mesh];
    EXPECT_EQ(mesh.primitive_count, 1u);
    return content_.primitives[mesh.first_primitive];
  }

  TempDir dir_;
  std::string path_;
  Diagnostics diags_;
  std::unique_ptr<ModelAsset> asset_;
  BundleContent content_;
  ModelPlacement placement_;
};

TEST_F(ModelContent, NamesForTheScriptChecker) {
  EXPECT_EQ(asset_->path(), path_);
  EXPECT_EQ(asset_->node_names(),
            (std::vector<std::string>{"root", "arm", "node2", "Bone.001", "skinned", "Bone.002",
                                      "morph", "morph2", "orphan"}));
  EXPECT_TRUE(asset_->node_in_scene(kBone2));
  EXPECT_FALSE(asset_->node_in_scene(kOrphan));
  EXPECT_EQ(asset_->find_node("Bone.002"), std::optional<std::size_t>(kBone2));
  EXPECT_EQ(asset_->find_node("orphan"), std::nullopt);
  ASSERT_EQ(asset_->animations().size(), 2u);
  EXPECT_EQ(asset_->animations()[0].name, "wave");
  EXPECT_EQ(asset_->animations()[0].duration, 2.0f);
  EXPECT_EQ(asset_->animations()[1].name, "animation1");
  EXPECT_EQ(asset_->animations()[1].duration, 3.0f);
  // The channel on the node outside the scene is dropped with a warning; nothing else warns.
  ASSERT_EQ(diags_.items().size(), 1u) << format_diagnostics(diags_, {});
  EXPECT_EQ(diags_.items()[0].severity, Severity::warning);
  EXPECT_NE(diags_.items()[0].message.find("orphan"), std::string::npos);
}

TEST_F(ModelContent, HierarchyParentsBeforeChildren) {
  EXPECT_EQ(placement_.root_node, 1u);
  EXPECT_EQ(placement_.first_node, 1u);
  EXPECT_EQ(placement_.node_count, 9u);
  EXPECT_EQ(content_.nodes.size(), 10u);
  std::vector<std::string> names;
  for (std::uint32_t n = 1; n < content_.nodes.size(); ++n) names.push_back(name(n));
  EXPECT_EQ(names, (std::vector<std::string>{"heart", "heart.root", "heart.arm", "heart.node2",
                                             "heart.Bone.001", "heart.Bone.002", "heart.skinned",
                                             "heart.morph", "heart.morph2"}));
  EXPECT_EQ(content_.nodes[1].parent, bundle::kNone);
  EXPECT_EQ(content_.nodes[node(kRoot)].parent, 1u);
  EXPECT_EQ(content_.nodes[node(kArm)].parent, node(kRoot));
  EXPECT_EQ(content_.nodes[node(kUnnamed)].parent, node(kArm));
  EXPECT_EQ(content_.nodes[node(kBone2)].parent, node(kBone1));
  EXPECT_EQ(content_.nodes[node(kMorph2)].parent, node(kRoot));
  EXPECT_EQ(node(kOrphan), bundle::kNone);
  for (std::uint32_t n = 1; n < content_.nodes.size(); ++n) {
    EXPECT_EQ(content_.nodes[n].object, 3u);
    if (content_.nodes[n].parent != bundle::kNone) {
      EXPECT_LT(content_.nodes[n].parent, n);
    }
  }
  const bundle::NodeRecord& top = content_.nodes[1];
  EXPECT_EQ(top.mesh, bundle::kNone);
  EXPECT_EQ(top.rotation[3], 1.0f);
  EXPECT_EQ(top.scale[0], 1.0f);
  EXPECT_EQ(top.translation[0], 0.0f);

  auto obj = placement_.object_record(content_.strings.intern("heart"),
                                      content_.strings.intern("models/heart.glb"));
  EXPECT_EQ(obj.kind, bundle::ObjectKind::model);
  EXPECT_EQ(obj.root_node, 1u);
  EXPECT_EQ(obj.node_count, 9u);
  EXPECT_EQ(obj.first_animation, 0u);
  EXPECT_EQ(obj.animation_count, 2u);
}

TEST_F(ModelContent, TransformsIncludingDecomposedMatrix) {
  const bundle::NodeRecord& root = content_.nodes[node(kRoot)];
  EXPECT_EQ(root.translation[2], 3.0f);
  EXPECT_FLOAT_EQ(root.rotation[1], static_cast<float>(kHalfSqrt2));
  EXPECT_EQ(root.scale[1], 2.0f);
  const bundle::NodeRecord& arm = content_.nodes[node(kArm)];
  const float t[3] = {0.5f, 0, 0},
              r[4] = {0, 0, static_cast<float>(kHalfSqrt2), static_cast<float>(kHalfSqrt2)};
  const float s[3] = {1, 2, 3};
  for (int k = 0; k < 3; ++k) {
    EXPECT_NEAR(arm.translation[k], t[k], 1e-6f);
    EXPECT_NEAR(arm.scale[k], s[k], 1e-6f);
  }
  const float sign = arm.rotation[3] < 0 ? -1.0f : 1.0f;  // q and -q are the same rotation
  for (int k = 0; k < 4; ++k) EXPECT_NEAR(sign * arm.rotation[k], r[k], 1e-6f);
  EXPECT_EQ(content_.nodes[node(kUnnamed)].translation[1], 1.0f);
}

TEST_F(ModelContent, MaterialSlotsAndTextures) {
  const bundle::PrimitiveRecord& quad = primitive_of(kArm);
  EXPECT_EQ(quad.index_type, bundle::IndexType::uint16);
  EXPECT_EQ(quad.index_count, 6u);
  EXPECT_EQ(quad.vertex_count, 4u);
  EXPECT_GT(attr(quad, bundle::Attribute::texcoord1).size, 0u);
  EXPECT_GT(attr(quad, bundle::Attribute::tangent).size, 0u) << "generated for the normal map";
  EXPECT_EQ(quad.bounds_min[0], -1.0f);
  EXPECT_EQ(quad.bounds_max[1], 1.0f);

  ASSERT_LT(quad.material, content_.materials.size());
  const bundle::MaterialRecord& m = content_.materials[quad.material];
  EXPECT_EQ(content_.strings.view(m.name), "skin");
  EXPECT_EQ(m.base_color[0], 0.5f);
  EXPECT_EQ(m.base_color[3], 0.8f);
  EXPECT_EQ(m.metallic, 0.3f);
  EXPECT_EQ(m.roughness, 0.4f);
  EXPECT_FLOAT_EQ(m.emissive[0], 0.2f);  // times emissiveStrength 2
  EXPECT_FLOAT_EQ(m.emissive[2], 0.6f);
  EXPECT_EQ(m.alpha_mode, bundle::AlphaMode::mask);
  EXPECT_EQ(m.alpha_cutoff, 0.3f);
  EXPECT_EQ(m.flags, bundle::kMaterialDoubleSided);
  EXPECT_EQ(m.normal_texture.scale, 0.9f);
  EXPECT_EQ(m.occlusion_texture.scale, 0.7f);
  EXPECT_EQ(m.emissive_texture.uv_set, 1u);
  EXPECT_EQ(m.base_color_texture.uv_set, 0u);

  // One glTF texture, used as colour and as data: stored twice.
  ASSERT_EQ(content_.textures.size(), 2u);
  const std::uint32_t colour = m.base_color_texture.texture;
  const std::uint32_t data = m.normal_texture.texture;
  EXPECT_NE(colour, data);
  EXPECT_EQ(m.emissive_texture.texture, colour);
  EXPECT_EQ(m.metal_rough_texture.texture, data);
  EXPECT_EQ(m.occlusion_texture.texture, data);
  EXPECT_EQ(content_.textures[colour].format, bundle::TextureFormat::rgba8_srgb);
  EXPECT_EQ(content_.textures[data].format, bundle::TextureFormat::rgba8_unorm);
  for (std::uint32_t t : {colour, data}) {
    const bundle::TextureRecord& rec = content_.textures[t];
    EXPECT_EQ(content_.strings.view(rec.name), "checker");
    EXPECT_EQ(rec.width, 2u);
    EXPECT_EQ(rec.height, 2u);
    EXPECT_EQ(rec.mip_count, 2u);
    EXPECT_EQ(rec.size, 20u);
    EXPECT_EQ(rec.offset % 16, 0u);
    EXPECT_EQ(rec.mag_filter, bundle::Filter::nearest);
    EXPECT_EQ(rec.min_filter, bundle::Filter::linear);
    EXPECT_EQ(rec.wrap_s, bundle::Wrap::clamp);
    EXPECT_EQ(rec.wrap_t, bundle::Wrap::mirror);
    const auto* texels = content_.texels.bytes().data() + rec.offset;
    EXPECT_EQ(std::to_integer<int>(texels[0]), 0);    // black top-left
    EXPECT_EQ(std::to_integer<int>(texels[4]), 255);  // white next to it
    const int mip1 = std::to_integer<int>(texels[16]);
    EXPECT_EQ(mip1, t == colour ? 188 : 128) << "sRGB-correct average for colour only";
    EXPECT_EQ(std::to_integer<int>(texels[19]), 255);
  }
}

TEST_F(ModelContent, AnimationKeysCopiedExactly) {
  ASSERT_EQ(placement_.animation_count, 2u);
  const bundle::AnimationRecord& wave = content_.animations[placement_.first_animation];
  EXPECT_EQ(content_.strings.view(wave.name), "wave");
  EXPECT_EQ(wave.object, 3u);
  EXPECT_EQ(wave.duration, 2.0f);
  ASSERT_EQ(wave.channel_count, 4u);
  struct Expect {
    int node;
    bundle::AnimPath path;
    bundle::Interpolation interpolation;
    std::uint32_t components;
    const std::vector<float>* times;
    const std::vector<float>* values;
  };
  const Expect expected[] = {
      {kArm, bundle::AnimPath::translation, bundle::Interpolation::step, 3, &kTimes0,
       &kTranslations},
      {kRoot, bundle::AnimPath::rotation, bundle::Interpolation::linear, 4, &kTimes1, &kRotations},
      {kBone1, bundle::AnimPath::scale, bundle::Interpolation::cubic_spline, 3, &kTimes2,
       &kCubicScales},
      {kMorph, bundle::AnimPath::weights, bundle::Interpolation::linear, 2, &kTimes0, &kWeightKeys},
  };
  for (std::uint32_t i = 0; i < 4; ++i) {
    SCOPED_TRACE(i);
    const bundle::ChannelRecord& ch = content_.channels[wave.first_channel + i];
    EXPECT_EQ(ch.node, node(expected[i].node));
    EXPECT_EQ(ch.path, expected[i].path);
    EXPECT_EQ(ch.interpolation, expected[i].interpolation);
    EXPECT_EQ(ch.components, expected[i].components);
    EXPECT_EQ(ch.key_count, expected[i].times->size());
    EXPECT_EQ(floats_at(content_, ch.times, ch.key_count), *expected[i].times);
    EXPECT_EQ(floats_at(content_, ch.values, expected[i].values->size()), *expected[i].values);
  }
  EXPECT_EQ(content_.channels[wave.first_channel].times,
            content_.channels[wave.first_channel + 3].times)
      << "a shared input accessor is stored once";

  const bundle::AnimationRecord& other = content_.animations[placement_.first_animation + 1];
  EXPECT_EQ(content_.strings.view(other.name), "animation1");
  EXPECT_EQ(other.duration, 3.0f);
  ASSERT_EQ(other.channel_count, 1u);
  const bundle::ChannelRecord& ch = content_.channels[other.first_channel];
  EXPECT_EQ(ch.node, node(kUnnamed));
  EXPECT_EQ(floats_at(content_, ch.values, 6), kUnnamedTranslations);
}

TEST_F(ModelContent, SkinJointsAndInverseBindMatrices) {
  const bundle::NodeRecord& skinned = content_.nodes[node(kSkinned)];
  ASSERT_LT(skinned.skin, content_.skins.size());
  const bundle::SkinRecord& skin = content_.skins[skinned.skin];
  ASSERT_EQ(skin.joint_count, 2u);
  EXPECT_EQ(content_.joints[skin.first_joint], node(kBone1));
  EXPECT_EQ(content_.joints[skin.first_joint + 1], node(kBone2));
  EXPECT_EQ(skin.skeleton, node(kBone1));
  EXPECT_EQ(floats_at(content_, skin.inverse_bind, 32), inverse_binds());

  const bundle::PrimitiveRecord& p = primitive_of(kSkinned);
  EXPECT_EQ(p.vertex_count, 3u);
  EXPECT_EQ(p.index_count, 3u) << "indices generated for a non-indexed primitive";
  const auto positions = read_stream<Vec3>(content_, attr(p, bundle::Attribute::position));
  const auto joints = read_stream<Joints4>(content_, attr(p, bundle::Attribute::joints0));
  const auto weights = read_stream<Vec4>(content_, attr(p, bundle::Attribute::weights0));
  ASSERT_EQ(joints.size(), 3u);
  ASSERT_EQ(weights.size(), 3u);
  for (std::size_t i = 0; i < 3; ++i) {
    if (positions[i] == Vec3{1, 0, 0}) {
      EXPECT_EQ(joints[i], (Joints4{1, 0, 0, 0}));
      EXPECT_EQ(weights[i][0], 128.0f / 255.0f);
      EXPECT_EQ(weights[i][1], 127.0f / 255.0f);
    } else if (positions[i] == Vec3{0, 0, 0}) {
      EXPECT_EQ(joints[i], (Joints4{0, 1, 0, 0}));
      EXPECT_EQ(weights[i][0], 1.0f);
    }
  }
}

TEST_F(ModelContent, MorphTargetsAndWeights) {
  const bundle::MeshRecord& a = content_.meshes[content_.nodes[node(kMorph)].mesh];
  const bundle::MeshRecord& b = content_.meshes[content_.nodes[node(kMorph2)].mesh];
  EXPECT_NE(content_.nodes[node(kMorph)].mesh, content_.nodes[node(kMorph2)].mesh);
  EXPECT_EQ(a.first_primitive, b.first_primitive) << "the override shares the primitives";
  ASSERT_EQ(a.weight_count, 2u);
  EXPECT_EQ(floats_at(content_, a.first_weight, 2), (std::vector<float>{0.25f, 0.5f}));
  EXPECT_EQ(floats_at(content_, b.first_weight, 2), (std::vector<float>{1.0f, 0.0f}));

  const bundle::PrimitiveRecord& p = content_.primitives[a.first_primitive];
  ASSERT_EQ(p.target_count, 2u);
  const auto positions = read_stream<Vec3>(content_, attr(p, bundle::Attribute::position));
  const bundle::MorphTargetRecord& t0 = content_.morph_targets[p.first_target];
  const bundle::MorphTargetRecord& t1 = content_.morph_targets[p.first_target + 1];
  const auto d0 = read_stream<Vec3>(content_, t0.position);
  const auto n0 = read_stream<Vec3>(content_, t0.normal);
  const auto d1 = read_stream<Vec3>(content_, t1.position);
  EXPECT_EQ(t1.normal.size, 0u);
  ASSERT_EQ(d0.size(), 3u);
  ASSERT_EQ(n0.size(), 3u);
  ASSERT_EQ(d1.size(), 3u);
  const std::map<Vec3, std::tuple<Vec3, Vec3, Vec3>> expected = {
      {{0, 0, 0}, {{0, 0, 1}, {0.1f, 0, 0}, {1, 0, 0}}},
      {{1, 0, 0}, {{0, 0, 2}, {0.2f, 0, 0}, {0, 1, 0}}},
      {{0, 1, 0}, {{0, 0, 3}, {0.3f, 0, 0}, {0, 0, 1}}}};
  for (std::size_t i = 0; i < 3; ++i) {
    auto it = expected.find(positions[i]);
    ASSERT_NE(it, expected.end());
    EXPECT_EQ(d0[i], std::get<0>(it->second));
    EXPECT_EQ(n0[i], std::get<1>(it->second));
    EXPECT_EQ(d1[i], std::get<2>(it->second));
  }
}

TEST(ModelForms, EmbeddedExternalAndBinaryGiveTheSameContent) {
  TempDir dir;
  const tinygltf::Model model = scene_model();
  std::vector<std::vector<std::byte>> results;
  for (GltfForm form : {GltfForm::embedded, GltfForm::external, GltfForm::binary}) {
    const std::string path =
        testing::save_gltf(model, dir, "form" + std::to_string(static_cast<int>(form)), form);
    Diagnostics diags;
    auto asset = load_model(path, diags);
    ASSERT_TRUE(asset) << asset.error().message;
    BundleContent content;
    append_model(*asset, "heart", 0, content);
    EXPECT_FALSE(content.geometry.bytes().empty());
    EXPECT_FALSE(content.texels.bytes().empty());
    results.push_back(testing::content_bytes(content));
    if (form == GltfForm::external) {
      ASSERT_EQ(asset->input_files().size(), 2u);
      EXPECT_NE(asset->input_files()[1].find("form1.bin"), std::string::npos);
    } else {
      EXPECT_EQ(asset->input_files().size(), 1u);
    }
  }
  EXPECT_EQ(results[0], results[1]) << "embedded vs external .bin";
  EXPECT_EQ(results[0], results[2]) << "embedded .gltf vs .glb";
}

TEST(ModelForms, SameInputSameBytes) {
  TempDir dir;
  const std::string path = testing::save_gltf(scene_model(), dir, "scene", GltfForm::binary);
  std::vector<std::byte> first;
  for (int run = 0; run < 2; ++run) {
    Diagnostics diags;
    auto asset = load_model(path, diags);
    ASSERT_TRUE(asset) << asset.error().message;
    BundleContent content;
    append_model(*asset, "a", 0, content);
    append_model(*asset, "b", 1, content);  // a second placement of the same asset
    EXPECT_EQ(content.nodes.size(), 18u);
    EXPECT_EQ(content.animations.size(), 4u);
    EXPECT_EQ(content.animations[2].object, 1u);
    if (run == 0) {
      first = testing::content_bytes(content);
    } else {
      EXPECT_EQ(testing::content_bytes(content), first);
    }
  }
}

}  // namespace
}  // namespace trialxr::compiler
