// What the importers append must pass the player's checks: complete the content with the
// minimum a bundle needs (metadata, a language, a title line, object records) and write
// it with the bundle writer, which validates its own output with the reader.
#include <gtest/gtest.h>

#include "gltf_fixture.h"
#include "trialxr/compiler/bundle_writer.h"
#include "trialxr/compiler/model_import.h"
#include "trialxr/compiler/primitives.h"

namespace trialxr::compiler {
namespace {

using testing::GltfBuilder;
using testing::GltfForm;
using testing::TempDir;

// One skinned, morphed, textured, animated model (a smaller cousin of
// model_content_test's scene).
tinygltf::Model small_model() {
  GltfBuilder b;
  tinygltf::Model& m = b.model();
  const int root = b.add_node("body");
  const int bone = b.add_node("bone");
  m.nodes[0].children = {bone};
  m.nodes[0].mesh = 0;
  m.nodes[0].skin = 0;
  m.nodes[1].translation = {0, 1, 0};
  tinygltf::Primitive prim;
  prim.attributes["POSITION"] = b.add_floats({0, 0, 0, 1, 0, 0, 0, 1, 0}, TINYGLTF_TYPE_VEC3);
  prim.attributes["TEXCOORD_0"] = b.add_floats({0, 0, 1, 0, 0, 1}, TINYGLTF_TYPE_VEC2);
  prim.attributes["JOINTS_0"] =
      b.add_ints(std::vector<std::uint16_t>{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
                 TINYGLTF_COMPONENT_TYPE_UNSIGNED_SHORT, TINYGLTF_TYPE_VEC4);
  prim.attributes["WEIGHTS_0"] =
      b.add_floats({1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0}, TINYGLTF_TYPE_VEC4);
  prim.targets.push_back(
      {{"POSITION", b.add_floats({0, 0, 1, 0, 0, 1, 0, 0, 1}, TINYGLTF_TYPE_VEC3)}});
  prim.material = 0;
  tinygltf::Mesh mesh;
  mesh.primitives.push_back(prim);
  m.meshes.push_back(mesh);
  tinygltf::Material mat;
  mat.name = "skin";
  mat.pbrMetallicRoughness.baseColorTexture.index = 0;
  mat.normalTexture.index = 0;
  m.materials.push_back(mat);
  tinygltf::Texture tex;
  tex.source = b.add_png_image(testing::checker_2x2(), 2, 2, "checker");
  m.textures.push_back(tex);
  tinygltf::Skin skin;
  skin.joints = {bone};
  m.skins.push_back(skin);
  tinygltf::Animation anim;
  anim.name = "grow";
  tinygltf::AnimationSampler s;
  s.input = b.add_floats({0, 1}, TINYGLTF_TYPE_SCALAR);
  s.output = b.add_floats({0, 1}, TINYGLTF_TYPE_SCALAR);
  anim.samplers.push_back(s);
  tinygltf::AnimationChannel c;
  c.sampler = 0;
  c.target_node = root;
  c.target_path = "weights";
  anim.channels.push_back(c);
  m.animations.push_back(anim);
  tinygltf::Scene scene;
  scene.nodes = {root};
  m.scenes.push_back(scene);
  return m;
}

// A node and an ObjectRecord for a shape or image mesh.
void place_mesh(std::uint32_t mesh, bundle::ObjectKind kind, const char* name, BundleContent& c) {
  bundle::NodeRecord node{};
  node.name = c.strings.intern(name);
  node.parent = bundle::kNone;
  node.object = static_cast<std::uint32_t>(c.objects.size());
  node.mesh = mesh;
  node.skin = bundle::kNone;
  node.rotation[3] = 1;
  node.scale[0] = node.scale[1] = node.scale[2] = 1;
  bundle::ObjectRecord obj{};
  obj.name = node.name;
  obj.kind = kind;
  obj.root_node = obj.first_node = static_cast<std::uint32_t>(c.nodes.size());
  obj.node_count = 1;
  obj.first_animation = static_cast<std::uint32_t>(c.animations.size());
  c.nodes.push_back(node);
  c.objects.push_back(obj);
}

TEST(BundleCheck, ImportedContentPassesTheValidator) {
  TempDir dir;
  const std::string path = testing::save_gltf(small_model(), dir, "body", GltfForm::binary);
  Diagnostics diags;
  auto asset = load_model(path, diags);
  ASSERT_TRUE(asset) << asset.error().message;

  BundleContent c;
  c.meta.title_line = 0;
  c.languages.push_back(c.strings.intern("en"));
  c.lines.push_back(
      {c.strings.intern("title"), 1, static_cast<std::uint32_t>(bundle::LineKind::title)});
  c.line_text.push_back({c.strings.intern("Test"), 0, 0});

  for (const char* name : {"first", "second"}) {  // the same model placed twice
    const auto index = static_cast<std::uint32_t>(c.objects.size());
    const ModelPlacement p = append_model(*asset, name, index, c);
    c.objects.push_back(p.object_record(c.strings.intern(name), c.strings.intern(path)));
  }
  const ShapeKind kinds[] = {ShapeKind::box,     ShapeKind::sphere, ShapeKind::cylinder,
                             ShapeKind::capsule, ShapeKind::plane,  ShapeKind::arrow};
  const bundle::ObjectKind objects[] = {bundle::ObjectKind::box,      bundle::ObjectKind::sphere,
                                        bundle::ObjectKind::cylinder, bundle::ObjectKind::capsule,
                                        bundle::ObjectKind::plane,    bundle::ObjectKind::arrow};
  for (std::size_t k = 0; k < 6; ++k) {
    PrimitiveShape shape;
    shape.kind = kinds[k];
    shape.size = {0.3f, 0.2f, 0.1f};
    place_mesh(append_primitive(shape, {0.2f, 0.4f, 0.6f, 1.0f}, c), objects[k], "shape", c);
  }
  ImageAsset image;
  image.path = "poster.png";
  image.width = 3;
  image.height = 5;
  image.rgba.assign(3 * 5 * 4, 128);
  place_mesh(append_image_quad(image, 0.4f, "poster", c).mesh, bundle::ObjectKind::image, "poster",
             c);

  auto bytes = write_bundle(c, nullptr, "import-check");
  ASSERT_TRUE(bytes) << bytes.error().message;
  EXPECT_GT(bytes->size(), c.geometry.bytes().size() / 4);
}

}  // namespace
}  // namespace trialxr::compiler
