// Cross-reference validation: after this, every index and range a record holds is
// known to be valid, so the player can walk the tables without checks of its own.
//
// Messages read "<file>: section NODE: record 3 parent 7 is not before it".

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <map>
#include <tuple>
#include <vector>

#include "tables.h"
#include "trialxr/bundle/bundle.h"

namespace trialxr::bundle::detail {

std::size_t first_invalid_utf8(std::span<const std::byte> text) {
  std::size_t i = 0;
  const std::size_t n = text.size();
  auto at = [&](std::size_t k) { return std::to_integer<std::uint32_t>(text[k]); };
  while (i < n) {
    std::uint32_t c = at(i);
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t len = 0;
    std::uint32_t min = 0;
    std::uint32_t cp = 0;
    if ((c & 0xE0) == 0xC0) {
      len = 2, min = 0x80, cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3, min = 0x800, cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      len = 4, min = 0x10000, cp = c & 0x07;
    } else {
      return i;
    }
    if (n - i < len) return i;
    for (std::size_t k = 1; k < len; ++k) {
      std::uint32_t cc = at(i + k);
      if ((cc & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (cc & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return i;
    i += len;
  }
  return n;
}

namespace {

constexpr std::uint32_t kNoRecord = kNone;
// RFC 5646 4.4.1: 35 characters hold any practical language tag; 64 leaves room.
constexpr std::size_t kMaxLanguageTag = 64;

template <class E>
constexpr std::uint32_t raw(E e) {
  return static_cast<std::uint32_t>(e);
}

std::uint32_t index_size(IndexType type) {
  return type == IndexType::uint16 ? 2 : 4;
}

// Number of levels in a full mip chain down to 1x1.
std::uint32_t full_mip_count(std::uint32_t width, std::uint32_t height) {
  std::uint32_t largest = std::max(width, height);
  std::uint32_t levels = 1;
  while (largest > 1) {
    largest >>= 1;
    ++levels;
  }
  return levels;
}

constexpr std::array<const char*, kAttributeCount> kAttributeNames = {
    "position", "normal", "tangent", "texcoord0", "texcoord1", "color0", "joints0", "weights0"};

constexpr std::array<const char*, 5> kTextureSlotNames = {"base_color_texture",
                                                          "metal_rough_texture", "normal_texture",
                                                          "occlusion_texture", "emissive_texture"};

class Validator {
 public:
  explicit Validator(const Tables& t) : t_(t) {}

  Status run() {
    bool ok = strings() && meta() && languages() && lines() && line_text() && objects() &&
              nodes() && meshes() && primitives() && morph_targets() && materials() && textures() &&
              skins() && joints() && skinned_nodes() && channels() && animations() && steps() &&
              cues() && visits() && quizzes() && options() && fonts() && glyphs() &&
              text_layouts() && presentation() && narration() && audio_packets();
    if (!ok) return fail(std::move(error_));
    return {};
  }

 private:
  const Tables& t_;
  std::string error_;
  std::uint32_t section_ = kSecMeta;
  std::uint32_t record_ = kNoRecord;
  // Per primitive: the largest joint index its joints0 stream uses, or kNone.
  std::vector<std::uint32_t> max_joint_;

  void at(std::uint32_t section) {
    section_ = section;
    record_ = kNoRecord;
  }

  template <class... Args>
  bool bad(fmt::format_string<Args...> format, Args&&... args) {
    std::string where = record_ == kNoRecord ? std::string() : fmt::format("record {} ", record_);
    error_ = fmt::format("{}: section {}: {}{}", t_.file, fourcc_name(section_), where,
                         fmt::format(format, std::forward<Args>(args)...));
    return false;
  }

  // [SECTION] helpers

  // The pool as a whole is valid UTF-8 (strings() checked it once), so a string in it is
  // valid exactly when it starts and ends on character boundaries: O(1) per reference.
  bool str(const char* field, StrRef ref) {
    const std::size_t pool = t_.strings.size();
    if (ref.offset > pool || ref.size > pool - ref.offset) {
      return bad("{} (offset {}, {} bytes) lies outside STRS ({} bytes)", field, ref.offset,
                 ref.size, pool);
    }
    auto continuation = [&](std::size_t at) {
      return at < pool && (std::to_integer<unsigned>(t_.strings[at]) & 0xC0u) == 0x80u;
    };
    if (ref.size > 0 && (continuation(ref.offset) || continuation(ref.offset + ref.size))) {
      return bad("{} (offset {}, {} bytes) does not start and end on UTF-8 character boundaries",
                 field, ref.offset, ref.size);
    }
    return true;
  }

  std::string_view text_of(StrRef ref) const {
    return std::string_view(
        static_cast<const char*>(static_cast<const void*>(t_.strings.data())) + ref.offset,
        ref.size);
  }

  // An index that must name a record of `target` (which has `count` records).
  bool index(const char* field, std::uint32_t value, std::size_t count, std::uint32_t target) {
    if (value == kNone) return bad("{} is missing (kNone)", field);
    if (value >= count) {
      return bad("{} {} is out of range ({} in {})", field, value, count, fourcc_name(target));
    }
    return true;
  }

  // An index that may also be kNone.
  bool optional(const char* field, std::uint32_t value, std::size_t count, std::uint32_t target) {
    return value == kNone || index(field, value, count, target);
  }

  // [first, first + count) must lie within [0, total).
  bool range(const char* field, std::uint64_t first, std::uint64_t count, std::uint64_t total,
             std::uint32_t target, const char* unit = "records") {
    if (first > total || count > total - first) {
      if (count > UINT64_MAX - first) {
        return bad("{} (first {}, count {}) is out of range ({} {} in {})", field, first, count,
                   total, unit, fourcc_name(target));
      }
      return bad("{} [{}, {}) is out of range ({} {} in {})", field, first, first + count, total,
                 unit, fourcc_name(target));
    }
    return true;
  }

  bool enum_value(const char* field, std::uint32_t value, std::uint32_t last) {
    if (value > last) return bad("{} {} is not a valid value (0..{})", field, value, last);
    return true;
  }

  bool finite(const char* field, std::span<const float> values) {
    for (float v : values) {
      if (!std::isfinite(v)) return bad("{} is not a finite number", field);
    }
    return true;
  }

  // A vertex or index stream in GEOM. Absent (size 0) is fine unless `required`.
  bool stream(const char* field, const StreamRef& s, std::uint64_t expected, bool required,
              std::uint64_t count, std::uint64_t stride) {
    if (s.size == 0) {
      if (required && expected > 0) return bad("{} stream is missing", field);
      return true;
    }
    if (s.size != expected) {
      return bad("{} stream is {} bytes; expected {} ({} x {} bytes)", field, s.size, expected,
                 count, stride);
    }
    if (s.offset % 4 != 0) {
      return bad("{} stream offset {} is not a multiple of 4", field, s.offset);
    }
    return range(field, s.offset, s.size, t_.geometry.size(), kSecGeometry, "bytes");
  }

  struct Extent {
    std::uint64_t first;
    std::uint64_t count;
    std::uint32_t record;
  };

  // The ranges different records hold into one table or blob must be identical or
  // disjoint. Each distinct range is then scanned once, with its result cached by its
  // first element, which keeps validation linear in the file size for any input.
  bool identical_or_disjoint(const char* field, std::vector<Extent> extents, std::uint32_t target) {
    std::erase_if(extents, [](const Extent& e) { return e.count == 0; });
    std::sort(extents.begin(), extents.end(), [](const Extent& a, const Extent& b) {
      return std::tie(a.first, a.count, a.record) < std::tie(b.first, b.count, b.record);
    });
    for (std::size_t i = 1; i < extents.size(); ++i) {
      const Extent& a = extents[i - 1];
      const Extent& b = extents[i];
      if (a.first == b.first && a.count == b.count) continue;
      if (b.first < a.first + a.count) {
        record_ = b.record;
        return bad(
            "{} [{}, {}) overlaps [{}, {}) of record {}; ranges into {} must be identical "
            "or disjoint",
            field, b.first, b.first + b.count, a.first, a.first + a.count, a.record,
            fourcc_name(target));
      }
    }
    return true;
  }

  template <class T>
  T load(std::span<const std::byte> blob, std::uint64_t offset) const {
    T value;
    std::memcpy(&value, blob.data() + offset, sizeof(T));
    return value;
  }

  // [SECTION] metadata and strings

  bool strings() {
    at(kSecStrings);
    if (std::size_t bad_at = first_invalid_utf8(t_.strings); bad_at != t_.strings.size()) {
      return bad("byte {} is not valid UTF-8", bad_at);
    }
    return true;
  }

  bool meta() {
    at(kSecMeta);
    const MetaRecord& m = *t_.meta;
    if (!str("scene_id", m.scene_id) || !str("title", m.title) || !str("study_id", m.study_id) ||
        !str("content_version", m.content_version) ||
        !str("compiler_version", m.compiler_version) || !str("approval_ref", m.approval_ref) ||
        !str("signer_key_id", m.signer_key_id)) {
      return false;
    }
    if (!index("title_line", m.title_line, t_.lines.size(), kSecLines)) return false;
    if (!enum_value("audience", raw(m.audience), raw(Audience::child_15_17))) return false;
    std::string_view signer = text_of(m.signer_key_id);
    if (t_.is_signed && signer != t_.signer_key_id) {
      return bad("signer_key_id '{}' does not match the signing key {}", signer, t_.signer_key_id);
    }
    if (!t_.is_signed && !signer.empty()) {
      return bad("signer_key_id '{}' is set but the bundle is unsigned", signer);
    }
    return true;
  }

  bool languages() {
    at(kSecLanguages);
    if (t_.languages.empty()) return bad("no languages; the base language must be listed");
    std::map<std::string_view, std::uint32_t> seen;
    for (std::uint32_t i = 0; i < t_.languages.size(); ++i) {
      record_ = i;
      if (!str("tag", t_.languages[i])) return false;
      std::string_view tag = text_of(t_.languages[i]);
      if (tag.empty()) return bad("tag is empty");
      if (tag.size() > kMaxLanguageTag) {
        return bad("tag is {} bytes, longer than the {} a BCP 47 tag may use", tag.size(),
                   kMaxLanguageTag);
      }
      auto [it, added] = seen.emplace(tag, i);
      if (!added) return bad("tag '{}' repeats record {}", tag, it->second);
    }
    return true;
  }

  bool lines() {
    at(kSecLines);
    for (std::uint32_t i = 0; i < t_.lines.size(); ++i) {
      record_ = i;
      const LineRecord& l = t_.lines[i];
      if (!str("id", l.id) || !enum_value("kind", l.kind, raw(LineKind::ui))) return false;
    }
    return true;
  }

  bool line_text() {
    at(kSecLineText);
    std::uint64_t expected = std::uint64_t{t_.lines.size()} * t_.languages.size();
    if (t_.line_text.size() != expected) {
      return bad("holds {} entries; expected {} ({} lines x {} languages)", t_.line_text.size(),
                 expected, t_.lines.size(), t_.languages.size());
    }
    for (std::uint32_t i = 0; i < t_.line_text.size(); ++i) {
      record_ = i;
      if (!str("text", t_.line_text[i].text)) return false;
    }
    return true;
  }

  // [SECTION] scene objects, nodes, meshes, materials, textures

  bool objects() {
    at(kSecObjects);
    for (std::uint32_t i = 0; i < t_.objects.size(); ++i) {
      record_ = i;
      const ObjectRecord& o = t_.objects[i];
      if (!str("name", o.name) || !str("source", o.source) ||
          !enum_value("kind", raw(o.kind), raw(ObjectKind::schedule)) ||
          !range("nodes", o.first_node, o.node_count, t_.nodes.size(), kSecNodes) ||
          !range("animations", o.first_animation, o.animation_count, t_.animations.size(),
                 kSecAnimations) ||
          !index("root_node", o.root_node, t_.nodes.size(), kSecNodes)) {
        return false;
      }
      if (o.root_node < o.first_node || o.root_node - o.first_node >= o.node_count) {
        return bad("root_node {} is not among its nodes [{}, {})", o.root_node, o.first_node,
                   std::uint64_t{o.first_node} + o.node_count);
      }
    }
    return true;
  }

  bool owned_by(std::uint32_t node, const ObjectRecord& o) const {
    return node >= o.first_node && node - o.first_node < o.node_count;
  }

  bool nodes() {
    at(kSecNodes);
    for (std::uint32_t i = 0; i < t_.nodes.size(); ++i) {
      record_ = i;
      const NodeRecord& n = t_.nodes[i];
      if (!str("name", n.name)) return false;
      if (n.parent != kNone && n.parent >= i) return bad("parent {} is not before it", n.parent);
      if (!index("object", n.object, t_.objects.size(), kSecObjects) ||
          !optional("mesh", n.mesh, t_.meshes.size(), kSecMeshes) ||
          !optional("skin", n.skin, t_.skins.size(), kSecSkins) ||
          !finite("translation", n.translation) || !finite("rotation", n.rotation) ||
          !finite("scale", n.scale)) {
        return false;
      }
      const ObjectRecord& o = t_.objects[n.object];
      if (!owned_by(i, o)) {
        return bad("is not among the nodes [{}, {}) of its object {}", o.first_node,
                   std::uint64_t{o.first_node} + o.node_count, n.object);
      }
    }
    return true;
  }

  bool meshes() {
    at(kSecMeshes);
    std::vector<Extent> extents;
    for (std::uint32_t i = 0; i < t_.meshes.size(); ++i) {
      record_ = i;
      const MeshRecord& m = t_.meshes[i];
      if (!range("primitives", m.first_primitive, m.primitive_count, t_.primitives.size(),
                 kSecPrimitives) ||
          !range("weights", m.first_weight, m.weight_count, t_.floats.size(), kSecFloats,
                 "floats")) {
        return false;
      }
      extents.push_back({m.first_primitive, m.primitive_count, i});
    }
    if (!identical_or_disjoint("primitives", std::move(extents), kSecPrimitives)) return false;
    std::vector<bool> checked(t_.primitives.size(), false);
    for (std::uint32_t i = 0; i < t_.meshes.size(); ++i) {
      record_ = i;
      const MeshRecord& m = t_.meshes[i];
      if (m.primitive_count == 0) continue;
      const std::uint32_t targets = t_.primitives[m.first_primitive].target_count;
      if (!checked[m.first_primitive]) {
        checked[m.first_primitive] = true;
        for (std::uint32_t p = m.first_primitive + 1; p < m.first_primitive + m.primitive_count;
             ++p) {
          if (t_.primitives[p].target_count != targets) {
            return bad("primitive {} has {} morph targets but primitive {} has {}", p,
                       t_.primitives[p].target_count, m.first_primitive, targets);
          }
        }
      }
      if (m.weight_count != 0 && m.weight_count != targets) {
        return bad("has {} default weights but primitive {} has {} morph targets", m.weight_count,
                   m.first_primitive, targets);
      }
    }
    return true;
  }

  // Morph target count of a mesh (all its primitives agree; checked in meshes()).
  std::uint32_t mesh_targets(std::uint32_t mesh) const {
    const MeshRecord& m = t_.meshes[mesh];
    return m.primitive_count == 0 ? 0 : t_.primitives[m.first_primitive].target_count;
  }

  bool primitives() {
    at(kSecPrimitives);
    max_joint_.assign(t_.primitives.size(), kNone);
    std::vector<Extent> index_extents;
    std::vector<Extent> joint_extents;
    std::vector<Extent> target_extents;
    for (std::uint32_t i = 0; i < t_.primitives.size(); ++i) {
      record_ = i;
      const PrimitiveRecord& p = t_.primitives[i];
      if (!optional("material", p.material, t_.materials.size(), kSecMaterials) ||
          !enum_value("index_type", raw(p.index_type), raw(IndexType::uint32)) ||
          !range("morph targets", p.first_target, p.target_count, t_.morph_targets.size(),
                 kSecMorphTargets) ||
          !finite("bounds_min", p.bounds_min) || !finite("bounds_max", p.bounds_max)) {
        return false;
      }
      for (std::uint32_t a = 0; a < kAttributeCount; ++a) {
        std::uint64_t stride = kAttributeStride[a];
        if (!stream(kAttributeNames[a], p.attributes[a], stride * p.vertex_count, a == 0,
                    p.vertex_count, stride)) {
          return false;
        }
      }
      if (p.index_count == 0) {
        if (p.indices.size != 0) return bad("has an index stream but index_count is 0");
      } else {
        std::uint64_t isize = index_size(p.index_type);
        if (!stream("index", p.indices, isize * p.index_count, true, p.index_count, isize)) {
          return false;
        }
      }
      index_extents.push_back({p.indices.offset, p.indices.size, i});
      const StreamRef& joints = p.attributes[raw(Attribute::joints0)];
      joint_extents.push_back({joints.offset, joints.size, i});
      target_extents.push_back({p.first_target, p.target_count, i});
    }
    if (!identical_or_disjoint("index stream", std::move(index_extents), kSecGeometry) ||
        !identical_or_disjoint("joints0 stream", std::move(joint_extents), kSecGeometry) ||
        !identical_or_disjoint("morph targets", std::move(target_extents), kSecMorphTargets)) {
      return false;
    }

    // Scan each distinct index and joints0 stream once.
    std::map<std::pair<std::uint64_t, IndexType>, std::uint32_t> max_index;
    std::map<std::uint64_t, std::uint32_t> max_joint;
    for (std::uint32_t i = 0; i < t_.primitives.size(); ++i) {
      record_ = i;
      const PrimitiveRecord& p = t_.primitives[i];
      if (p.index_count > 0) {
        auto [it, added] = max_index.try_emplace({p.indices.offset, p.index_type}, 0);
        if (added) it->second = largest_index(p);
        if (it->second >= p.vertex_count) {
          std::uint64_t k = first_index_from(p, p.vertex_count);
          return bad("index {} at position {} is out of range ({} vertices)", index_at(p, k), k,
                     p.vertex_count);
        }
      }
      const StreamRef& joints = p.attributes[raw(Attribute::joints0)];
      if (joints.size > 0) {
        auto [it, added] = max_joint.try_emplace(joints.offset, 0);
        if (added) {
          for (std::uint64_t k = 0; k < joints.size; k += 2) {
            it->second = std::max<std::uint32_t>(
                it->second, load<std::uint16_t>(t_.geometry, joints.offset + k));
          }
        }
        max_joint_[i] = it->second;
      }
    }
    return true;
  }

  std::uint32_t index_at(const PrimitiveRecord& p, std::uint64_t k) const {
    return p.index_type == IndexType::uint16
               ? load<std::uint16_t>(t_.geometry, p.indices.offset + 2 * k)
               : load<std::uint32_t>(t_.geometry, p.indices.offset + 4 * k);
  }

  std::uint32_t largest_index(const PrimitiveRecord& p) const {
    std::uint32_t most = 0;
    for (std::uint64_t k = 0; k < p.index_count; ++k) most = std::max(most, index_at(p, k));
    return most;
  }

  // Position of the first index >= limit; index_count when there is none.
  std::uint64_t first_index_from(const PrimitiveRecord& p, std::uint32_t limit) const {
    for (std::uint64_t k = 0; k < p.index_count; ++k) {
      if (index_at(p, k) >= limit) return k;
    }
    return p.index_count;
  }

  bool morph_targets() {
    at(kSecMorphTargets);
    for (std::uint32_t i = 0; i < t_.morph_targets.size(); ++i) {
      record_ = i;
      const MorphTargetRecord& m = t_.morph_targets[i];
      for (auto [field, s] : {std::pair{"position", &m.position}, std::pair{"normal", &m.normal},
                              std::pair{"tangent", &m.tangent}}) {
        if (s->size == 0) continue;
        if (s->offset % 4 != 0) {
          return bad("{} stream offset {} is not a multiple of 4", field, s->offset);
        }
        if (!range(field, s->offset, s->size, t_.geometry.size(), kSecGeometry, "bytes")) {
          return false;
        }
      }
    }
    // Each target's streams hold one float3 delta per vertex of the primitive using it.
    // Target ranges are identical or disjoint (checked in primitives()); sizes[first]
    // remembers what a range was checked against (0: it has no streams at all).
    constexpr std::uint64_t kUnchecked = UINT64_MAX;
    std::vector<std::uint64_t> sizes(t_.morph_targets.size(), kUnchecked);
    for (std::uint32_t p = 0; p < t_.primitives.size(); ++p) {
      const PrimitiveRecord& prim = t_.primitives[p];
      if (prim.target_count == 0) continue;
      const std::uint64_t expected = std::uint64_t{12} * prim.vertex_count;
      std::uint64_t& memo = sizes[prim.first_target];
      if (memo != kUnchecked && (memo == 0 || memo == expected)) continue;
      bool any = false;
      for (std::uint32_t i = prim.first_target; i < prim.first_target + prim.target_count; ++i) {
        record_ = i;
        const MorphTargetRecord& m = t_.morph_targets[i];
        for (auto [field, s] : {std::pair{"position", &m.position}, std::pair{"normal", &m.normal},
                                std::pair{"tangent", &m.tangent}}) {
          if (s->size == 0) continue;
          any = true;
          if (s->size != expected) {
            return bad("{} stream is {} bytes; primitive {} has {} vertices, so expected {}", field,
                       s->size, p, prim.vertex_count, expected);
          }
        }
      }
      memo = any ? expected : 0;
    }
    return true;
  }

  bool materials() {
    at(kSecMaterials);
    for (std::uint32_t i = 0; i < t_.materials.size(); ++i) {
      record_ = i;
      const MaterialRecord& m = t_.materials[i];
      if (!str("name", m.name) ||
          !enum_value("alpha_mode", raw(m.alpha_mode), raw(AlphaMode::blend))) {
        return false;
      }
      const TextureSlot* slots[] = {&m.base_color_texture, &m.metal_rough_texture,
                                    &m.normal_texture, &m.occlusion_texture, &m.emissive_texture};
      for (std::size_t k = 0; k < kTextureSlotNames.size(); ++k) {
        if (!optional(kTextureSlotNames[k], slots[k]->texture, t_.textures.size(), kSecTextures)) {
          return false;
        }
        if (slots[k]->uv_set > 1) {
          return bad("{} uv_set {} is not 0 or 1", kTextureSlotNames[k], slots[k]->uv_set);
        }
      }
    }
    return true;
  }

  bool textures() {
    at(kSecTextures);
    for (std::uint32_t i = 0; i < t_.textures.size(); ++i) {
      record_ = i;
      const TextureRecord& x = t_.textures[i];
      if (!str("name", x.name) ||
          !enum_value("format", raw(x.format), raw(TextureFormat::r8_unorm)) ||
          !enum_value("mag_filter", raw(x.mag_filter), raw(Filter::linear)) ||
          !enum_value("min_filter", raw(x.min_filter), raw(Filter::linear)) ||
          !enum_value("wrap_s", raw(x.wrap_s), raw(Wrap::mirror)) ||
          !enum_value("wrap_t", raw(x.wrap_t), raw(Wrap::mirror))) {
        return false;
      }
      if (x.width == 0 || x.height == 0) return bad("size {}x{} is empty", x.width, x.height);
      // Text atlases have one level: averaging a distance field thins strokes away.
      const bool atlas = x.format == TextureFormat::r8_unorm;
      std::uint32_t levels = atlas ? 1 : full_mip_count(x.width, x.height);
      if (atlas && x.mip_count != 1) {
        return bad("mip_count {} is not the single level of an R8 text atlas", x.mip_count);
      }
      if (x.mip_count != levels) {
        return bad("mip_count {} is not the full chain of {} levels for {}x{}", x.mip_count, levels,
                   x.width, x.height);
      }
      // RGBA8: 4 bytes a texel, R8: 1. 65536 x 65536 x 4 x 4/3 still fits in 64 bits.
      const std::uint64_t texel = x.format == TextureFormat::r8_unorm ? 1 : 4;
      std::uint64_t expected = 0;
      for (std::uint32_t level = 0; level < levels; ++level) {
        std::uint64_t w = std::max<std::uint32_t>(1, x.width >> level);
        std::uint64_t h = std::max<std::uint32_t>(1, x.height >> level);
        std::uint64_t bytes = w * h;
        if (bytes > (UINT64_MAX - expected) / 4)
          return bad("size {}x{} is too large", x.width, x.height);
        expected += bytes * texel;
      }
      if (x.size != expected) {
        return bad("size {} does not match its {}x{} {} mip chain ({} bytes)", x.size, x.width,
                   x.height, texel == 1 ? "R8" : "RGBA8", expected);
      }
      if (x.offset % 16 != 0) return bad("offset {} is not a multiple of 16", x.offset);
      if (!range("texels", x.offset, x.size, t_.texels.size(), kSecTexels, "bytes")) return false;
    }
    return true;
  }

  // [SECTION] animation and skins

  bool skins() {
    at(kSecSkins);
    for (std::uint32_t i = 0; i < t_.skins.size(); ++i) {
      record_ = i;
      const SkinRecord& s = t_.skins[i];
      if (!range("joints", s.first_joint, s.joint_count, t_.joints.size(), kSecJoints, "entries") ||
          !range("inverse_bind", s.inverse_bind, std::uint64_t{16} * s.joint_count,
                 t_.floats.size(), kSecFloats, "floats") ||
          !optional("skeleton", s.skeleton, t_.nodes.size(), kSecNodes)) {
        return false;
      }
    }
    return true;
  }

  bool joints() {
    at(kSecJoints);
    for (std::uint32_t i = 0; i < t_.joints.size(); ++i) {
      record_ = i;
      if (!index("node", t_.joints[i], t_.nodes.size(), kSecNodes)) return false;
    }
    return true;
  }

  // A skinned node's mesh may only use joints its skin has.
  bool skinned_nodes() {
    at(kSecNodes);
    // The largest joint any primitive of a mesh's (identical or disjoint) range uses,
    // cached by the range's first primitive; kNone when none has joints0.
    constexpr std::uint32_t kUnchecked = kNone - 1;
    std::vector<std::uint32_t> range_max(t_.primitives.size(), kUnchecked);
    for (std::uint32_t i = 0; i < t_.nodes.size(); ++i) {
      record_ = i;
      const NodeRecord& n = t_.nodes[i];
      if (n.mesh == kNone || n.skin == kNone) continue;  // unskinned nodes ignore joints0
      const MeshRecord& m = t_.meshes[n.mesh];
      if (m.primitive_count == 0) continue;
      std::uint32_t& most = range_max[m.first_primitive];
      if (most == kUnchecked) {
        most = kNone;
        for (std::uint32_t p = m.first_primitive; p < m.first_primitive + m.primitive_count; ++p) {
          if (max_joint_[p] != kNone)
            most = most == kNone ? max_joint_[p] : std::max(most, max_joint_[p]);
        }
      }
      const std::uint32_t count = t_.skins[n.skin].joint_count;
      if (most == kNone || most < count) continue;
      for (std::uint32_t p = m.first_primitive; p < m.first_primitive + m.primitive_count; ++p) {
        if (max_joint_[p] != kNone && max_joint_[p] >= count) {
          return bad("mesh {} primitive {} uses joint {} but skin {} has {} joints", n.mesh, p,
                     max_joint_[p], n.skin, count);
        }
      }
    }
    return true;
  }

  // After channels(): every channel's node is valid.
  bool animations() {
    at(kSecAnimations);
    std::vector<Extent> extents;
    for (std::uint32_t i = 0; i < t_.animations.size(); ++i) {
      record_ = i;
      const AnimationRecord& a = t_.animations[i];
      if (!str("name", a.name) || !index("object", a.object, t_.objects.size(), kSecObjects) ||
          !range("channels", a.first_channel, a.channel_count, t_.channels.size(), kSecChannels)) {
        return false;
      }
      if (!std::isfinite(a.duration) || a.duration < 0) {
        return bad("duration {} is not a finite number of seconds >= 0", a.duration);
      }
      extents.push_back({a.first_channel, a.channel_count, i});
    }
    if (!identical_or_disjoint("channels", std::move(extents), kSecChannels)) return false;
    // Lowest and highest node a channel range animates, cached by its first channel.
    std::vector<std::pair<std::uint32_t, std::uint32_t>> nodes(t_.channels.size(), {kNone, 0});
    for (std::uint32_t i = 0; i < t_.animations.size(); ++i) {
      record_ = i;
      const AnimationRecord& a = t_.animations[i];
      if (a.channel_count == 0) continue;
      auto& [low, high] = nodes[a.first_channel];
      if (low == kNone) {
        for (std::uint32_t c = a.first_channel; c < a.first_channel + a.channel_count; ++c) {
          low = std::min(low, t_.channels[c].node);
          high = std::max(high, t_.channels[c].node);
        }
      }
      const ObjectRecord& o = t_.objects[a.object];
      if (owned_by(low, o) && owned_by(high, o)) continue;
      for (std::uint32_t c = a.first_channel; c < a.first_channel + a.channel_count; ++c) {
        std::uint32_t node = t_.channels[c].node;
        if (!owned_by(node, o)) {
          return bad(
              "channel {} animates node {}, which is not among the nodes [{}, {}) of object {}", c,
              node, o.first_node, std::uint64_t{o.first_node} + o.node_count, a.object);
        }
      }
    }
    return true;
  }

  bool channels() {
    at(kSecChannels);
    std::vector<Extent> extents;
    for (std::uint32_t i = 0; i < t_.channels.size(); ++i) {
      record_ = i;
      const ChannelRecord& c = t_.channels[i];
      if (!index("node", c.node, t_.nodes.size(), kSecNodes) ||
          !enum_value("path", raw(c.path), raw(AnimPath::weights)) ||
          !enum_value("interpolation", raw(c.interpolation), raw(Interpolation::cubic_spline))) {
        return false;
      }
      if (c.key_count == 0) return bad("has no keys");
      std::uint32_t components = 0;
      switch (c.path) {
        case AnimPath::translation:
        case AnimPath::scale:
          components = 3;
          break;
        case AnimPath::rotation:
          components = 4;
          break;
        case AnimPath::weights: {
          std::uint32_t mesh = t_.nodes[c.node].mesh;
          if (mesh == kNone)
            return bad("animates the weights of node {}, which has no mesh", c.node);
          components = mesh_targets(mesh);
          if (components == 0) {
            return bad("animates the weights of node {}, whose mesh {} has no morph targets",
                       c.node, mesh);
          }
          break;
        }
      }
      if (c.components != components) {
        return bad("components {} should be {} for this path", c.components, components);
      }
      std::uint64_t per_key = c.interpolation == Interpolation::cubic_spline ? 3 : 1;
      if (!range("times", c.times, c.key_count, t_.floats.size(), kSecFloats, "floats") ||
          !range("values", c.values, std::uint64_t{c.key_count} * components * per_key,
                 t_.floats.size(), kSecFloats, "floats")) {
        return false;
      }
      extents.push_back({c.times, c.key_count, i});
    }
    // Channels may share key times; each distinct (identical or disjoint) range is
    // checked once.
    if (!identical_or_disjoint("times", std::move(extents), kSecFloats)) return false;
    std::vector<bool> checked(t_.floats.size(), false);
    for (std::uint32_t i = 0; i < t_.channels.size(); ++i) {
      record_ = i;
      const ChannelRecord& c = t_.channels[i];
      if (checked[c.times]) continue;
      checked[c.times] = true;
      float previous = -INFINITY;
      for (std::uint32_t k = 0; k < c.key_count; ++k) {
        float time = t_.floats[c.times + k];
        if (!std::isfinite(time)) return bad("key {} time is not a finite number", k);
        if (time < previous) {
          return bad("key {} time {} is before the previous key's {}", k, time, previous);
        }
        previous = time;
      }
    }
    return true;
  }

  // [SECTION] timeline: steps, cues, quizzes

  bool steps() {
    at(kSecSteps);
    for (std::uint32_t i = 0; i < t_.steps.size(); ++i) {
      record_ = i;
      const StepRecord& s = t_.steps[i];
      if (!str("name", s.name) ||
          !range("cues", s.first_cue, s.cue_count, t_.cues.size(), kSecCues)) {
        return false;
      }
    }
    return true;
  }

  static bool needs_target(CueOp op) {
    switch (op) {
      case CueOp::show:
      case CueOp::hide:
      case CueOp::move:
      case CueOp::rotate:
      case CueOp::scale:
      case CueOp::play:
      case CueOp::stop:
      case CueOp::highlight:
      case CueOp::unhighlight:
      case CueOp::label:
      case CueOp::unlabel:
      case CueOp::look_at:
        return true;
      default:
        return false;
    }
  }

  bool cues() {
    at(kSecCues);
    // parent[c]: the together cue whose children include c, or kNone.
    std::vector<std::uint32_t> parent(t_.cues.size(), kNone);
    for (std::uint32_t i = 0; i < t_.cues.size(); ++i) {
      record_ = i;
      const CueRecord& c = t_.cues[i];
      if (!enum_value("op", raw(c.op), raw(CueOp::end_scene)) ||
          !enum_value("easing", raw(c.easing), raw(Easing::in_out)) || !finite("value", c.value)) {
        return false;
      }
      if (!std::isfinite(c.duration) || c.duration < 0) {
        return bad("duration {} is not a finite number of seconds >= 0", c.duration);
      }
      if (needs_target(c.op) ? !index("target", c.target, t_.nodes.size(), kSecNodes)
                             : !optional("target", c.target, t_.nodes.size(), kSecNodes)) {
        return false;
      }
      if (c.op == CueOp::say || c.op == CueOp::label
              ? !index("line", c.line, t_.lines.size(), kSecLines)
              : !optional("line", c.line, t_.lines.size(), kSecLines)) {
        return false;
      }
      switch (c.op) {
        case CueOp::stop:  // ref: one animation to finish, or kNone for all of them
          if (c.ref == kNone) break;
          [[fallthrough]];
        case CueOp::play: {
          if (!index("ref", c.ref, t_.animations.size(), kSecAnimations)) return false;
          std::uint32_t object = t_.nodes[c.target].object;
          std::uint32_t clip_object = t_.animations[c.ref].object;
          if (object != clip_object) {
            return bad("{} animation {} of object {} on node {} of object {}",
                       c.op == CueOp::play ? "plays" : "stops", c.ref, clip_object, c.target,
                       object);
          }
          break;
        }
        case CueOp::together:
          if (!range("children", c.ref, c.count, t_.cues.size(), kSecCues)) return false;
          for (std::uint32_t k = c.ref; k < c.ref + c.count; ++k) {
            if (parent[k] != kNone) {
              return bad("children [{}, {}) include cue {}, already a child of cue {}", c.ref,
                         std::uint64_t{c.ref} + c.count, k, parent[k]);
            }
            parent[k] = i;
          }
          break;
        case CueOp::quiz:
          if (!index("ref", c.ref, t_.quizzes.size(), kSecQuizzes)) return false;
          break;
        case CueOp::go_to:
          if (!index("ref", c.ref, t_.steps.size(), kSecSteps)) return false;
          break;
        default:
          break;
      }
    }
    // Each cue has at most one parent, so a cycle shows up as a parent chain that comes
    // back to where it started. state: 0 unvisited, 1 on the current walk, 2 done.
    std::vector<std::uint8_t> state(t_.cues.size(), 0);
    std::vector<std::uint32_t> walk;
    for (std::uint32_t start = 0; start < t_.cues.size(); ++start) {
      walk.clear();
      std::uint32_t c = start;
      while (c != kNone && state[c] == 0) {
        state[c] = 1;
        walk.push_back(c);
        c = parent[c];
      }
      if (c != kNone && state[c] == 1) {
        record_ = c;
        return bad("is nested inside itself through together children (a cycle)");
      }
      for (std::uint32_t w : walk) state[w] = 2;
    }
    return true;
  }

  bool quizzes() {
    at(kSecQuizzes);
    for (std::uint32_t i = 0; i < t_.quizzes.size(); ++i) {
      record_ = i;
      const QuizRecord& q = t_.quizzes[i];
      if (!str("name", q.name) || !enum_value("kind", raw(q.kind), raw(QuizKind::explore)) ||
          !index("question_line", q.question_line, t_.lines.size(), kSecLines) ||
          !range("options", q.first_option, q.option_count, t_.options.size(), kSecOptions) ||
          !optional("topic_step", q.topic_step, t_.steps.size(), kSecSteps) ||
          !optional("wrong_step", q.wrong_step, t_.steps.size(), kSecSteps)) {
        return false;
      }
      if (q.option_count == 0) return bad("has no options");
      if (q.kind != QuizKind::explore) continue;
      if (!index("schedule", q.schedule, t_.objects.size(), kSecObjects)) return false;
      if (t_.objects[q.schedule].kind != ObjectKind::schedule)
        return bad("explores object {}, which is not a schedule", q.schedule);
      std::uint32_t visits = 0;
      for (const VisitRecord& v : t_.visits) visits += v.object == q.schedule ? 1u : 0u;
      if (visits != q.option_count)
        return bad("has {} options but its schedule {} has {} visits", q.option_count, q.schedule,
                   visits);
    }
    return true;
  }

  // [SECTION] text (format 1.1; all four sections absent in a 1.0 bundle)

  bool fonts() {
    at(kSecFonts);
    if (t_.fonts.empty()) return true;
    if (t_.fonts.size() != t_.languages.size()) {
      return bad("holds {} atlases; expected one per language ({})", t_.fonts.size(),
                 t_.languages.size());
    }
    std::uint32_t next = 0;
    for (std::uint32_t i = 0; i < t_.fonts.size(); ++i) {
      record_ = i;
      const FontAtlasRecord& f = t_.fonts[i];
      if (!str("family", f.family) ||
          !index("texture", f.texture, t_.textures.size(), kSecTextures) ||
          !range("glyphs", f.first_glyph, f.glyph_count, t_.glyphs.size(), kSecGlyphs)) {
        return false;
      }
      if (t_.textures[f.texture].format != TextureFormat::r8_unorm)
        return bad("texture {} is not an r8_unorm distance field", f.texture);
      if (f.first_glyph != next) return bad("glyphs do not follow the previous language's");
      next = f.first_glyph + f.glyph_count;
      if (!finite("pixels_per_em", std::span(&f.pixels_per_em, 2)) || f.pixels_per_em <= 0.0f)
        return bad("pixels_per_em {} is not positive", f.pixels_per_em);
    }
    return true;
  }

  bool glyphs() {
    at(kSecGlyphs);
    for (std::uint32_t i = 0; i < t_.glyphs.size(); ++i) {
      record_ = i;
      const GlyphRecord& g = t_.glyphs[i];
      if (!finite("uv", g.uv) || !finite("plane", g.plane)) return false;
      for (float v : g.uv)
        if (v < 0.0f || v > 1.0f) return bad("uv {} lies outside the atlas", v);
    }
    return true;
  }

  bool text_layouts() {
    at(kSecTextLayouts);
    if (t_.text_layouts.empty() && t_.placed_glyphs.empty()) return true;
    std::uint64_t expected = std::uint64_t{t_.lines.size()} * t_.languages.size();
    if (t_.text_layouts.size() != expected) {
      return bad("holds {} layouts; expected {} ({} lines x {} languages)", t_.text_layouts.size(),
                 expected, t_.lines.size(), t_.languages.size());
    }
    if (t_.fonts.empty()) return bad("text layouts need the FONT section");
    for (std::uint32_t i = 0; i < t_.text_layouts.size(); ++i) {
      record_ = i;
      const TextLayoutRecord& l = t_.text_layouts[i];
      if (!range("glyphs", l.first_glyph, l.glyph_count, t_.placed_glyphs.size(),
                 kSecPlacedGlyphs) ||
          !enum_value("align", raw(l.align), raw(TextAlign::center)) ||
          !finite("size", std::span(&l.em_size, 3))) {
        return false;
      }
      if (l.em_size <= 0.0f) return bad("em_size {} is not positive", l.em_size);
      const FontAtlasRecord& font = t_.fonts[i % t_.languages.size()];
      for (std::uint32_t k = 0; k < l.glyph_count; ++k) {
        const PlacedGlyphRecord& g = t_.placed_glyphs[l.first_glyph + k];
        if (g.glyph < font.first_glyph || g.glyph - font.first_glyph >= font.glyph_count) {
          return bad("glyph {} lies outside its language's atlas glyphs [{}, {})", g.glyph,
                     font.first_glyph, font.first_glyph + font.glyph_count);
        }
        if (!finite("glyph position", std::span(&g.x, 2))) return false;
      }
    }
    return true;
  }

  // [SECTION] narration (format 1.3; all three sections absent before)

  bool narration() {
    at(kSecNarration);
    if (t_.narration.empty()) {
      if (!t_.audio_packets.empty()) return bad("is missing but APKT holds packets");
      return true;
    }
    const std::uint64_t expected = std::uint64_t{t_.lines.size()} * t_.languages.size();
    if (t_.narration.size() != expected) {
      return bad("holds {} records; expected {} ({} lines x {} languages)", t_.narration.size(),
                 expected, t_.lines.size(), t_.languages.size());
    }
    for (std::uint32_t i = 0; i < t_.narration.size(); ++i) {
      record_ = i;
      const NarrationRecord& n = t_.narration[i];
      if (!range("packets", n.first_packet, n.packet_count, t_.audio_packets.size(),
                 kSecAudioPackets) ||
          !str("source", n.source)) {
        return false;
      }
      if ((n.flags & ~kNarrationSynthesised) != 0) return bad("flags {:#x} are unknown", n.flags);
      const std::uint64_t decoded = std::uint64_t{n.packet_count} * kOpusFrameSamples;
      if (n.packet_count > 0 && (n.samples == 0 || n.pre_skip + std::uint64_t{n.samples} > decoded))
        return bad("{} samples after a pre-skip of {} do not fit in {} packets", n.samples,
                   n.pre_skip, n.packet_count);
      if (n.packet_count == 0 && n.samples != 0) return bad("has samples but no packets");
    }
    return true;
  }

  bool audio_packets() {
    at(kSecAudioPackets);
    for (std::uint32_t i = 0; i < t_.audio_packets.size(); ++i) {
      record_ = i;
      const AudioPacketRecord& p = t_.audio_packets[i];
      if (p.size == 0 || p.size > 1275)
        return bad("size {} is not an Opus packet's (1..1275)", p.size);
      if (std::uint64_t{p.offset} + p.size > t_.opus.size()) {
        return bad("bytes [{}, {}) lie outside OPUS ({} bytes)", p.offset,
                   std::uint64_t{p.offset} + p.size, t_.opus.size());
      }
    }
    return true;
  }

  // [SECTION] visit schedules (format 1.4; both sections absent before)

  bool visits() {
    at(kSecVisits);
    std::vector<std::uint8_t> done(t_.objects.size(), 0);  // schedules whose visits have ended
    for (std::uint32_t i = 0; i < t_.visits.size(); ++i) {
      record_ = i;
      const VisitRecord& v = t_.visits[i];
      if (!str("name", v.name) || !index("object", v.object, t_.objects.size(), kSecObjects) ||
          !index("node", v.node, t_.nodes.size(), kSecNodes) ||
          !index("name_line", v.name_line, t_.lines.size(), kSecLines) ||
          !index("details_line", v.details_line, t_.lines.size(), kSecLines) ||
          !range("procedures", v.first_procedure, v.procedure_count, t_.visit_procedures.size(),
                 kSecVisitProcedures)) {
        return false;
      }
      const ObjectRecord& o = t_.objects[v.object];
      if (o.kind != ObjectKind::schedule) return bad("object {} is not a schedule", v.object);
      if (!owned_by(v.node, o))
        return bad("node {} is not among the nodes of its schedule {}", v.node, v.object);
      if (done[v.object] != 0) return bad("the visits of schedule {} are not contiguous", v.object);
      if (i + 1 == t_.visits.size() || t_.visits[i + 1].object != v.object) done[v.object] = 1;
    }
    at(kSecVisitProcedures);
    for (std::uint32_t i = 0; i < t_.visit_procedures.size(); ++i) {
      record_ = i;
      if (!index("line", t_.visit_procedures[i], t_.lines.size(), kSecLines)) return false;
    }
    return true;
  }

  bool presentation() {
    at(kSecPresentation);
    if (t_.presentation.size() > 1)
      return bad("holds {} records; at most one", t_.presentation.size());
    for (const PresentationRecord& p : t_.presentation) {
      record_ = 0;
      if (!enum_value("display", raw(p.display), raw(DisplayPreference::ar)) ||
          !enum_value("space", raw(p.space), raw(SpacePreference::standing))) {
        return false;
      }
    }
    return true;
  }

  bool options() {
    at(kSecOptions);
    for (std::uint32_t i = 0; i < t_.options.size(); ++i) {
      record_ = i;
      const OptionRecord& o = t_.options[i];
      if (!str("name", o.name) || !index("text_line", o.text_line, t_.lines.size(), kSecLines) ||
          !optional("feedback_line", o.feedback_line, t_.lines.size(), kSecLines) ||
          !optional("go_to_step", o.go_to_step, t_.steps.size(), kSecSteps)) {
        return false;
      }
    }
    return true;
  }
};

}  // namespace

Status validate_tables(const Tables& tables) {
  return Validator(tables).run();
}

}  // namespace trialxr::bundle::detail
