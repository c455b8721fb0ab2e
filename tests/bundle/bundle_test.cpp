// Bundle writer + validating reader: round trips, determinism, signing and trust,
// structural damage, versioning, and cross-reference corruption with valid hashes.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <sodium.h>
#include <sys/stat.h>
#include <zstd.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <random>
#include <set>

#include "temp_dir.h"
#include "trialxr/bundle/bundle.h"
#include "trialxr/bundle/signature.h"
#include "trialxr/compiler/bundle_writer.h"
#include "trialxr/compiler/scene_compiler.h"
#include "trialxr/compiler/signing_key.h"
#include "trialxr/core/file_io.h"
#include "trialxr/core/hash.h"

namespace trialxr {
namespace {

using namespace trialxr::bundle;
using compiler::BundleContent;
using compiler::SigningKey;
using compiler::write_bundle;
using Bytes = std::vector<std::byte>;

#define EXPECT_CONTAINS(text, part)                          \
  EXPECT_NE(std::string(text).find(part), std::string::npos) \
      << "expected to find: " << (part) << "\n                in: " << (text)

// [SECTION] a content with every table populated

template <class T>
bundle::StreamRef put(BundleContent& c, const std::vector<T>& items) {
  std::uint64_t offset = c.geometry.append_array(std::span<const T>(items), 16);
  return {offset, items.size() * sizeof(T)};
}

NodeRecord make_node(StrRef name, std::uint32_t parent, std::uint32_t object, std::uint32_t mesh,
                     std::uint32_t skin) {
  NodeRecord n{};
  n.name = name;
  n.parent = parent;
  n.object = object;
  n.mesh = mesh;
  n.skin = skin;
  n.rotation[3] = 1.0f;
  n.scale[0] = n.scale[1] = n.scale[2] = 1.0f;
  return n;
}

CueRecord make_cue(CueOp op, std::uint32_t target = kNone, std::uint32_t line = kNone,
                   std::uint32_t ref = kNone, std::uint32_t count = 0, float duration = 0.0f) {
  CueRecord c{};
  c.op = op;
  c.target = target;
  c.line = line;
  c.ref = ref;
  c.count = count;
  c.easing = Easing::linear;
  c.duration = duration;
  c.source_line = 10;
  return c;
}

TextureSlot no_texture() {
  return TextureSlot{kNone, 0, 1.0f};
}

// 64x64 texture with a full mip chain: 7 levels, (4096+1024+256+64+16+4+1) * 4 bytes.
constexpr std::uint64_t kAlbedoBytes = 21844;

BundleContent make_full_content(bool random_texels = false) {
  BundleContent c;
  auto s = [&](std::string_view text) { return c.strings.intern(text); };

  c.meta.scene_id = s("blood-draw");
  c.meta.title = s("Having a blood test");
  c.meta.study_id = s("STUDY-42");
  c.meta.content_version = s("1.2.0");
  c.meta.compiler_version = s("0.1.0");
  c.meta.approval_ref = s("IRB-2024-17");
  c.meta.title_line = 0;
  c.meta.audience = Audience::child_7_11;
  c.presentation.display = DisplayPreference::ar;
  c.presentation.space = SpacePreference::standing;
  for (std::uint8_t i = 0; i < 32; ++i) c.meta.source_hash[i] = i;

  c.languages = {s("en"), s("de")};
  const char* ids[] = {"title", "intro", "q1", "q1.a", "q1.b", "q1.fb", "vein-label"};
  const LineKind kinds[] = {LineKind::title,  LineKind::say,    LineKind::question,
                            LineKind::option, LineKind::option, LineKind::feedback,
                            LineKind::label};
  const char* en[] = {"Having a blood test",
                      "Hello! Today we look at your arm.",
                      "Where does the needle go?",
                      "Into a vein",
                      "Into a bone",
                      "Veins carry blood back to the heart.",
                      "vein"};
  const char* de[] = {"Blutabnahme",
                      "Hallo! Heute schauen wir uns deinen Arm an.",
                      "Wohin führt die Nadel?",
                      "In eine Vene",
                      "In einen Knochen",
                      "",
                      "Vene"};
  for (std::uint32_t i = 0; i < 7; ++i) {
    c.lines.push_back(LineRecord{s(ids[i]), 3 + i, static_cast<std::uint32_t>(kinds[i])});
    c.line_text.push_back(LineText{s(en[i]), 0, 0});
    bool missing = std::string_view(de[i]).empty();
    c.line_text.push_back(
        LineText{missing ? s(en[i]) : s(de[i]), missing ? std::uint32_t{kTextMissing} : 0u, 0});
  }

  c.objects.push_back(
      ObjectRecord{s("arm"), ObjectKind::model, 0, 0, 3, 0, 1, s("assets/arm.glb")});
  c.objects.push_back(ObjectRecord{s("tray"), ObjectKind::box, 3, 3, 1, 1, 0, s("")});
  c.nodes.push_back(make_node(s("arm"), kNone, 0, kNone, kNone));
  c.nodes.push_back(make_node(s("arm.skin"), 0, 0, 0, 0));
  c.nodes.push_back(make_node(s("arm.vein"), 0, 0, 1, kNone));
  c.nodes.push_back(make_node(s("tray"), kNone, 1, 2, kNone));
  c.nodes[2].translation[1] = 0.1f;
  c.nodes[3].flags = kNodeHidden;

  // Mesh 0: one skinned primitive with every attribute and one morph target.
  c.meshes.push_back(MeshRecord{0, 1, c.append_floats(std::vector<float>{0.25f}), 1});
  c.meshes.push_back(MeshRecord{1, 1, 0, 0});
  c.meshes.push_back(MeshRecord{2, 1, 0, 0});

  PrimitiveRecord p0{};
  p0.material = 0;
  p0.vertex_count = 4;
  p0.index_count = 6;
  p0.index_type = IndexType::uint16;
  p0.indices = put(c, std::vector<std::uint16_t>{0, 1, 2, 0, 2, 3});
  p0.attributes[0] = put(c, std::vector<float>{0, 0, 0, 1, 0, 0, 1, 1, 0, 0, 1, 0});
  p0.attributes[1] = put(c, std::vector<float>{0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 1});
  p0.attributes[2] = put(c, std::vector<float>(16, 0.5f));
  p0.attributes[3] = put(c, std::vector<float>{0, 0, 1, 0, 1, 1, 0, 1});
  p0.attributes[4] = put(c, std::vector<float>{0, 0, 1, 0, 1, 1, 0, 1});
  p0.attributes[5] = put(c, std::vector<float>(16, 1.0f));
  p0.attributes[6] =
      put(c, std::vector<std::uint16_t>{0, 1, 0, 0, 0, 1, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0});
  p0.attributes[7] =
      put(c, std::vector<float>{0.5f, 0.5f, 0, 0, 0.5f, 0.5f, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0});
  p0.first_target = 0;
  p0.target_count = 1;
  p0.bounds_max[0] = p0.bounds_max[1] = 1.0f;
  c.primitives.push_back(p0);
  c.morph_targets.push_back(MorphTargetRecord{put(c, std::vector<float>(12, 0.01f)),
                                              put(c, std::vector<float>(12, 0.0f)),
                                              StreamRef{0, 0}});

  PrimitiveRecord p1{};
  p1.material = 1;
  p1.vertex_count = 3;
  p1.index_count = 3;
  p1.index_type = IndexType::uint32;
  p1.indices = put(c, std::vector<std::uint32_t>{0, 1, 2});
  p1.attributes[0] = put(c, std::vector<float>{0, 0, 0, 1, 0, 0, 0, 1, 0});
  c.primitives.push_back(p1);

  PrimitiveRecord p2{};
  p2.material = kNone;
  p2.vertex_count = 3;
  p2.index_type = IndexType::uint16;
  p2.attributes[0] = put(c, std::vector<float>{0, 0, 0, 2, 0, 0, 0, 2, 0});
  p2.attributes[1] = put(c, std::vector<float>{0, 0, 1, 0, 0, 1, 0, 0, 1});
  c.primitives.push_back(p2);

  MaterialRecord skin{};
  skin.name = s("skin");
  skin.base_color[0] = skin.base_color[1] = skin.base_color[2] = skin.base_color[3] = 1.0f;
  skin.roughness = 0.8f;
  skin.alpha_mode = AlphaMode::opaque;
  skin.flags = kMaterialDoubleSided;
  skin.base_color_texture = TextureSlot{0, 0, 1.0f};
  skin.metal_rough_texture = no_texture();
  skin.normal_texture = TextureSlot{1, 1, 0.5f};
  skin.occlusion_texture = no_texture();
  skin.emissive_texture = no_texture();
  MaterialRecord vein = skin;
  vein.name = s("vein");
  vein.alpha_mode = AlphaMode::blend;
  vein.base_color_texture = no_texture();
  vein.normal_texture = no_texture();
  c.materials = {skin, vein};

  std::vector<std::byte> albedo(kAlbedoBytes);
  std::mt19937 rng(7);
  for (std::size_t i = 0; i < albedo.size(); ++i) {
    albedo[i] = random_texels ? static_cast<std::byte>(rng()) : static_cast<std::byte>((i / 4) % 5);
  }
  TextureRecord t0{};
  t0.name = s("arm-albedo");
  t0.format = TextureFormat::rgba8_srgb;
  t0.width = t0.height = 64;
  t0.mip_count = 7;
  t0.offset = c.texels.append(albedo, 16);
  t0.size = albedo.size();
  t0.mag_filter = t0.min_filter = Filter::linear;
  t0.wrap_s = Wrap::repeat;
  t0.wrap_t = Wrap::clamp;
  TextureRecord t1 = t0;
  t1.name = s("arm-normal");
  t1.format = TextureFormat::rgba8_unorm;
  t1.width = t1.height = 1;
  t1.mip_count = 1;
  std::vector<std::byte> flat = {std::byte{128}, std::byte{128}, std::byte{255}, std::byte{255}};
  t1.offset = c.texels.append(flat, 16);
  t1.size = 4;
  c.textures = {t0, t1};

  std::vector<float> identities(32, 0.0f);
  for (int m = 0; m < 2; ++m) {
    for (int k = 0; k < 4; ++k) identities[static_cast<std::size_t>(m * 16 + k * 5)] = 1.0f;
  }
  c.joints = {0, 1};
  c.skins.push_back(SkinRecord{0, 2, c.append_floats(identities), 0});

  c.animations.push_back(AnimationRecord{s("pinch"), 0, 0, 3, 1.0f});
  ChannelRecord move{1,
                     AnimPath::translation,
                     Interpolation::linear,
                     2,
                     c.append_floats(std::vector<float>{0.0f, 1.0f}),
                     c.append_floats(std::vector<float>{0, 0, 0, 0, 1, 0}),
                     3,
                     0};
  ChannelRecord turn{2,
                     AnimPath::rotation,
                     Interpolation::step,
                     2,
                     c.append_floats(std::vector<float>{0.0f, 0.5f}),
                     c.append_floats(std::vector<float>{0, 0, 0, 1, 0, 0, 0, 1}),
                     4,
                     0};
  ChannelRecord morph{1,
                      AnimPath::weights,
                      Interpolation::cubic_spline,
                      2,
                      c.append_floats(std::vector<float>{0.0f, 1.0f}),
                      c.append_floats(std::vector<float>{0, 0, 0, 0, 1, 0}),
                      1,
                      0};
  c.channels = {move, turn, morph};

  c.steps.push_back(StepRecord{s("intro"), 0, 5, 12, 0});
  c.steps.push_back(StepRecord{s("check"), 5, 3, 20, 0});
  c.cues.push_back(make_cue(CueOp::say, kNone, 1));
  c.cues.push_back(make_cue(CueOp::together, kNone, kNone, 8, 2));
  c.cues.push_back(make_cue(CueOp::play, 0, kNone, 0, 1));
  c.cues.push_back(make_cue(CueOp::label, 2, 6, kNone, 0, 3.0f));
  c.cues.push_back(make_cue(CueOp::wait_continue));
  c.cues.push_back(make_cue(CueOp::quiz, kNone, kNone, 0));
  c.cues.push_back(make_cue(CueOp::go_to, kNone, kNone, 0));
  c.cues.push_back(make_cue(CueOp::end_scene));
  c.cues.push_back(make_cue(CueOp::show, 3, kNone, kNone, 0, 0.5f));
  CueRecord slide = make_cue(CueOp::move, 3, kNone, kNone, 0, 1.0f);
  slide.easing = Easing::in_out;
  slide.value[1] = 1.0f;
  c.cues.push_back(slide);

  c.quizzes.push_back(QuizRecord{s("q1"), QuizKind::single, 2, 0, 2, 0, 0, 21, 0});
  c.options.push_back(OptionRecord{s("q1.a"), 3, kNone, kNone, kOptionCorrect});
  c.options.push_back(OptionRecord{s("q1.b"), 4, 5, 0, 0});
  return c;
}

// The smallest bundle: META, STRS, LANG and the title line.
BundleContent make_minimal_content() {
  BundleContent c;
  c.meta.scene_id = c.strings.intern("tiny");
  c.meta.title = c.strings.intern("Tiny");
  c.meta.title_line = 0;
  c.languages = {c.strings.intern("en")};
  c.lines.push_back(LineRecord{c.strings.intern("title"), 1, 0});
  c.line_text.push_back(LineText{c.meta.title, 0, 0});
  return c;
}

const SigningKey& test_key() {
  static const SigningKey key = SigningKey::generate();
  return key;
}

const SigningKey& other_key() {
  static const SigningKey key = SigningKey::generate();
  return key;
}

Bytes write_ok(const BundleContent& c, const SigningKey* key = nullptr) {
  auto bytes = write_bundle(c, key);
  if (!bytes) ADD_FAILURE() << bytes.error().message;
  return bytes ? *bytes : Bytes{};
}

OpenOptions preview() {
  return OpenOptions{TrustPolicy::allow_unsigned, {}};
}
OpenOptions patient(const PublicKey& key) {
  return OpenOptions{TrustPolicy::require_trusted, {key}};
}

// The error message, or "<opened>" when the bundle opens.
std::string open_error(std::span<const std::byte> file, const OpenOptions& options = preview()) {
  auto b = Bundle::open_bytes(file, options);
  return b ? std::string("<opened>") : b.error().message;
}

template <class T>
bool same_bytes(std::span<const T> a, const std::vector<T>& b) {
  return a.size() == b.size() &&
         (a.empty() || std::memcmp(a.data(), b.data(), a.size_bytes()) == 0);
}

// [SECTION] a raw bundle editor: parse, change anything, re-lay-out with fresh hashes

struct RawSection {
  SectionEntry entry{};
  Bytes stored;
};

struct RawBundle {
  FileHeader header{};
  Bytes header_bytes;  // header_size bytes
  std::vector<RawSection> sections;

  static RawBundle parse(const Bytes& file) {
    RawBundle r;
    std::memcpy(&r.header, file.data(), sizeof r.header);
    r.header_bytes.assign(file.begin(), file.begin() + r.header.header_size);
    for (std::uint32_t i = 0; i < r.header.section_count; ++i) {
      RawSection s;
      std::memcpy(&s.entry, file.data() + r.header.table_offset + i * sizeof(SectionEntry),
                  sizeof(SectionEntry));
      auto begin = file.begin() + static_cast<std::ptrdiff_t>(s.entry.offset);
      s.stored.assign(begin, begin + static_cast<std::ptrdiff_t>(s.entry.stored_size));
      r.sections.push_back(std::move(s));
    }
    return r;
  }

  RawSection& section(std::uint32_t type) {
    for (RawSection& s : sections) {
      if (s.entry.type == type) return s;
    }
    throw std::runtime_error("no section " + fourcc_name(type));
  }

  // The decoded bytes of a section.
  Bytes raw(std::uint32_t type) {
    RawSection& s = section(type);
    if (s.entry.codec == Codec::none) return s.stored;
    Bytes out(s.entry.raw_size);
    std::size_t n = ZSTD_decompress(out.data(), out.size(), s.stored.data(), s.stored.size());
    if (ZSTD_isError(n) != 0 || n != out.size()) throw std::runtime_error("bad zstd in test");
    return out;
  }

  // Replaces a section's content, stored uncompressed.
  void set_raw(std::uint32_t type, Bytes bytes) {
    RawSection& s = section(type);
    s.entry.codec = Codec::none;
    s.entry.raw_size = bytes.size();
    s.stored = std::move(bytes);
  }

  template <class T>
  std::vector<T> records(std::uint32_t type) {
    Bytes bytes = raw(type);
    std::vector<T> out(bytes.size() / sizeof(T));
    std::memcpy(out.data(), bytes.data(), out.size() * sizeof(T));
    return out;
  }

  template <class T>
  void set_records(std::uint32_t type, const std::vector<T>& items) {
    auto bytes = std::as_bytes(std::span<const T>(items));
    set_raw(type, Bytes(bytes.begin(), bytes.end()));
  }

  template <class T>
  void edit(std::uint32_t type, const std::function<void(std::vector<T>&)>& change) {
    std::vector<T> items = records<T>(type);
    change(items);
    set_records(type, items);
  }

  void remove(std::uint32_t type) {
    std::erase_if(sections, [&](const RawSection& s) { return s.entry.type == type; });
  }

  // Lays the file out again (table right after the header, payloads aligned), with
  // fresh section hashes, table hash and file size. Signs with `key`, else unsigned.
  Bytes serialize(const SigningKey* key = nullptr) const {
    FileHeader h = header;
    h.header_size = static_cast<std::uint32_t>(header_bytes.size());
    h.table_offset = h.header_size;
    h.section_count = static_cast<std::uint32_t>(sections.size());
    std::uint64_t end = h.table_offset + sections.size() * sizeof(SectionEntry);
    std::vector<SectionEntry> table;
    for (const RawSection& s : sections) {
      SectionEntry e = s.entry;
      std::uint64_t align =
          e.type == kSecGeometry || e.type == kSecTexels ? kGpuBlobAlignment : kPayloadAlignment;
      e.offset = (end + align - 1) / align * align;
      e.stored_size = s.stored.size();
      e.hash = blake2b_256(s.stored);
      end = e.offset + e.stored_size;
      table.push_back(e);
    }
    Bytes out(end);
    std::copy(header_bytes.begin(), header_bytes.end(), out.begin());
    for (std::size_t i = 0; i < table.size(); ++i) {
      std::copy(sections[i].stored.begin(), sections[i].stored.end(),
                out.begin() + static_cast<std::ptrdiff_t>(table[i].offset));
    }
    auto table_bytes = std::as_bytes(std::span<const SectionEntry>(table));
    std::copy(table_bytes.begin(), table_bytes.end(),
              out.begin() + static_cast<std::ptrdiff_t>(h.table_offset));
    h.file_size = end;
    h.table_hash = blake2b_256(table_bytes);
    h.flags &= ~std::uint32_t{kFlagSigned};
    h.signer_key = {};
    h.signature = {};
    if (key != nullptr) {
      h.flags |= kFlagSigned;
      h.signer_key = key->public_key;
    }
    std::memcpy(out.data(), &h, sizeof h);
    if (key != nullptr) {
      Hash256 meta_hash{};
      for (const SectionEntry& e : table) {
        if (e.type == kSecMeta) meta_hash = e.hash;
      }
      auto message = signed_message(std::span<const std::byte>(out).first(h.header_size),
                                    h.table_hash, meta_hash);
      crypto_sign_detached(h.signature.data(), nullptr,
                           reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                           key->secret_key.data());
      std::memcpy(out.data(), &h, sizeof h);
    }
    return out;
  }
};

// Patches section table entry `index` in place and re-hashes the table (unsigned files).
void patch_entry(Bytes& file, std::size_t index, const std::function<void(SectionEntry&)>& change) {
  FileHeader h;
  std::memcpy(&h, file.data(), sizeof h);
  std::byte* at = file.data() + h.table_offset + index * sizeof(SectionEntry);
  SectionEntry e;
  std::memcpy(&e, at, sizeof e);
  change(e);
  std::memcpy(at, &e, sizeof e);
  h.table_hash = blake2b_256(std::span<const std::byte>(file.data() + h.table_offset,
                                                        h.section_count * sizeof(SectionEntry)));
  std::memcpy(file.data(), &h, sizeof h);
}

std::size_t entry_index(const Bytes& file, std::uint32_t type) {
  RawBundle r = RawBundle::parse(file);
  for (std::size_t i = 0; i < r.sections.size(); ++i) {
    if (r.sections[i].entry.type == type) return i;
  }
  throw std::runtime_error("no section " + fourcc_name(type));
}

// [SECTION] round trips and determinism

TEST(BundleRoundTrip, EveryTableComesBackUnchanged) {
  BundleContent c = make_full_content();
  Bytes file = write_ok(c);
  auto b = Bundle::open_bytes(file, preview());
  ASSERT_TRUE(b) << b.error().message;

  EXPECT_EQ(b->name(), "<memory>");
  EXPECT_EQ(b->format_major(), kFormatMajor);
  EXPECT_EQ(b->format_minor(), kFormatMinor);
  EXPECT_EQ(b->file_size(), file.size());
  EXPECT_EQ(b->file_hash(), blake2b_256(file));
  EXPECT_EQ(b->signature_status(), SignatureStatus::unsigned_bundle);
  EXPECT_EQ(b->key_id(), "");

  const MetaRecord& m = b->meta();
  EXPECT_EQ(b->string(m.scene_id), "blood-draw");
  EXPECT_EQ(b->string(m.title), "Having a blood test");
  EXPECT_EQ(b->string(m.study_id), "STUDY-42");
  EXPECT_EQ(b->string(m.content_version), "1.2.0");
  EXPECT_EQ(b->string(m.compiler_version), "0.1.0");
  EXPECT_EQ(b->string(m.approval_ref), "IRB-2024-17");
  EXPECT_EQ(b->string(m.signer_key_id), "");
  EXPECT_EQ(m.title_line, 0u);
  EXPECT_EQ(m.audience, Audience::child_7_11);
  EXPECT_EQ(m.source_hash, c.meta.source_hash);

  ASSERT_EQ(b->languages().size(), 2u);
  EXPECT_EQ(b->string(b->languages()[0]), "en");
  EXPECT_EQ(b->string(b->languages()[1]), "de");
  EXPECT_TRUE(same_bytes(b->lines(), c.lines));
  EXPECT_TRUE(same_bytes(b->line_texts(), c.line_text));
  EXPECT_EQ(b->text(1, 1), "Hallo! Heute schauen wir uns deinen Arm an.");
  EXPECT_EQ(b->text(5, 1), "Veins carry blood back to the heart.");
  EXPECT_EQ(b->line_text(5, 1).flags, std::uint32_t{kTextMissing});
  EXPECT_TRUE(same_bytes(b->objects(), c.objects));
  EXPECT_TRUE(same_bytes(b->nodes(), c.nodes));
  EXPECT_TRUE(same_bytes(b->meshes(), c.meshes));
  EXPECT_TRUE(same_bytes(b->primitives(), c.primitives));
  EXPECT_TRUE(same_bytes(b->morph_targets(), c.morph_targets));
  EXPECT_TRUE(same_bytes(b->materials(), c.materials));
  EXPECT_TRUE(same_bytes(b->textures(), c.textures));
  EXPECT_TRUE(same_bytes(b->skins(), c.skins));
  EXPECT_TRUE(same_bytes(b->joints(), c.joints));
  EXPECT_TRUE(same_bytes(b->animations(), c.animations));
  EXPECT_TRUE(same_bytes(b->channels(), c.channels));
  EXPECT_TRUE(same_bytes(b->floats(), c.floats));
  EXPECT_TRUE(same_bytes(b->steps(), c.steps));
  EXPECT_TRUE(same_bytes(b->cues(), c.cues));
  EXPECT_TRUE(same_bytes(b->quizzes(), c.quizzes));
  EXPECT_TRUE(same_bytes(b->options(), c.options));
  EXPECT_TRUE(same_bytes(b->geometry(), c.geometry.bytes()));
  EXPECT_TRUE(same_bytes(b->texels(), c.texels.bytes()));
  EXPECT_EQ(b->string(b->nodes()[2].name), "arm.vein");
  EXPECT_EQ(b->presentation().display, DisplayPreference::ar);
  EXPECT_EQ(b->presentation().space, SpacePreference::standing);

  // Every known section is present, in the fixed order, aligned, uncompressed tables.
  const std::vector<std::uint32_t> order = {
      kSecMeta,  kSecStrings, kSecLanguages,  kSecLines,        kSecLineText,  kSecObjects,
      kSecNodes, kSecMeshes,  kSecPrimitives, kSecMorphTargets, kSecMaterials, kSecTextures,
      kSecSkins, kSecJoints,  kSecAnimations, kSecChannels,     kSecFloats,    kSecSteps,
      kSecCues,  kSecQuizzes, kSecOptions,    kSecPresentation, kSecGeometry,  kSecTexels};
  ASSERT_EQ(b->sections().size(), order.size());
  for (std::size_t i = 0; i < order.size(); ++i) {
    const SectionInfo& s = b->sections()[i];
    SCOPED_TRACE(fourcc_name(s.type));
    EXPECT_EQ(s.type, order[i]);
    EXPECT_TRUE(s.known);
    bool gpu = s.type == kSecGeometry || s.type == kSecTexels;
    EXPECT_EQ(s.offset % (gpu ? 4096 : 16), 0u);
    bool blob = s.type == kSecTexels || s.type == kSecFloats || s.type == kSecStrings;
    if (!blob) {
      EXPECT_EQ(s.codec, Codec::none);
    }
  }
  EXPECT_EQ(b->sections().back().codec, Codec::zstd);  // the repetitive albedo compresses
  EXPECT_LT(b->sections().back().stored_size, b->sections().back().raw_size);
}

TEST(BundleRoundTrip, MinimalBundleOmitsEmptyTables) {
  Bytes file = write_ok(make_minimal_content());
  auto b = Bundle::open_bytes(file, preview());
  ASSERT_TRUE(b) << b.error().message;
  std::vector<std::string> names;
  for (const SectionInfo& s : b->sections()) names.push_back(fourcc_name(s.type));
  EXPECT_EQ(names, (std::vector<std::string>{"META", "STRS", "LANG", "LINE", "LTXT"}));
  EXPECT_TRUE(b->nodes().empty());
  EXPECT_TRUE(b->cues().empty());
  EXPECT_EQ(b->presentation().display, DisplayPreference::vr);  // absent: the defaults
  EXPECT_EQ(b->presentation().space, SpacePreference::seated);
  EXPECT_TRUE(b->geometry().empty());
  EXPECT_TRUE(b->texels().empty());
  EXPECT_EQ(b->text(0, 0), "Tiny");
}

TEST(BundleRoundTrip, IncompressibleTexelsStayUncompressed) {
  Bytes file = write_ok(make_full_content(/*random_texels=*/true));
  auto b = Bundle::open_bytes(file, preview());
  ASSERT_TRUE(b) << b.error().message;
  EXPECT_EQ(b->sections().back().type, std::uint32_t{kSecTexels});
  EXPECT_EQ(b->sections().back().codec, Codec::none);
  EXPECT_EQ(b->texels().size(), kAlbedoBytes + 12 + 4);
}

TEST(BundleDeterminism, TwoWritesAreByteIdentical) {
  Bytes a = write_ok(make_full_content());
  Bytes b = write_ok(make_full_content());
  EXPECT_EQ(a, b);
  BundleContent c = make_full_content();
  EXPECT_EQ(write_ok(c), write_ok(c));
  EXPECT_EQ(write_ok(c, &test_key()), write_ok(make_full_content(), &test_key()));
  EXPECT_NE(write_ok(c, &test_key()), write_ok(c, &other_key()));
}

TEST(BundleWriter, RefusesInconsistentContentNamingTheRecord) {
  BundleContent c = make_full_content();
  c.nodes[2].parent = 7;
  auto bytes = write_bundle(c, nullptr, "out/blood.trxb");
  ASSERT_FALSE(bytes);
  EXPECT_CONTAINS(bytes.error().message, "internal error");
  EXPECT_CONTAINS(bytes.error().message,
                  "out/blood.trxb: section NODE: record 2 parent 7 is not before it");
}

TEST(BundleWriter, FillsSignerKeyIdItself) {
  BundleContent c = make_full_content();
  c.meta.signer_key_id = c.strings.intern("made-up");
  auto unsigned_bundle = Bundle::open_bytes(write_ok(c), preview());
  ASSERT_TRUE(unsigned_bundle) << unsigned_bundle.error().message;
  EXPECT_EQ(unsigned_bundle->string(unsigned_bundle->meta().signer_key_id), "");
  auto signed_bundle = Bundle::open_bytes(write_ok(c, &test_key()), patient(test_key().public_key));
  ASSERT_TRUE(signed_bundle) << signed_bundle.error().message;
  EXPECT_EQ(signed_bundle->string(signed_bundle->meta().signer_key_id), test_key().id());
}

TEST(BundleFiles, WriteAndOpenByPath) {
  testing::TempDir dir;
  std::string path = dir.file("blood.trxb");
  ASSERT_TRUE(compiler::write_bundle_file(path, make_full_content(), &test_key()));
  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0644u);
  auto b = Bundle::open(path, patient(test_key().public_key));
  ASSERT_TRUE(b) << b.error().message;
  EXPECT_EQ(b->name(), path);
  EXPECT_EQ(b->signature_status(), SignatureStatus::trusted);
  EXPECT_EQ(b->nodes().size(), 4u);
  // Views stay valid after a move.
  Bundle moved = std::move(*b);
  EXPECT_EQ(moved.string(moved.nodes()[1].name), "arm.skin");
  EXPECT_EQ(moved.texels().size(), kAlbedoBytes + 16);

  auto text = read_file(path);
  ASSERT_TRUE(text);
  ASSERT_TRUE(write_file_atomic(path, std::string_view(*text).substr(0, 1000)));
  auto cut = Bundle::open(path, patient(test_key().public_key));
  ASSERT_FALSE(cut);
  EXPECT_CONTAINS(cut.error().message, path + ": file is truncated");

  auto missing = Bundle::open(dir.file("nope.trxb"), preview());
  ASSERT_FALSE(missing);
  EXPECT_CONTAINS(missing.error().message, "nope.trxb: cannot open");
}

// [SECTION] signing and trust

TEST(BundleSigning, SignedRoundTripIsTrusted) {
  Bytes file = write_ok(make_full_content(), &test_key());
  auto b = Bundle::open_bytes(file, patient(test_key().public_key));
  ASSERT_TRUE(b) << b.error().message;
  EXPECT_EQ(b->signature_status(), SignatureStatus::trusted);
  EXPECT_EQ(b->signer_key(), test_key().public_key);
  EXPECT_EQ(b->key_id(), test_key().id());
  EXPECT_EQ(b->key_id().size(), 16u);
  EXPECT_EQ(b->string(b->meta().signer_key_id), test_key().id());
  EXPECT_EQ(b->nodes().size(), 4u);
  // Several trusted keys: any one will do.
  OpenOptions two{TrustPolicy::require_trusted, {other_key().public_key, test_key().public_key}};
  EXPECT_TRUE(Bundle::open_bytes(file, two));
}

TEST(BundleSigning, UnknownKeyIsReportedInPreview) {
  Bytes file = write_ok(make_full_content(), &other_key());
  auto b =
      Bundle::open_bytes(file, OpenOptions{TrustPolicy::allow_unsigned, {test_key().public_key}});
  ASSERT_TRUE(b) << b.error().message;
  EXPECT_EQ(b->signature_status(), SignatureStatus::untrusted);
  EXPECT_EQ(b->key_id(), other_key().id());
  EXPECT_EQ(signature_status_name(b->signature_status()), "untrusted");
}

TEST(BundleSigning, WrongKeyIsRefusedInPatientMode) {
  Bytes file = write_ok(make_full_content(), &other_key());
  std::string error = open_error(file, patient(test_key().public_key));
  EXPECT_CONTAINS(error, "<memory>: signature: signed by key " + other_key().id() +
                             ", which is not one of the trusted keys");
  EXPECT_CONTAINS(open_error(file, OpenOptions{TrustPolicy::require_trusted, {}}),
                  "which is not one of the trusted keys");
}

TEST(BundleSigning, UnsignedIsRefusedInPatientMode) {
  Bytes file = write_ok(make_full_content());
  EXPECT_CONTAINS(open_error(file, patient(test_key().public_key)),
                  "<memory>: signature: the bundle is unsigned; only bundles signed by a trusted "
                  "key are accepted");
}

TEST(BundleSigning, BadSignatureIsAlwaysRefused) {
  const Bytes good = write_ok(make_full_content(), &test_key());
  const std::string expected = "<memory>: signature: does not verify";

  Bytes sig = good;
  sig[kSignatureOffset + 10] ^= std::byte{0x01};
  EXPECT_CONTAINS(open_error(sig, patient(test_key().public_key)), expected);
  EXPECT_CONTAINS(open_error(sig, preview()), expected);

  // A signed header field changed after signing.
  Bytes minor = good;
  minor[offsetof(FileHeader, format_minor)] ^= std::byte{0x01};
  EXPECT_CONTAINS(open_error(minor, preview()), expected);

  // Another key swapped in without re-signing.
  Bytes swapped = good;
  std::memcpy(swapped.data() + offsetof(FileHeader, signer_key), other_key().public_key.data(), 32);
  EXPECT_CONTAINS(
      open_error(swapped, OpenOptions{TrustPolicy::require_trusted, {other_key().public_key}}),
      expected);

  // A section changed and every hash recomputed: only the signature can tell.
  RawBundle raw = RawBundle::parse(good);
  raw.edit<NodeRecord>(kSecNodes, [](auto& nodes) { nodes[1].translation[0] = 5.0f; });
  Bytes rehashed = raw.serialize(nullptr);
  FileHeader h;
  std::memcpy(&h, rehashed.data(), sizeof h);
  h.flags |= kFlagSigned;
  h.signer_key = test_key().public_key;
  std::memcpy(h.signature.data(), good.data() + kSignatureOffset, 64);
  std::memcpy(rehashed.data(), &h, sizeof h);
  EXPECT_CONTAINS(open_error(rehashed, preview()), expected);
}

TEST(BundleSigning, StrippedSignatureFlagIsRefused) {
  Bytes file = write_ok(make_full_content(), &test_key());
  FileHeader h;
  std::memcpy(&h, file.data(), sizeof h);
  h.flags &= ~std::uint32_t{kFlagSigned};
  std::memcpy(file.data(), &h, sizeof h);
  EXPECT_CONTAINS(open_error(file, preview()),
                  "<memory>: header: the bundle is marked unsigned but carries a signer key or "
                  "signature");
}

TEST(BundleSigning, SignedMessageLayout) {
  Bytes header(kHeaderSize, std::byte{0xAB});
  Hash256 table{};
  Hash256 meta{};
  table.fill(1);
  meta.fill(2);
  Bytes message = signed_message(header, table, meta);
  ASSERT_EQ(message.size(), kSignatureContext.size() + kHeaderSize + 64);
  EXPECT_EQ(std::memcmp(message.data(), kSignatureContext.data(), kSignatureContext.size()), 0);
  const std::size_t h = kSignatureContext.size();
  EXPECT_EQ(message[h + kSignatureOffset - 1], std::byte{0xAB});
  for (std::size_t i = 0; i < 64; ++i) EXPECT_EQ(message[h + kSignatureOffset + i], std::byte{0});
  EXPECT_EQ(message[h + kHeaderSize], std::byte{1});
  EXPECT_EQ(message.back(), std::byte{2});
}

// [SECTION] structural damage

TEST(BundleDamage, TruncationAnywhereIsRefused) {
  const Bytes file = write_ok(make_full_content(), &test_key());
  std::set<std::size_t> cuts;
  for (std::size_t n = 0; n < file.size(); n += 97) cuts.insert(n);
  RawBundle raw = RawBundle::parse(file);
  cuts.insert({0, 1, 8, 11, 12, kHeaderSize - 1, kHeaderSize, kHeaderSize + 1});
  cuts.insert(raw.header.table_offset + raw.sections.size() * sizeof(SectionEntry));
  for (const RawSection& s : raw.sections) {
    cuts.insert(s.entry.offset);
    cuts.insert(s.entry.offset + s.entry.stored_size);
    if (s.entry.offset > 0) cuts.insert(s.entry.offset - 1);
  }
  cuts.erase(file.size());
  ASSERT_GT(cuts.size(), 50u);
  for (std::size_t n : cuts) {
    SCOPED_TRACE(n);
    std::string error = open_error(std::span(file).first(n), preview());
    if (n < 12) {
      EXPECT_CONTAINS(error, "<memory>: file is too small to be a TrialXR bundle");
    } else {
      EXPECT_CONTAINS(error, "<memory>: file is truncated");
    }
  }
}

TEST(BundleDamage, FlippedByteInEverySectionNamesThatSection) {
  for (const SigningKey* key : {static_cast<const SigningKey*>(nullptr), &test_key()}) {
    const Bytes file = write_ok(make_full_content(), key);
    RawBundle raw = RawBundle::parse(file);
    ASSERT_EQ(raw.sections.size(), 24u);
    for (const RawSection& s : raw.sections) {
      std::string name = fourcc_name(s.entry.type);
      SCOPED_TRACE(name);
      ASSERT_GT(s.entry.stored_size, 0u);
      for (std::uint64_t at :
           {std::uint64_t{0}, s.entry.stored_size / 2, s.entry.stored_size - 1}) {
        Bytes bad = file;
        bad[s.entry.offset + at] ^= std::byte{0x40};
        EXPECT_CONTAINS(
            open_error(bad, key != nullptr ? patient(key->public_key) : preview()),
            "<memory>: section " + name + ": hash mismatch; the stored bytes are damaged");
      }
    }
  }
}

TEST(BundleDamage, FlippedByteInTableOrHeader) {
  const Bytes file = write_ok(make_full_content());
  RawBundle raw = RawBundle::parse(file);
  for (std::size_t i = 0; i < raw.sections.size() * sizeof(SectionEntry); i += 13) {
    Bytes bad = file;
    bad[raw.header.table_offset + i] ^= std::byte{0x01};
    EXPECT_CONTAINS(open_error(bad),
                    "<memory>: section table: hash mismatch; the table is damaged");
  }
  Bytes magic = file;
  magic[2] = std::byte{'Y'};
  EXPECT_CONTAINS(open_error(magic), "<memory>: not a TrialXR bundle");
  Bytes table_hash = file;
  table_hash[offsetof(FileHeader, table_hash) + 5] ^= std::byte{0x01};
  EXPECT_CONTAINS(open_error(table_hash), "section table: hash mismatch");
  Bytes size = file;
  size[offsetof(FileHeader, header_size)] = std::byte{100};
  EXPECT_CONTAINS(open_error(size), "<memory>: header: header size 100 is invalid");
}

TEST(BundleDamage, OffsetsOutOfRange) {
  const Bytes file = write_ok(make_full_content());
  const std::size_t geom = entry_index(file, kSecGeometry);
  const std::size_t node = entry_index(file, kSecNodes);

  Bytes past = file;
  patch_entry(past, geom, [&](SectionEntry& e) { e.offset = (file.size() / 4096 + 2) * 4096; });
  EXPECT_CONTAINS(open_error(past), "<memory>: section GEOM: offset ");
  EXPECT_CONTAINS(open_error(past),
                  "is past the end of the file (" + std::to_string(file.size()) + " bytes)");

  Bytes longer = file;
  patch_entry(longer, node, [](SectionEntry& e) { e.stored_size += 1u << 20; });
  EXPECT_CONTAINS(open_error(longer), "<memory>: section NODE: ");
  EXPECT_CONTAINS(open_error(longer), "run past the end of the file");

  Bytes huge = file;
  patch_entry(huge, node, [](SectionEntry& e) { e.stored_size = UINT64_MAX - 8; });
  EXPECT_CONTAINS(open_error(huge), "run past the end of the file");

  Bytes misaligned = file;
  patch_entry(misaligned, node, [](SectionEntry& e) { e.offset += 8; });
  EXPECT_CONTAINS(open_error(misaligned), "<memory>: section NODE: offset ");
  EXPECT_CONTAINS(open_error(misaligned), "is not a multiple of 16");

  Bytes geom_page = file;
  patch_entry(geom_page, geom, [](SectionEntry& e) { e.offset -= 16; });
  EXPECT_CONTAINS(open_error(geom_page), "is not a multiple of 4096");

  Bytes overlap = file;
  RawBundle raw = RawBundle::parse(file);
  const std::uint64_t node_offset = raw.sections[node].entry.offset;
  patch_entry(overlap, node + 1, [&](SectionEntry& e) { e.offset = node_offset + 16; });
  EXPECT_CONTAINS(open_error(overlap), "overlap section");

  Bytes into_table = file;
  patch_entry(into_table, node, [](SectionEntry& e) { e.offset = 16; });
  EXPECT_CONTAINS(open_error(into_table), "overlaps the header or the section table");

  Bytes table = file;
  FileHeader h;
  std::memcpy(&h, table.data(), sizeof h);
  h.section_count = 1000000;
  std::memcpy(table.data(), &h, sizeof h);
  EXPECT_CONTAINS(open_error(table),
                  "<memory>: section table: 1000000 entries at offset 168 run past the end");
}

TEST(BundleDamage, PaddingAndTrailingBytes) {
  const Bytes file = write_ok(make_full_content());
  RawBundle raw = RawBundle::parse(file);
  const RawSection& geom = raw.section(kSecGeometry);
  Bytes padding = file;
  ASSERT_EQ(padding[geom.entry.offset - 1], std::byte{0});
  padding[geom.entry.offset - 1] = std::byte{1};
  EXPECT_CONTAINS(open_error(padding), "non-zero byte at offset " +
                                           std::to_string(geom.entry.offset - 1) +
                                           " outside the header, the table and every section");
  Bytes trailing = file;
  trailing.push_back(std::byte{0});
  EXPECT_CONTAINS(open_error(trailing), "<memory>: file has 1 unexpected bytes after the");
}

TEST(BundleDamage, GarbageIsNotABundle) {
  EXPECT_CONTAINS(open_error({}), "<memory>: file is too small to be a TrialXR bundle (0 bytes)");
  std::string text = "Hello, this is a text file and not a bundle at all.";
  EXPECT_CONTAINS(open_error(std::as_bytes(std::span(text))),
                  "<memory>: not a TrialXR bundle (the file does not start with the .trxb magic)");
}

TEST(BundleDamage, MissingAndDuplicateSections) {
  const Bytes file = write_ok(make_full_content());
  for (std::uint32_t type :
       {std::uint32_t{kSecMeta}, std::uint32_t{kSecStrings}, std::uint32_t{kSecLanguages}}) {
    RawBundle raw = RawBundle::parse(file);
    raw.remove(type);
    EXPECT_CONTAINS(open_error(raw.serialize()),
                    "<memory>: section " + fourcc_name(type) +
                        ": missing (every bundle needs META, STRS and LANG)");
  }
  RawBundle raw = RawBundle::parse(file);
  raw.sections.push_back(raw.section(kSecNodes));
  EXPECT_CONTAINS(open_error(raw.serialize()),
                  "<memory>: section NODE: appears more than once in the section table");

  // An absent optional table reads as empty, and then what referred to it is caught.
  RawBundle no_skins = RawBundle::parse(file);
  no_skins.remove(kSecSkins);
  EXPECT_CONTAINS(open_error(no_skins.serialize()),
                  "<memory>: section NODE: record 1 skin 0 is out of range (0 in SKIN)");
}

TEST(BundleDamage, RecordSizesMustFit) {
  const Bytes file = write_ok(make_full_content());
  RawBundle raw = RawBundle::parse(file);
  Bytes nodes = raw.raw(kSecNodes);
  nodes.pop_back();
  raw.set_raw(kSecNodes, nodes);
  EXPECT_CONTAINS(open_error(raw.serialize()),
                  "<memory>: section NODE: size 271 is not a multiple of its 68-byte records");

  RawBundle meta = RawBundle::parse(file);
  Bytes two = meta.raw(kSecMeta);
  two.insert(two.end(), two.begin(), two.end());
  meta.set_raw(kSecMeta, two);
  EXPECT_CONTAINS(open_error(meta.serialize()),
                  "<memory>: section META: size 192; it must hold exactly one 96-byte record");

  RawBundle uncompressed_lie = RawBundle::parse(file);
  uncompressed_lie.section(kSecNodes).entry.raw_size += 68;
  EXPECT_CONTAINS(open_error(uncompressed_lie.serialize()),
                  "<memory>: section NODE: raw size 340 differs from the stored size 272");
}

TEST(BundleDamage, ZstdSizesAreChecked) {
  const Bytes file = write_ok(make_full_content());
  {
    RawBundle raw = RawBundle::parse(file);
    ASSERT_EQ(raw.section(kSecTexels).entry.codec, Codec::zstd);
    raw.section(kSecTexels).entry.raw_size += 1;
    EXPECT_CONTAINS(open_error(raw.serialize()), "<memory>: section TEXB: zstd data decodes to");
  }
  {
    RawBundle raw = RawBundle::parse(file);
    raw.section(kSecTexels).entry.raw_size -= 1;
    EXPECT_CONTAINS(open_error(raw.serialize()),
                    "<memory>: section TEXB: zstd data does not decode to the declared");
  }
  {
    RawBundle raw = RawBundle::parse(file);
    raw.section(kSecTexels).stored[10] ^= std::byte{0x55};
    raw.section(kSecTexels).stored.resize(raw.section(kSecTexels).stored.size() / 2);
    EXPECT_CONTAINS(open_error(raw.serialize()), "<memory>: section TEXB: zstd data");
  }
  {
    RawBundle raw = RawBundle::parse(file);
    raw.section(kSecTexels).entry.codec = static_cast<Codec>(9);
    EXPECT_CONTAINS(open_error(raw.serialize()), "<memory>: section TEXB: unknown codec 9");
  }
  OpenOptions small = preview();
  small.max_decoded_bytes = 1000;
  EXPECT_CONTAINS(open_error(file, small), "section TEXB: decodes to 21860 bytes, more than the");
}

// [SECTION] versioning

TEST(BundleVersioning, OtherMajorIsRefused) {
  Bytes file = write_ok(make_full_content());
  file[offsetof(FileHeader, format_major)] = std::byte{2};
  EXPECT_CONTAINS(open_error(file),
                  fmt::format("<memory>: header: format version 2.{} is not supported; this "
                              "reader reads version 1.x",
                              kFormatMinor));
  file[offsetof(FileHeader, format_major)] = std::byte{0};
  EXPECT_CONTAINS(open_error(file),
                  fmt::format("format version 0.{} is not supported", kFormatMinor));
}

TEST(BundleVersioning, NewerMinorIsAccepted) {
  Bytes file = write_ok(make_full_content());
  file[offsetof(FileHeader, format_minor)] = std::byte{7};
  auto b = Bundle::open_bytes(file, preview());
  ASSERT_TRUE(b) << b.error().message;
  EXPECT_EQ(b->format_minor(), 7);

  // Signed, with a header grown by 16 bytes the way a later minor version may grow it.
  RawBundle raw = RawBundle::parse(write_ok(make_full_content(), &test_key()));
  raw.header.format_minor = 3;
  raw.header_bytes.resize(kHeaderSize + 16, std::byte{0x5A});
  Bytes grown = raw.serialize(&test_key());
  auto g = Bundle::open_bytes(grown, patient(test_key().public_key));
  ASSERT_TRUE(g) << g.error().message;
  EXPECT_EQ(g->format_minor(), 3);
  EXPECT_EQ(g->signature_status(), SignatureStatus::trusted);
  // The extra header bytes are signed too.
  grown[kHeaderSize + 3] ^= std::byte{1};
  EXPECT_CONTAINS(open_error(grown, patient(test_key().public_key)), "signature: does not verify");
}

TEST(BundleVersioning, UnknownSectionIsSkipped) {
  RawBundle raw = RawBundle::parse(write_ok(make_full_content(), &test_key()));
  RawSection extra;
  extra.entry.type = fourcc("XTRA");
  extra.entry.codec = static_cast<Codec>(5);  // a codec from the future, too
  extra.entry.raw_size = 4000;
  extra.stored = Bytes(100, std::byte{0x33});
  raw.sections.insert(raw.sections.begin() + 6, extra);
  Bytes file = raw.serialize(&test_key());
  auto b = Bundle::open_bytes(file, patient(test_key().public_key));
  ASSERT_TRUE(b) << b.error().message;
  ASSERT_EQ(b->sections().size(), 25u);
  EXPECT_EQ(fourcc_name(b->sections()[6].type), "XTRA");
  EXPECT_FALSE(b->sections()[6].known);
  EXPECT_EQ(b->sections()[6].stored_size, 100u);
  EXPECT_EQ(b->nodes().size(), 4u);

  // ... but its bytes are still hash-checked.
  Bytes bad = file;
  bad[b->sections()[6].offset + 50] ^= std::byte{1};
  EXPECT_CONTAINS(open_error(bad, patient(test_key().public_key)),
                  "<memory>: section XTRA: hash mismatch");
  EXPECT_EQ(fourcc_name(0x01020304), "0x01020304");
}

// [SECTION] cross references: valid hashes, broken references

struct CrossCase {
  const char* what;
  std::function<void(RawBundle&)> change;
  std::string expected;
};

template <class T>
std::function<void(RawBundle&)> edit(std::uint32_t type,
                                     std::function<void(std::vector<T>&)> change) {
  return [type, change](RawBundle& raw) { raw.edit<T>(type, change); };
}

TEST(BundleCrossReferences, EachBrokenReferenceIsNamed) {
  const Bytes file = write_ok(make_full_content());
  RawBundle probe = RawBundle::parse(file);
  const std::size_t strs = probe.raw(kSecStrings).size();
  const std::size_t geom = probe.raw(kSecGeometry).size();
  const std::size_t floats = probe.raw(kSecFloats).size() / 4;
  const std::size_t texels = probe.raw(kSecTexels).size();
  const std::size_t texels_end = (texels + 15) / 16 * 16;
  const PrimitiveRecord p0 = probe.records<PrimitiveRecord>(kSecPrimitives)[0];
  const std::uint32_t times0 = probe.records<ChannelRecord>(kSecChannels)[0].times;
  const StrRef umlaut_text = probe.records<LineText>(kSecLineText)[5].text;
  const std::size_t umlaut = umlaut_text.offset + std::string_view("Wohin f").size();

  const std::vector<CrossCase> cases = {
      {"node parent after it", edit<NodeRecord>(kSecNodes, [](auto& n) { n[2].parent = 7; }),
       "section NODE: record 2 parent 7 is not before it"},
      {"node is its own parent", edit<NodeRecord>(kSecNodes, [](auto& n) { n[1].parent = 1; }),
       "section NODE: record 1 parent 1 is not before it"},
      {"StrRef beyond STRS", edit<NodeRecord>(kSecNodes, [&](auto& n) { n[1].name.offset = static_cast<std::uint32_t>(strs) - 2; }),
       "section NODE: record 1 name (offset " + std::to_string(strs - 2) + ", 8 bytes) lies outside STRS (" + std::to_string(strs) + " bytes)"},
      {"StrRef size wraps", edit<NodeRecord>(kSecNodes, [](auto& n) { n[0].name.size = 0xFFFFFFF0u; }),
       "section NODE: record 0 name (offset"},
      {"node mesh", edit<NodeRecord>(kSecNodes, [](auto& n) { n[3].mesh = 9; }),
       "section NODE: record 3 mesh 9 is out of range (3 in MESH)"},
      {"node object", edit<NodeRecord>(kSecNodes, [](auto& n) { n[3].object = kNone; }),
       "section NODE: record 3 object is missing (kNone)"},
      {"node outside its object", edit<NodeRecord>(kSecNodes, [](auto& n) { n[3].object = 0; }),
       "section NODE: record 3 is not among the nodes [0, 3) of its object 0"},
      {"node not finite", edit<NodeRecord>(kSecNodes, [](auto& n) { n[2].scale[1] = INFINITY; }),
       "section NODE: record 2 scale is not a finite number"},
      {"object root", edit<ObjectRecord>(kSecObjects, [](auto& o) { o[1].root_node = 0; }),
       "section OBJS: record 1 root_node 0 is not among its nodes [3, 4)"},
      {"object nodes range", edit<ObjectRecord>(kSecObjects, [](auto& o) { o[1].node_count = 2; }),
       "section OBJS: record 1 nodes [3, 5) is out of range (4 records in NODE)"},
      {"object kind", edit<ObjectRecord>(kSecObjects, [](auto& o) { o[0].kind = static_cast<ObjectKind>(9); }),
       "section OBJS: record 0 kind 9 is not a valid value (0..8)"},
      {"meta title line", edit<MetaRecord>(kSecMeta, [](auto& m) { m[0].title_line = 7; }),
       "section META: title_line 7 is out of range (7 in LINE)"},
      {"meta signer on unsigned", edit<MetaRecord>(kSecMeta, [](auto& m) { m[0].signer_key_id = m[0].scene_id; }),
       "section META: signer_key_id 'blood-draw' is set but the bundle is unsigned"},
      {"meta audience", edit<MetaRecord>(kSecMeta, [](auto& m) { m[0].audience = static_cast<Audience>(5); }),
       "section META: audience 5 is not a valid value (0..4)"},
      {"presentation display", edit<PresentationRecord>(kSecPresentation, [](auto& p) { p[0].display = static_cast<DisplayPreference>(2); }),
       "section PRES: record 0 display 2 is not a valid value (0..1)"},
      {"presentation space", edit<PresentationRecord>(kSecPresentation, [](auto& p) { p[0].space = static_cast<SpacePreference>(9); }),
       "section PRES: record 0 space 9 is not a valid value (0..1)"},
      {"languages repeat", edit<StrRef>(kSecLanguages, [](auto& l) { l[1] = l[0]; }),
       "section LANG: record 1 tag 'en' repeats record 0"},
      {"no languages", [](RawBundle& r) { r.set_raw(kSecLanguages, {}); },
       "section LANG: no languages; the base language must be listed"},
      {"line kind", edit<LineRecord>(kSecLines, [](auto& l) { l[4].kind = 8; }),
       "section LINE: record 4 kind 8 is not a valid value (0..7)"},
      {"line text count", edit<LineText>(kSecLineText, [](auto& t) { t.pop_back(); }),
       "section LTXT: holds 13 entries; expected 14 (7 lines x 2 languages)"},
      {"invalid UTF-8", [&](RawBundle& r) { Bytes s = r.raw(kSecStrings); s[0] = std::byte{0xC0}; r.set_raw(kSecStrings, s); },
       "section STRS: byte 0 is not valid UTF-8"},
      {"mesh primitives", edit<MeshRecord>(kSecMeshes, [](auto& m) { m[2].primitive_count = 2; }),
       "section MESH: record 2 primitives [2, 4) is out of range (3 records in PRIM)"},
      {"mesh weights", edit<MeshRecord>(kSecMeshes, [](auto& m) { m[0].weight_count = 2; }),
       "section MESH: record 0 has 2 default weights but primitive 0 has 1 morph targets"},
      {"primitive material", edit<PrimitiveRecord>(kSecPrimitives, [](auto& p) { p[1].material = 2; }),
       "section PRIM: record 1 material 2 is out of range (2 in MATL)"},
      {"stream size", edit<PrimitiveRecord>(kSecPrimitives, [](auto& p) { p[0].attributes[1].size += 12; }),
       "section PRIM: record 0 normal stream is 60 bytes; expected 48 (4 x 12 bytes)"},
      {"stream alignment", edit<PrimitiveRecord>(kSecPrimitives, [](auto& p) { p[0].attributes[3].offset += 2; }),
       "section PRIM: record 0 texcoord0 stream offset " + std::to_string(p0.attributes[3].offset + 2) + " is not a multiple of 4"},
      {"stream range", edit<PrimitiveRecord>(kSecPrimitives, [&](auto& p) { p[1].attributes[0].offset = geom - 16; }),
       "section PRIM: record 1 position [" + std::to_string(geom - 16) + ", " + std::to_string(geom + 20) + ") is out of range (" + std::to_string(geom) + " bytes in GEOM)"},
      {"stream offset wraps", edit<PrimitiveRecord>(kSecPrimitives, [](auto& p) { p[1].attributes[0].offset = UINT64_MAX - 3; }),
       "section PRIM: record 1 position (first 18446744073709551612, count 36) is out of range"},
      {"missing position", edit<PrimitiveRecord>(kSecPrimitives, [](auto& p) { p[2].attributes[0] = StreamRef{0, 0}; }),
       "section PRIM: record 2 position stream is missing"},
      {"index stream size", edit<PrimitiveRecord>(kSecPrimitives, [](auto& p) { p[0].index_count = 7; }),
       "section PRIM: record 0 index stream is 12 bytes; expected 14 (7 x 2 bytes)"},
      {"index type", edit<PrimitiveRecord>(kSecPrimitives, [](auto& p) { p[0].index_type = static_cast<IndexType>(2); }),
       "section PRIM: record 0 index_type 2 is not a valid value (0..1)"},
      {"indices without count", edit<PrimitiveRecord>(kSecPrimitives, [](auto& p) { p[1].index_count = 0; }),
       "section PRIM: record 1 has an index stream but index_count is 0"},
      {"index value", [&](RawBundle& r) { Bytes g = r.raw(kSecGeometry); g[p0.indices.offset + 2] = std::byte{9}; r.set_raw(kSecGeometry, g); },
       "section PRIM: record 0 index 9 at position 1 is out of range (4 vertices)"},
      {"joint beyond skin", [&](RawBundle& r) { Bytes g = r.raw(kSecGeometry); g[p0.attributes[6].offset + 6] = std::byte{2}; r.set_raw(kSecGeometry, g); },
       "section NODE: record 1 mesh 0 primitive 0 uses joint 2 but skin 0 has 2 joints"},
      {"morph target range", edit<PrimitiveRecord>(kSecPrimitives, [](auto& p) { p[0].first_target = 1; }),
       "section PRIM: record 0 morph targets [1, 2) is out of range (1 records in MTGT)"},
      {"morph stream size", edit<MorphTargetRecord>(kSecMorphTargets, [](auto& m) { m[0].normal.size = 36; }),
       "section MTGT: record 0 normal stream is 36 bytes; primitive 0 has 4 vertices, so expected 48"},
      {"material texture", edit<MaterialRecord>(kSecMaterials, [](auto& m) { m[0].normal_texture.texture = 5; }),
       "section MATL: record 0 normal_texture 5 is out of range (2 in TEXR)"},
      {"material uv set", edit<MaterialRecord>(kSecMaterials, [](auto& m) { m[0].base_color_texture.uv_set = 2; }),
       "section MATL: record 0 base_color_texture uv_set 2 is not 0 or 1"},
      {"texture mips", edit<TextureRecord>(kSecTextures, [](auto& t) { t[0].mip_count = 1; }),
       "section TEXR: record 0 mip_count 1 is not the full chain of 7 levels for 64x64"},
      {"texture size", edit<TextureRecord>(kSecTextures, [](auto& t) { t[0].size -= 4; }),
       "section TEXR: record 0 size 21840 does not match its 64x64 RGBA8 mip chain (21844 bytes)"},
      {"texture range", edit<TextureRecord>(kSecTextures, [&](auto& t) { t[1].offset = texels_end; }),
       "section TEXR: record 1 texels [" + std::to_string(texels_end) + ", " + std::to_string(texels_end + 4) + ") is out of range (" + std::to_string(texels) + " bytes in TEXB)"},
      {"texture huge", edit<TextureRecord>(kSecTextures, [](auto& t) { t[1].width = t[1].height = 0xFFFFFFFFu; t[1].mip_count = 32; }),
       "section TEXR: record 1 size 4294967295x4294967295 is too large"},
      {"skin inverse binds", edit<SkinRecord>(kSecSkins, [&](auto& s) { s[0].inverse_bind = static_cast<std::uint32_t>(floats) - 16; }),
       "section SKIN: record 0 inverse_bind [" + std::to_string(floats - 16) + ", " + std::to_string(floats + 16) + ") is out of range (" + std::to_string(floats) + " floats in F32S)"},
      {"joint node", edit<std::uint32_t>(kSecJoints, [](auto& j) { j[1] = 4; }),
       "section JNTS: record 1 node 4 is out of range (4 in NODE)"},
      {"animation object", edit<AnimationRecord>(kSecAnimations, [](auto& a) { a[0].object = 1; }),
       "section ANIM: record 0 channel 0 animates node 1, which is not among the nodes [3, 4) of object 1"},
      {"animation duration", edit<AnimationRecord>(kSecAnimations, [](auto& a) { a[0].duration = -1.0f; }),
       "section ANIM: record 0 duration -1 is not a finite number of seconds >= 0"},
      {"channel values", edit<ChannelRecord>(kSecChannels, [&](auto& c) { c[0].values = static_cast<std::uint32_t>(floats) - 2; }),
       "section ACHN: record 0 values [" + std::to_string(floats - 2) + ", " + std::to_string(floats + 4) + ") is out of range"},
      {"channel components", edit<ChannelRecord>(kSecChannels, [](auto& c) { c[1].components = 3; }),
       "section ACHN: record 1 components 3 should be 4 for this path"},
      {"channel weights without mesh", edit<ChannelRecord>(kSecChannels, [](auto& c) { c[2].node = 0; }),
       "section ACHN: record 2 animates the weights of node 0, which has no mesh"},
      {"channel times decrease", [](RawBundle& r) {
         auto channels = r.records<ChannelRecord>(kSecChannels);
         auto f = r.records<float>(kSecFloats);
         f[channels[0].times + 1] = -1.0f;
         r.set_records(kSecFloats, f);
       },
       "section ACHN: record 0 key 1 time -1 is before the previous key's 0"},
      {"step cues", edit<StepRecord>(kSecSteps, [](auto& s) { s[1].cue_count = 6; }),
       "section STEP: record 1 cues [5, 11) is out of range (10 records in CUES)"},
      {"StrRef splits a character",
       edit<LineText>(kSecLineText, [&](auto& t) { t[5].text.offset += 8; t[5].text.size -= 8; }),
       "section LTXT: record 5 text (offset " + std::to_string(umlaut + 1) + ", " +
           std::to_string(umlaut_text.size - 8) +
           " bytes) does not start and end on UTF-8 character boundaries"},
      {"language tag too long",
       edit<StrRef>(kSecLanguages, [&](auto& l) { l[1] = StrRef{0, static_cast<std::uint32_t>(strs)}; }),
       "section LANG: record 1 tag is " + std::to_string(strs) +
           " bytes, longer than the 64 a BCP 47 tag may use"},
      {"mesh ranges overlap", edit<MeshRecord>(kSecMeshes, [](auto& m) { m[1].first_primitive = 0; m[1].primitive_count = 2; }),
       "section MESH: record 1 primitives [0, 2) overlaps [0, 1) of record 0; ranges into PRIM must be identical or disjoint"},
      {"index streams overlap", edit<PrimitiveRecord>(kSecPrimitives, [&](auto& p) { p[1].indices.offset = p0.indices.offset + 4; }),
       "section PRIM: record 1 index stream [" + std::to_string(p0.indices.offset + 4) + ", " +
           std::to_string(p0.indices.offset + 16) + ") overlaps [" + std::to_string(p0.indices.offset) +
           ", " + std::to_string(p0.indices.offset + 12) + ") of record 0; ranges into GEOM must be identical or disjoint"},
      {"shared index bytes read as uint32", edit<PrimitiveRecord>(kSecPrimitives, [&](auto& p) { p[1].indices.offset = p0.indices.offset; }),
       "section PRIM: record 1 index 65536 at position 0 is out of range (3 vertices)"},
      {"shared morph targets, other vertex count", edit<PrimitiveRecord>(kSecPrimitives, [](auto& p) { p[1].first_target = 0; p[1].target_count = 1; }),
       "section MTGT: record 0 position stream is 48 bytes; primitive 1 has 3 vertices, so expected 36"},
      {"key times overlap", edit<ChannelRecord>(kSecChannels, [&](auto& c) { c[1].times = times0 + 1; }),
       "section ACHN: record 1 times [" + std::to_string(times0 + 1) + ", " + std::to_string(times0 + 3) +
           ") overlaps [" + std::to_string(times0) + ", " + std::to_string(times0 + 2) +
           ") of record 0; ranges into F32S must be identical or disjoint"},
      {"cue op", edit<CueRecord>(kSecCues, [](auto& c) { c[0].op = static_cast<CueOp>(99); }),
       "section CUES: record 0 op 99 is not a valid value (0..19)"},
      {"cue target missing", edit<CueRecord>(kSecCues, [](auto& c) { c[8].target = kNone; }),
       "section CUES: record 8 target is missing (kNone)"},
      {"cue line missing", edit<CueRecord>(kSecCues, [](auto& c) { c[0].line = kNone; }),
       "section CUES: record 0 line is missing (kNone)"},
      {"cue play other object", edit<CueRecord>(kSecCues, [](auto& c) { c[2].target = 3; }),
       "section CUES: record 2 plays animation 0 of object 0 on node 3 of object 1"},
      {"cue stop other object's clip", edit<CueRecord>(kSecCues, [](auto& c) {
         c[2].op = CueOp::stop;
         c[2].target = 3;
       }),
       "section CUES: record 2 stops animation 0 of object 0 on node 3 of object 1"},
      {"cue stop clip out of range", edit<CueRecord>(kSecCues, [](auto& c) {
         c[2].op = CueOp::stop;
         c[2].ref = 9;
       }),
       "section CUES: record 2 ref 9 is out of range"},
      {"cue go_to", edit<CueRecord>(kSecCues, [](auto& c) { c[6].ref = 2; }),
       "section CUES: record 6 ref 2 is out of range (2 in STEP)"},
      {"cue quiz", edit<CueRecord>(kSecCues, [](auto& c) { c[5].ref = kNone; }),
       "section CUES: record 5 ref is missing (kNone)"},
      {"cue duration", edit<CueRecord>(kSecCues, [](auto& c) { c[9].duration = NAN; }),
       "section CUES: record 9 duration nan is not a finite number of seconds >= 0"},
      {"together range", edit<CueRecord>(kSecCues, [](auto& c) { c[1].count = 3; }),
       "section CUES: record 1 children [8, 11) is out of range (10 records in CUES)"},
      {"together cycle", edit<CueRecord>(kSecCues, [](auto& c) { c[8] = make_cue(CueOp::together, kNone, kNone, 1, 1); }),
       "section CUES: record 1 is nested inside itself through together children (a cycle)"},
      {"together shared child", edit<CueRecord>(kSecCues, [](auto& c) { c[4] = make_cue(CueOp::together, kNone, kNone, 9, 1); }),
       "section CUES: record 4 children [9, 10) include cue 9, already a child of cue 1"},
      {"quiz options", edit<QuizRecord>(kSecQuizzes, [](auto& q) { q[0].option_count = 3; }),
       "section QUIZ: record 0 options [0, 3) is out of range (2 records in QOPT)"},
      {"quiz without options", edit<QuizRecord>(kSecQuizzes, [](auto& q) { q[0].option_count = 0; }),
       "section QUIZ: record 0 has no options"},
      {"option go_to", edit<OptionRecord>(kSecOptions, [](auto& o) { o[1].go_to_step = 5; }),
       "section QOPT: record 1 go_to_step 5 is out of range (2 in STEP)"},
  };
  for (const CrossCase& c : cases) {
    SCOPED_TRACE(c.what);
    RawBundle raw = RawBundle::parse(file);
    c.change(raw);
    EXPECT_CONTAINS(open_error(raw.serialize()), "<memory>: " + c.expected);
  }

  // The editor itself changes nothing when nothing is edited.
  EXPECT_EQ(open_error(RawBundle::parse(file).serialize()), "<opened>");
}

// The minimal bundle with narration for its one line: two packets of three bytes.
BundleContent minimal_with_narration() {
  BundleContent c = make_minimal_content();
  c.opus = Bytes(6, std::byte{0xF8});
  c.audio_packets = {{0, 3}, {3, 3}};
  NarrationRecord n{};
  n.first_packet = 0;
  n.packet_count = 2;
  n.samples = 1000;
  n.pre_skip = 312;
  n.flags = kNarrationSynthesised;
  n.source = c.strings.intern("espeak-ng 1.51 voice en-us");
  c.narration = {n};
  return c;
}

TEST(BundleNarration, RoundTripAndLength) {
  Bytes file = write_ok(minimal_with_narration());
  auto b = Bundle::open_bytes(file, preview());
  ASSERT_TRUE(b) << b.error().message;
  ASSERT_NE(b->narration(0, 0), nullptr);
  EXPECT_EQ(b->narration(0, 0)->samples, 1000u);
  EXPECT_EQ(b->string(b->narration(0, 0)->source), "espeak-ng 1.51 voice en-us");
  EXPECT_DOUBLE_EQ(*b->narration_seconds(0, 0), 1000.0 / 48000.0);
  EXPECT_EQ(b->narration(0, 1), nullptr);  // no such language
  EXPECT_EQ(b->audio_packets().size(), 2u);
  EXPECT_EQ(b->opus_data().size(), 6u);
  auto plain = Bundle::open_bytes(write_ok(make_minimal_content()), preview());
  ASSERT_TRUE(plain);
  EXPECT_EQ(plain->narration(0, 0), nullptr);  // before 1.3: no audio, lengths estimated
  EXPECT_FALSE(plain->narration_seconds(0, 0));
}

TEST(BundleNarration, EachBrokenRecordIsNamed) {
  const Bytes file = write_ok(minimal_with_narration());
  const std::vector<CrossCase> cases = {
      {"narration count", edit<NarrationRecord>(kSecNarration, [](auto& n) { n.push_back(n[0]); }),
       "section NARR: holds 2 records; expected 1 (1 lines x 1 languages)"},
      {"packet range", edit<NarrationRecord>(kSecNarration, [](auto& n) { n[0].packet_count = 3; }),
       "section NARR: record 0 packets"},
      {"samples", edit<NarrationRecord>(kSecNarration, [](auto& n) { n[0].samples = 1700; }),
       "section NARR: record 0 1700 samples after a pre-skip of 312 do not fit in 2 packets"},
      {"flags", edit<NarrationRecord>(kSecNarration, [](auto& n) { n[0].flags = 4; }),
       "section NARR: record 0 flags 0x4 are unknown"},
      {"empty packet", edit<AudioPacketRecord>(kSecAudioPackets, [](auto& p) { p[1].size = 0; }),
       "section APKT: record 1 size 0 is not an Opus packet's (1..1275)"},
      {"packet outside",
       edit<AudioPacketRecord>(kSecAudioPackets, [](auto& p) { p[1].offset = 5; }),
       "section APKT: record 1 bytes [5, 8) lie outside OPUS (6 bytes)"},
      {"packets without records", [](RawBundle& r) { r.remove(kSecNarration); },
       "section NARR: is missing but APKT holds packets"},
  };
  for (const CrossCase& c : cases) {
    SCOPED_TRACE(c.what);
    RawBundle raw = RawBundle::parse(file);
    c.change(raw);
    EXPECT_CONTAINS(open_error(raw.serialize()), "<memory>: " + c.expected);
  }
}

TEST(BundleCrossReferences, SharedIdenticalRangesAreFine) {
  RawBundle raw = RawBundle::parse(write_ok(make_full_content()));
  const PrimitiveRecord p0 = raw.records<PrimitiveRecord>(kSecPrimitives)[0];
  // Mesh 1 reuses mesh 0's primitive (node 2 draws it unskinned), channel 2 reuses
  // channel 0's key times, primitive 2 reuses primitive 1's index buffer.
  raw.edit<MeshRecord>(kSecMeshes, [](auto& m) { m[1] = MeshRecord{0, 1, 0, 0}; });
  raw.edit<ChannelRecord>(kSecChannels, [](auto& c) { c[2].times = c[0].times; });
  raw.edit<PrimitiveRecord>(kSecPrimitives, [](auto& p) {
    p[2].index_count = 3;
    p[2].index_type = IndexType::uint32;
    p[2].indices = p[1].indices;
  });
  auto b = Bundle::open_bytes(raw.serialize(), preview());
  ASSERT_TRUE(b) << b.error().message;
  EXPECT_EQ(b->meshes()[1].first_primitive, 0u);
  EXPECT_EQ(b->primitives()[2].indices.offset, b->primitives()[1].indices.offset);
  EXPECT_NE(p0.indices.offset, b->primitives()[2].indices.offset);
}

TEST(BundleCrossReferences, SignerKeyIdMustMatchTheSigner) {
  const Bytes file = write_ok(make_full_content(), &test_key());
  RawBundle raw = RawBundle::parse(file);
  Bytes strings = raw.raw(kSecStrings);
  std::string other = other_key().id();
  auto meta = raw.records<MetaRecord>(kSecMeta);
  ASSERT_EQ(meta[0].signer_key_id.size, other.size());
  for (std::size_t k = 0; k < other.size(); ++k) {
    strings.at(meta[0].signer_key_id.offset + k) = static_cast<std::byte>(other[k]);
  }
  raw.set_raw(kSecStrings, strings);
  EXPECT_CONTAINS(open_error(raw.serialize(&test_key()), patient(test_key().public_key)),
                  "<memory>: section META: signer_key_id '" + other +
                      "' does not match the signing key " + test_key().id());
}

// [SECTION] robustness: random damage never crashes

TEST(BundleRobustness, RandomDamageIsRefusedOrHarmless) {
  const Bytes file = write_ok(make_full_content());
  const RawBundle original = RawBundle::parse(file);
  std::mt19937_64 rng(20240611);
  int opened = 0;
  // TRIALXR_FUZZ_ITERATIONS=200000 makes this a longer fuzzing run (best under ASan).
  const char* env = std::getenv("TRIALXR_FUZZ_ITERATIONS");
  const int iterations = env != nullptr ? std::atoi(env) : 3000;
  for (int i = 0; i < iterations; ++i) {
    RawBundle raw = original;
    // Damage a decoded table and re-hash, so the cross-reference checks see it.
    RawSection& s = raw.sections[rng() % raw.sections.size()];
    Bytes bytes = raw.raw(s.entry.type);
    if (bytes.empty()) continue;
    int flips = 1 + static_cast<int>(rng() % 4);
    for (int k = 0; k < flips; ++k) {
      std::size_t at = rng() % bytes.size();
      bytes[at] = (rng() % 3 == 0) ? std::byte{0xFF} : static_cast<std::byte>(rng());
    }
    raw.set_raw(s.entry.type, bytes);
    auto b = Bundle::open_bytes(raw.serialize(), preview());
    if (b) {
      ++opened;
      // Whatever opens can be walked without checks.
      for (const NodeRecord& n : b->nodes()) {
        (void)b->string(n.name);
        if (n.mesh != kNone) (void)b->meshes()[n.mesh];
      }
    } else {
      EXPECT_EQ(b.error().message.rfind("<memory>: section ", 0), 0u) << b.error().message;
    }
  }
  // Raw file damage without re-hashing, including the header and table.
  for (int i = 0; i < iterations; ++i) {
    Bytes bad = file;
    bad[rng() % bad.size()] = static_cast<std::byte>(rng());
    if (rng() % 4 == 0) bad.resize(rng() % bad.size());
    auto b = Bundle::open_bytes(bad, preview());
    if (!b) {
      EXPECT_EQ(b.error().message.rfind("<memory>: ", 0), 0u) << b.error().message;
    }
  }
  // Damaged section table with a recomputed table hash: bounds, overlap and codec checks.
  for (int i = 0; i < iterations / 2; ++i) {
    Bytes bad = file;
    FileHeader h;
    std::memcpy(&h, bad.data(), sizeof h);
    std::size_t table_bytes = h.section_count * sizeof(SectionEntry);
    int flips = 1 + static_cast<int>(rng() % 3);
    for (int k = 0; k < flips; ++k) {
      bad[h.table_offset + rng() % table_bytes] = static_cast<std::byte>(rng());
    }
    if (rng() % 8 == 0) h.section_count = static_cast<std::uint32_t>(rng() % 40);
    std::memcpy(bad.data(), &h, sizeof h);
    patch_entry(bad, 0, [](SectionEntry&) {});  // re-hash the table
    auto b = Bundle::open_bytes(bad, preview());
    if (!b) {
      EXPECT_EQ(b.error().message.rfind("<memory>: ", 0), 0u) << b.error().message;
    }
  }
  RecordProperty("opened_after_damage", opened);
}

Bytes schedule_bundle();  // [SECTION] visit schedules

// The visit schedule's tables damaged at random and re-hashed: refused with the section
// named, or, when they open, walkable without checks.
TEST(BundleRobustness, RandomDamageToAScheduleIsRefusedOrHarmless) {
  const Bytes file = schedule_bundle();
  const RawBundle original = RawBundle::parse(file);
  const std::uint32_t targets[] = {kSecVisits, kSecVisitProcedures, kSecQuizzes, kSecOptions,
                                   kSecObjects};
  std::mt19937_64 rng(20261129);
  const char* env = std::getenv("TRIALXR_FUZZ_ITERATIONS");
  const int iterations = env != nullptr ? std::atoi(env) : 2000;
  for (int i = 0; i < iterations; ++i) {
    RawBundle raw = original;
    const std::uint32_t type = targets[rng() % std::size(targets)];
    Bytes bytes = raw.raw(type);
    ASSERT_FALSE(bytes.empty());
    const int flips = 1 + static_cast<int>(rng() % 3);
    for (int k = 0; k < flips; ++k) {
      bytes[rng() % bytes.size()] =
          (rng() % 3 == 0) ? std::byte{0xFF} : static_cast<std::byte>(rng());
    }
    raw.set_raw(type, bytes);
    auto b = Bundle::open_bytes(raw.serialize(), preview());
    if (!b) {
      EXPECT_EQ(b.error().message.rfind("<memory>: section ", 0), 0u) << b.error().message;
      continue;
    }
    for (std::uint32_t o = 0; o < b->objects().size(); ++o) {
      for (const VisitRecord& v : b->visits_of(o)) {
        (void)b->nodes()[v.node];
        (void)b->text(v.name_line, 0);
        (void)b->text(v.details_line, 0);
        for (std::uint32_t line :
             b->visit_procedures().subspan(v.first_procedure, v.procedure_count))
          (void)b->text(line, 0);
      }
    }
    for (const QuizRecord& q : b->quizzes()) {
      for (const OptionRecord& opt : b->options().subspan(q.first_option, q.option_count))
        (void)b->text(opt.text_line, 0);
      if (q.kind == QuizKind::explore) {
        EXPECT_EQ(b->visits_of(q.schedule).size(), q.option_count);
      }
    }
  }
}

// [SECTION] visit schedules (1.4)

// Two visits of a schedule explored by the one quiz, and a box: compiled from a script so
// the tables are exactly what the compiler writes.
Bytes schedule_bundle() {
  testing::TempDir dir;
  auto r = compiler::compile_scene(dir.write("plan.txs",
                                             "scene plan\n  title \"Plan\" #line:title\n"
                                             "  study S\n  version 1\n  languages en\n"
                                             "schedule visits\n  at -0.3 0.82 -0.6\n"
                                             "  visit a \"A\" #line:a\n    day 1\n"
                                             "    procedure \"Blood test\" #line:pa\n"
                                             "  visit b \"B\" #line:b\n    day 8\n    window 1\n"
                                             "box table\n  at 0 0.8 -0.7\n"
                                             "step s\n  explore visits \"Pick.\" #line:q\n"));
  EXPECT_TRUE(r && r->ok()) << (r ? r->rendered() : r.error().message);
  return write_ok(r->content);
}

TEST(BundleSchedule, VisitsComeBackAndEachBrokenOneIsNamed) {
  const Bytes file = schedule_bundle();
  auto b = Bundle::open_bytes(file, preview());
  ASSERT_TRUE(b) << b.error().message;
  ASSERT_EQ(b->visits().size(), 2u);
  EXPECT_EQ(b->string(b->visits()[1].name), "b");
  EXPECT_EQ(b->visits()[1].day, 8);
  EXPECT_EQ(b->visits()[1].window_after, 1u);
  ASSERT_EQ(b->visit_procedures().size(), 1u);
  EXPECT_EQ(b->text(b->visit_procedures()[0], 0), "Blood test");
  EXPECT_EQ(b->objects()[0].kind, ObjectKind::schedule);
  EXPECT_EQ(b->quizzes()[0].kind, QuizKind::explore);
  const std::uint32_t box_root = b->objects()[1].root_node;

  const std::vector<CrossCase> cases = {
      {"visit node", edit<VisitRecord>(kSecVisits, [](auto& v) { v[0].node = 999; }),
       "section VIST: record 0 node 999 is out of range"},
      {"visit node of another object",
       edit<VisitRecord>(kSecVisits, [&](auto& v) { v[1].node = box_root; }),
       fmt::format("section VIST: record 1 node {} is not among the nodes of its schedule 0",
                   box_root)},
      {"visit of a box", edit<VisitRecord>(kSecVisits, [](auto& v) { v[0].object = 1; }),
       "section VIST: record 0 object 1 is not a schedule"},
      {"visit details", edit<VisitRecord>(kSecVisits, [](auto& v) { v[0].details_line = kNone; }),
       "section VIST: record 0 details_line is missing (kNone)"},
      {"procedure range", edit<VisitRecord>(kSecVisits, [](auto& v) { v[1].procedure_count = 3; }),
       "section VIST: record 1 procedures [1, 4) is out of range (1 records in VPRC)"},
      {"procedure line", edit<std::uint32_t>(kSecVisitProcedures, [](auto& p) { p[0] = 9999; }),
       "section VPRC: record 0 line 9999 is out of range"},
      {"explore of a box", edit<QuizRecord>(kSecQuizzes, [](auto& q) { q[0].schedule = 1; }),
       "section QUIZ: record 0 explores object 1, which is not a schedule"},
      {"explore without visits", edit<VisitRecord>(kSecVisits, [](auto& v) { v.pop_back(); }),
       "section QUIZ: record 0 has 2 options but its schedule 0 has 1 visits"},
  };
  for (const CrossCase& c : cases) {
    SCOPED_TRACE(c.what);
    RawBundle raw = RawBundle::parse(file);
    c.change(raw);
    EXPECT_CONTAINS(open_error(raw.serialize()), "<memory>: " + c.expected);
  }
}

}  // namespace
}  // namespace trialxr
