// load_model's checks and decoding: errors that name the file, extension handling,
// KHR_mesh_quantization, primitive modes, external files.
#include "trialxr/compiler/model_import.h"

#include <gtest/gtest.h>

#include <cstring>
#include <fstream>
#include <iterator>

#include "gltf_fixture.h"

namespace trialxr::compiler {
namespace {

using testing::GltfBuilder;
using testing::GltfForm;
using testing::TempDir;

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// One node "tri" drawing one triangle (mesh 0, primitive 0).
GltfBuilder triangle_model() {
  GltfBuilder b;
  tinygltf::Model& m = b.model();
  tinygltf::Primitive prim;
  prim.attributes["POSITION"] = b.add_floats({0, 0, 0, 1, 0, 0, 0, 1, 0}, TINYGLTF_TYPE_VEC3);
  prim.attributes["NORMAL"] = b.add_floats({0, 0, 1, 0, 0, 1, 0, 0, 1}, TINYGLTF_TYPE_VEC3);
  tinygltf::Mesh mesh;
  mesh.name = "tri";
  mesh.primitives.push_back(prim);
  m.meshes.push_back(mesh);
  const int n = b.add_node("tri");
  m.nodes[static_cast<std::size_t>(n)].mesh = 0;
  tinygltf::Scene scene;
  scene.nodes = {n};
  m.scenes.push_back(scene);
  m.defaultScene = 0;
  return b;
}

std::string has_warning(const Diagnostics& diags, const std::string& part) {
  for (const Diagnostic& d : diags.items())
    if (d.severity == Severity::warning && contains(d.message, part)) return d.message;
  return {};
}

const bundle::PrimitiveRecord& only_primitive(const BundleContent& c) {
  EXPECT_EQ(c.primitives.size(), 1u);
  return c.primitives.at(0);
}

template <class T>
std::vector<T> read_stream(const BundleContent& c, bundle::StreamRef ref) {
  std::vector<T> out(ref.size / sizeof(T));
  std::memcpy(out.data(), c.geometry.bytes().data() + ref.offset, out.size() * sizeof(T));
  return out;
}

TEST(ModelImport, MissingFileNamesIt) {
  TempDir dir;
  Diagnostics diags;
  auto asset = load_model(dir.file("absent.glb"), diags);
  ASSERT_FALSE(asset);
  EXPECT_TRUE(contains(asset.error().message, "absent.glb")) << asset.error().message;
}

TEST(ModelImport, ParseErrorNamesTheFile) {
  TempDir dir;
  Diagnostics diags;
  const std::string path = dir.write("broken.gltf", "{ \"asset\": { \"version\": ");
  auto asset = load_model(path, diags);
  ASSERT_FALSE(asset);
  EXPECT_TRUE(contains(asset.error().message, path)) << asset.error().message;
  EXPECT_TRUE(contains(asset.error().message, "not a valid glTF")) << asset.error().message;

  const std::string glb = dir.write("broken.glb", std::string("glTF\x02\0\0\0garbage", 15));
  auto bad = load_model(glb, diags);
  ASSERT_FALSE(bad);
  EXPECT_TRUE(contains(bad.error().message, "broken.glb")) << bad.error().message;
}

TEST(ModelImport, DracoRequiredIsRefusedByName) {
  TempDir dir;
  GltfBuilder b = triangle_model();
  tinygltf::Model& m = b.model();
  // As a Draco exporter writes it: accessors without buffer views, data in the extension.
  tinygltf::Accessor indices;
  indices.componentType = TINYGLTF_COMPONENT_TYPE_UNSIGNED_SHORT;
  indices.type = TINYGLTF_TYPE_SCALAR;
  indices.count = 3;
  m.accessors.push_back(indices);
  m.meshes[0].primitives[0].indices = static_cast<int>(m.accessors.size() - 1);
  m.meshes[0].primitives[0].extensions["KHR_draco_mesh_compression"] =
      tinygltf::Value(tinygltf::Value::Object{
          {"bufferView", tinygltf::Value(0)},
          {"attributes",
           tinygltf::Value(tinygltf::Value::Object{{"POSITION", tinygltf::Value(0)}})}});
  m.extensionsUsed = {"KHR_draco_mesh_compression"};
  m.extensionsRequired = {"KHR_draco_mesh_compression"};
  for (GltfForm form : {GltfForm::embedded, GltfForm::binary}) {
    const std::string path = testing::save_gltf(m, dir, "draco", form);
    Diagnostics diags;
    auto asset = load_model(path, diags);
    ASSERT_FALSE(asset);
    EXPECT_TRUE(contains(asset.error().message, "KHR_draco_mesh_compression"))
        << asset.error().message;
    EXPECT_TRUE(contains(asset.error().message, path)) << asset.error().message;
    EXPECT_TRUE(contains(asset.error().message, "without mesh compression"));
  }
}

TEST(ModelImport, UnknownRequiredExtensionIsAnError) {
  TempDir dir;
  GltfBuilder b = triangle_model();
  b.model().extensionsUsed = {"EXT_meshopt_compression", "VENDOR_magic"};
  b.model().extensionsRequired = {"EXT_meshopt_compression", "VENDOR_magic"};
  Diagnostics diags;
  auto asset = load_model(testing::save_gltf(b.model(), dir, "m", GltfForm::embedded), diags);
  ASSERT_FALSE(asset);
  EXPECT_TRUE(contains(asset.error().message, "'EXT_meshopt_compression', 'VENDOR_magic'"))
      << asset.error().message;
}

TEST(ModelImport, UnknownOptionalExtensionWarns) {
  TempDir dir;
  GltfBuilder b = triangle_model();
  b.model().extensionsUsed = {"VENDOR_sparkles", "KHR_materials_emissive_strength"};
  Diagnostics diags;
  const std::string path = testing::save_gltf(b.model(), dir, "m", GltfForm::embedded);
  auto asset = load_model(path, diags);
  ASSERT_TRUE(asset) << asset.error().message;
  ASSERT_EQ(diags.items().size(), 1u);
  EXPECT_EQ(diags.items()[0].severity, Severity::warning);
  EXPECT_EQ(diags.items()[0].file, path);
  EXPECT_TRUE(contains(diags.items()[0].message, "VENDOR_sparkles"));
}

TEST(ModelImport, QuantizedAttributesAreDecoded) {
  TempDir dir;
  GltfBuilder b;
  tinygltf::Model& m = b.model();
  m.extensionsUsed = {"KHR_mesh_quantization"};
  m.extensionsRequired = {"KHR_mesh_quantization"};
  // Positions: SHORT, not normalized, VEC3 padded to an 8-byte stride.
  const std::vector<std::int16_t> positions = {100, -200, 300, 0, -7, 8, 9, 0, 1, 2, 3, 0};
  const int pos = b.add_accessor(std::as_bytes(std::span<const std::int16_t>(positions)),
                                 TINYGLTF_COMPONENT_TYPE_SHORT, TINYGLTF_TYPE_VEC3, 3, false, 8);
  m.accessors[static_cast<std::size_t>(pos)].minValues = {-7, -200, 3};
  m.accessors[static_cast<std::size_t>(pos)].maxValues = {100, 8, 300};
  // Normals: BYTE normalized, padded to 4 bytes.
  const std::vector<std::int8_t> normals = {127, 0, 0, 0, 0, -128, 0, 0, 0, 0, 127, 0};
  const int nrm = b.add_accessor(std::as_bytes(std::span<const std::int8_t>(normals)),
                                 TINYGLTF_COMPONENT_TYPE_BYTE, TINYGLTF_TYPE_VEC3, 3, true, 4);
  // UVs: UNSIGNED_SHORT normalized. Colours: UNSIGNED_BYTE normalized VEC3.
  const int uv = b.add_ints(std::vector<std::uint16_t>{0, 65535, 32768, 0, 65535, 65535},
                            TINYGLTF_COMPONENT_TYPE_UNSIGNED_SHORT, TINYGLTF_TYPE_VEC2, true);
  const std::vector<std::uint8_t> colors = {255, 0, 51, 0, 0, 255, 0, 0, 10, 20, 30, 0};
  const int col =
      b.add_accessor(std::as_bytes(std::span<const std::uint8_t>(colors)),
                     TINYGLTF_COMPONENT_TYPE_UNSIGNED_BYTE, TINYGLTF_TYPE_VEC3, 3, true, 4);
  tinygltf::Primitive prim;
  prim.attributes = {{"POSITION", pos}, {"NORMAL", nrm}, {"TEXCOORD_0", uv}, {"COLOR_0", col}};
  tinygltf::Mesh mesh;
  mesh.primitives.push_back(prim);
  m.meshes.push_back(mesh);
  const int n = b.add_node("q");
  m.nodes[0].mesh = 0;
  m.nodes[0].scale = {0.01, 0.01, 0.01};  // the usual dequantisation transform
  tinygltf::Scene scene;
  scene.nodes = {n};
  m.scenes.push_back(scene);

  const std::string path = testing::save_gltf(m, dir, "quantized", GltfForm::binary);
  Diagnostics diags;
  auto asset = load_model(path, diags);
  ASSERT_TRUE(asset) << asset.error().message;
  EXPECT_TRUE(diags.empty());
  BundleContent content;
  append_model(*asset, "q", 0, content);
  const bundle::PrimitiveRecord& p = only_primitive(content);
  const auto pp = read_stream<Vec3>(content, p.attributes[0]);
  const auto nn = read_stream<Vec3>(content, p.attributes[1]);
  const auto tt = read_stream<Vec2>(content, p.attributes[3]);
  const auto cc = read_stream<Vec4>(content, p.attributes[5]);
  ASSERT_EQ(pp.size(), 3u);
  bool seen[3] = {false, false, false};
  for (std::size_t i = 0; i < 3; ++i) {
    if (pp[i] == Vec3{100, -200, 300}) {
      seen[0] = true;
      EXPECT_EQ(nn[i], (Vec3{1, 0, 0}));
      EXPECT_EQ(tt[i], (Vec2{0, 1}));
      EXPECT_EQ(cc[i], (Vec4{1, 0, 51.0f / 255.0f, 1}));
    } else if (pp[i] == Vec3{-7, 8, 9}) {
      seen[1] = true;
      EXPECT_EQ(nn[i], (Vec3{0, -1, 0})) << "-128 clamps to -1";
      EXPECT_EQ(tt[i], (Vec2{32768.0f / 65535.0f, 0}));
    } else if (pp[i] == Vec3{1, 2, 3}) {
      seen[2] = true;
      EXPECT_EQ(nn[i], (Vec3{0, 0, 1}));
      EXPECT_EQ(cc[i], (Vec4{10.0f / 255.0f, 20.0f / 255.0f, 30.0f / 255.0f, 1}));
    }
  }
  EXPECT_TRUE(seen[0] && seen[1] && seen[2]);
  EXPECT_EQ(p.bounds_min[1], -200.0f);
  EXPECT_EQ(p.bounds_max[2], 300.0f);
  EXPECT_FLOAT_EQ(content.nodes[1].scale[0], 0.01f);
}

TEST(ModelImport, StripsAndFansBecomeTriangles) {
  TempDir dir;
  GltfBuilder b = triangle_model();
  tinygltf::Model& m = b.model();
  tinygltf::Primitive strip;
  strip.mode = TINYGLTF_MODE_TRIANGLE_STRIP;
  strip.attributes["POSITION"] =
      b.add_floats({0, 0, 0, 0, -1, 0, 1, 0, 0, 1, -1, 0}, TINYGLTF_TYPE_VEC3);
  strip.attributes["NORMAL"] =
      b.add_floats({0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 1}, TINYGLTF_TYPE_VEC3);
  tinygltf::Primitive fan = strip;
  fan.mode = TINYGLTF_MODE_TRIANGLE_FAN;
  fan.attributes["POSITION"] =
      b.add_floats({0, 0, 0, 1, 0, 0, 1, 1, 0, 0, 1, 0}, TINYGLTF_TYPE_VEC3);
  tinygltf::Primitive points = strip;
  points.mode = TINYGLTF_MODE_POINTS;
  m.meshes[0].primitives = {strip, fan, points};
  const std::string path = testing::save_gltf(m, dir, "modes", GltfForm::embedded);
  Diagnostics diags;
  auto asset = load_model(path, diags);
  ASSERT_TRUE(asset) << asset.error().message;
  EXPECT_NE(has_warning(diags, "points or lines"), "");
  BundleContent content;
  append_model(*asset, "m", 0, content);
  ASSERT_EQ(content.primitives.size(), 2u) << "the points primitive is skipped";
  for (const bundle::PrimitiveRecord& p : content.primitives) {
    EXPECT_EQ(p.index_count, 6u);
    const auto pos = read_stream<Vec3>(content, p.attributes[0]);
    const auto idx = read_stream<std::uint16_t>(content, p.indices);
    for (std::size_t t = 0; t < idx.size(); t += 3) {
      const Vec3 &a = pos[idx[t]], &b2 = pos[idx[t + 1]], &c = pos[idx[t + 2]];
      const float z = (b2[0] - a[0]) * (c[1] - a[1]) - (b2[1] - a[1]) * (c[0] - a[0]);
      EXPECT_GT(z, 0.0f) << "counter-clockwise seen from +Z";
    }
  }
}

TEST(ModelImport, ExternalImageFileIsReadAndRecorded) {
  TempDir dir;
  GltfBuilder b = triangle_model();
  tinygltf::Model& m = b.model();
  m.meshes[0].primitives[0].attributes["TEXCOORD_0"] =
      b.add_floats({0, 0, 1, 0, 0, 1}, TINYGLTF_TYPE_VEC2);
  m.meshes[0].primitives[0].material = 0;
  tinygltf::Material mat;
  mat.pbrMetallicRoughness.baseColorTexture.index = 0;
  m.materials.push_back(mat);
  tinygltf::Image image;
  image.uri = "tex/check.png";
  m.images.push_back(image);
  tinygltf::Texture tex;
  tex.source = 0;
  m.textures.push_back(tex);
  const std::string path = testing::save_gltf(m, dir, "ext", GltfForm::external);

  Diagnostics diags;
  auto missing = load_model(path, diags);
  ASSERT_FALSE(missing);
  EXPECT_TRUE(contains(missing.error().message, "tex/check.png")) << missing.error().message;
  EXPECT_TRUE(contains(missing.error().message, path));

  const auto png = testing::encode_png(testing::checker_2x2(), 2, 2);
  dir.write("tex/check.png", std::string(png.begin(), png.end()));
  Diagnostics ok_diags;
  auto asset = load_model(path, ok_diags);
  ASSERT_TRUE(asset) << asset.error().message;
  ASSERT_EQ(asset->input_files().size(), 3u);
  EXPECT_EQ(asset->input_files()[0], path);
  EXPECT_TRUE(contains(asset->input_files()[2], "check.png"));
  BundleContent content;
  append_model(*asset, "e", 0, content);
  ASSERT_EQ(content.textures.size(), 1u);
  EXPECT_EQ(content.strings.view(content.textures[0].name), "check.png");
  EXPECT_EQ(content.textures[0].format, bundle::TextureFormat::rgba8_srgb);
  EXPECT_EQ(content.textures[0].mag_filter, bundle::Filter::linear);
  EXPECT_EQ(content.textures[0].wrap_s, bundle::Wrap::repeat);

  dir.write("tex/check.png", "not a png at all");
  Diagnostics bad_diags;
  auto bad = load_model(path, bad_diags);
  ASSERT_FALSE(bad);
  EXPECT_TRUE(contains(bad.error().message, "check.png")) << bad.error().message;
  EXPECT_TRUE(contains(bad.error().message, "not a PNG or JPEG")) << bad.error().message;
}

TEST(ModelImport, MissingExternalBufferNamesTheFile) {
  TempDir dir;
  GltfBuilder b = triangle_model();
  const std::string path = testing::save_gltf(b.model(), dir, "lost", GltfForm::external);
  std::filesystem::remove(dir.file("lost.bin"));
  Diagnostics diags;
  auto asset = load_model(path, diags);
  ASSERT_FALSE(asset);
  EXPECT_TRUE(contains(asset.error().message, path)) << asset.error().message;
  EXPECT_TRUE(contains(asset.error().message, "lost.bin")) << asset.error().message;
}

TEST(ModelImport, BadDataIsAnError) {
  TempDir dir;
  {
    GltfBuilder b = triangle_model();
    b.model().meshes[0].primitives[0].indices =
        b.add_ints(std::vector<std::uint16_t>{0, 1, 7}, TINYGLTF_COMPONENT_TYPE_UNSIGNED_SHORT,
                   TINYGLTF_TYPE_SCALAR);
    Diagnostics diags;
    auto asset = load_model(testing::save_gltf(b.model(), dir, "a", GltfForm::embedded), diags);
    ASSERT_FALSE(asset);
    EXPECT_TRUE(contains(asset.error().message, "index 7")) << asset.error().message;
  }
  {
    GltfBuilder b = triangle_model();
    b.model().accessors[0].count = 300;  // past the end of its buffer view
    Diagnostics diags;
    auto asset = load_model(testing::save_gltf(b.model(), dir, "b", GltfForm::embedded), diags);
    ASSERT_FALSE(asset);
    EXPECT_TRUE(contains(asset.error().message, "POSITION")) << asset.error().message;
    EXPECT_TRUE(contains(asset.error().message, "past the end")) << asset.error().message;
  }
  {
    GltfBuilder b = triangle_model();
    b.model().meshes[0].primitives[0].attributes["NORMAL"] =
        b.add_floats({0, 0, 1}, TINYGLTF_TYPE_VEC3);
    Diagnostics diags;
    auto asset = load_model(testing::save_gltf(b.model(), dir, "c", GltfForm::embedded), diags);
    ASSERT_FALSE(asset);
    EXPECT_TRUE(contains(asset.error().message, "NORMAL has 1 entries for 3 vertices"))
        << asset.error().message;
  }
  {
    GltfBuilder b = triangle_model();
    const int other = b.add_node("loop");
    b.model().nodes[0].children = {other};
    b.model().nodes[static_cast<std::size_t>(other)].children = {0};
    Diagnostics diags;
    auto asset = load_model(testing::save_gltf(b.model(), dir, "d", GltfForm::embedded), diags);
    ASSERT_FALSE(asset);
    EXPECT_TRUE(contains(asset.error().message, "d.gltf")) << asset.error().message;
  }
}

TEST(ModelImport, DuplicateAndMissingNames) {
  TempDir dir;
  GltfBuilder b = triangle_model();
  b.add_node("tri");
  // (tinygltf writes a node with nothing set as null, which it then cannot read back.)
  b.model().nodes[static_cast<std::size_t>(b.add_node(""))].translation = {1, 0, 0};
  b.model().scenes.clear();  // no scene: every root node is imported
  b.model().defaultScene = -1;
  Diagnostics diags;
  auto asset = load_model(testing::save_gltf(b.model(), dir, "n", GltfForm::embedded), diags);
  ASSERT_TRUE(asset) << asset.error().message;
  EXPECT_EQ(asset->node_names(), (std::vector<std::string>{"tri", "tri~1", "node2"}));
  EXPECT_NE(has_warning(diags, "two nodes are called 'tri'"), "");
  BundleContent content;
  const ModelPlacement pl = append_model(*asset, "x", 0, content);
  EXPECT_EQ(pl.node_count, 4u);
  EXPECT_EQ(content.strings.view(content.nodes[3].name), "x.node2");
}

TEST(ModelImport, FlatNormalsWhenMissing) {
  TempDir dir;
  GltfBuilder b = triangle_model();
  b.model().meshes[0].primitives[0].attributes.erase("NORMAL");
  Diagnostics diags;
  auto asset = load_model(testing::save_gltf(b.model(), dir, "f", GltfForm::embedded), diags);
  ASSERT_TRUE(asset) << asset.error().message;
  BundleContent content;
  append_model(*asset, "f", 0, content);
  const auto normals = read_stream<Vec3>(content, only_primitive(content).attributes[1]);
  ASSERT_EQ(normals.size(), 3u);
  for (const Vec3& n : normals) EXPECT_EQ(n, (Vec3{0, 0, 1}));
}

}  // namespace
}  // namespace trialxr::compiler

namespace trialxr::compiler {
namespace {

// Truncated and corrupted files must fail with a message (or load), never crash.
TEST(ModelImport, DamagedFilesFailCleanly) {
  TempDir dir;
  GltfBuilder b = triangle_model();
  b.model().meshes[0].primitives[0].indices =
      b.add_ints(std::vector<std::uint16_t>{0, 1, 2}, TINYGLTF_COMPONENT_TYPE_UNSIGNED_SHORT,
                 TINYGLTF_TYPE_SCALAR);
  const std::string glb = testing::save_gltf(b.model(), dir, "good", GltfForm::binary);
  std::ifstream in(glb, std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  ASSERT_GT(bytes.size(), 100u);
  std::uint32_t seed = 12345;
  for (std::size_t cut = 0; cut < bytes.size(); cut += 7) {
    const std::string path = dir.write("cut.glb", bytes.substr(0, cut));
    Diagnostics diags;
    auto asset = load_model(path, diags);
    if (!asset) {
      EXPECT_TRUE(contains(asset.error().message, "cut.glb")) << asset.error().message;
    }
  }
  // Flip bytes in the binary chunk (the JSON chunk comes first).
  for (int round = 0; round < 200; ++round) {
    std::string damaged = bytes;
    for (int k = 0; k < 4; ++k) {
      seed = seed * 1664525u + 1013904223u;
      const std::size_t at = bytes.size() - 1 - (seed >> 8) % 64;
      damaged[at] = static_cast<char>(damaged[at] ^ static_cast<char>(seed >> 24));
    }
    const std::string path = dir.write("flip.glb", damaged);
    Diagnostics diags;
    auto asset = load_model(path, diags);
    if (asset) {
      BundleContent content;
      append_model(*asset, "f", 0, content);
    }
  }
  // Change digits of the JSON (indices, counts, offsets, strides) and keep it valid JSON.
  const std::string gltf = testing::save_gltf(b.model(), dir, "text", GltfForm::external);
  std::ifstream text_in(gltf, std::ios::binary);
  const std::string text((std::istreambuf_iterator<char>(text_in)),
                         std::istreambuf_iterator<char>());
  std::vector<std::size_t> digits;
  for (std::size_t i = 0; i < text.size(); ++i)
    if (text[i] >= '0' && text[i] <= '9') digits.push_back(i);
  for (int round = 0; round < 300; ++round) {
    std::string damaged = text;
    for (int k = 0; k < 2; ++k) {
      seed = seed * 1664525u + 1013904223u;
      damaged[digits[(seed >> 8) % digits.size()]] = static_cast<char>('0' + (seed >> 28) % 10);
    }
    const std::string path = dir.write("digits.gltf", damaged);
    Diagnostics diags;
    auto asset = load_model(path, diags);
    if (asset) {
      BundleContent content;
      append_model(*asset, "d", 0, content);
    }
  }
}

}  // namespace
}  // namespace trialxr::compiler
