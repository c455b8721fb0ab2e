#include "trialxr/compiler/bundle_writer.h"

#include <sodium.h>
#include <zstd.h>

#include <cstring>
#include <memory>
#include <optional>

#include "trialxr/bundle/bundle.h"
#include "trialxr/bundle/signature.h"
#include "trialxr/compiler/signing_key.h"
#include "trialxr/core/check.h"
#include "trialxr/core/file_io.h"
#include "trialxr/core/hash.h"

namespace trialxr::compiler {

namespace {

// One section as the content holds it, before encoding.
struct Source {
  std::uint32_t type;
  std::span<const std::byte> raw;
  bool may_compress;  // TEXB, F32S, STRS
  bool required;      // written even when empty: META, STRS, LANG
};

struct Encoded {
  std::uint32_t type;
  bundle::Codec codec;
  std::vector<std::byte> compressed;  // when codec is zstd
  std::span<const std::byte> stored;
  std::uint64_t raw_size;
  std::uint64_t offset = 0;
};

template <class T>
std::span<const std::byte> bytes_of(const std::vector<T>& items) {
  return std::as_bytes(std::span<const T>(items));
}

// zstd at a fixed level, one thread, no checksum (sections have BLAKE2b hashes), the
// content size in the frame. Kept only when it saves at least 1/8 of the bytes.
std::optional<std::vector<std::byte>> compress(std::span<const std::byte> raw) {
  if (raw.empty()) return std::nullopt;
  std::unique_ptr<ZSTD_CCtx, decltype(&ZSTD_freeCCtx)> ctx(ZSTD_createCCtx(), ZSTD_freeCCtx);
  TRIALXR_CHECK(ctx != nullptr);
  auto set = [&](ZSTD_cParameter param, int value) {
    TRIALXR_CHECK(ZSTD_isError(ZSTD_CCtx_setParameter(ctx.get(), param, value)) == 0);
  };
  set(ZSTD_c_compressionLevel, kBundleZstdLevel);
  set(ZSTD_c_nbWorkers, 0);
  set(ZSTD_c_checksumFlag, 0);
  set(ZSTD_c_contentSizeFlag, 1);
  std::vector<std::byte> out(ZSTD_compressBound(raw.size()));
  std::size_t size = ZSTD_compress2(ctx.get(), out.data(), out.size(), raw.data(), raw.size());
  TRIALXR_CHECK(ZSTD_isError(size) == 0);
  if (size * 8 > raw.size() * 7) return std::nullopt;
  out.resize(size);
  return out;
}

std::uint64_t align_up(std::uint64_t value, std::uint64_t alignment) {
  return (value + alignment - 1) / alignment * alignment;
}

}  // namespace

Result<std::vector<std::byte>> write_bundle(const BundleContent& content, const SigningKey* key,
                                            const std::string& name) {
  ensure_crypto_ready();

  // The key id goes into META before anything is hashed; the pool is copied so the
  // caller's content stays as it was.
  StringPool strings = content.strings;
  bundle::MetaRecord meta = content.meta;
  meta.signer_key_id = strings.intern(key != nullptr ? key->id() : std::string());
  const std::string& pool = strings.bytes();

  // Presentation preferences are written only when they differ from what a reader
  // assumes without them (vr, seated), so scenes that say nothing stay 1.1-shaped.
  const bool default_presentation = content.presentation.display == bundle::DisplayPreference::vr &&
                                    content.presentation.space == bundle::SpacePreference::seated;
  const std::span<const std::byte> presentation =
      default_presentation ? std::span<const std::byte>()
                           : std::as_bytes(std::span(&content.presentation, 1));

  // The fixed section order (format.h's order; the GPU blobs last, so the 4 KiB padding
  // only comes before them).
  const Source sources[] = {
      {bundle::kSecMeta, std::as_bytes(std::span(&meta, 1)), false, true},
      {bundle::kSecStrings, std::as_bytes(std::span(pool.data(), pool.size())), true, true},
      {bundle::kSecLanguages, bytes_of(content.languages), false, true},
      {bundle::kSecLines, bytes_of(content.lines), false, false},
      {bundle::kSecLineText, bytes_of(content.line_text), false, false},
      {bundle::kSecObjects, bytes_of(content.objects), false, false},
      {bundle::kSecNodes, bytes_of(content.nodes), false, false},
      {bundle::kSecMeshes, bytes_of(content.meshes), false, false},
      {bundle::kSecPrimitives, bytes_of(content.primitives), false, false},
      {bundle::kSecMorphTargets, bytes_of(content.morph_targets), false, false},
      {bundle::kSecMaterials, bytes_of(content.materials), false, false},
      {bundle::kSecTextures, bytes_of(content.textures), false, false},
      {bundle::kSecSkins, bytes_of(content.skins), false, false},
      {bundle::kSecJoints, bytes_of(content.joints), false, false},
      {bundle::kSecAnimations, bytes_of(content.animations), false, false},
      {bundle::kSecChannels, bytes_of(content.channels), false, false},
      {bundle::kSecFloats, bytes_of(content.floats), true, false},
      {bundle::kSecSteps, bytes_of(content.steps), false, false},
      {bundle::kSecCues, bytes_of(content.cues), false, false},
      {bundle::kSecQuizzes, bytes_of(content.quizzes), false, false},
      {bundle::kSecOptions, bytes_of(content.options), false, false},
      {bundle::kSecFonts, bytes_of(content.fonts), false, false},
      {bundle::kSecGlyphs, bytes_of(content.glyphs), true, false},
      {bundle::kSecTextLayouts, bytes_of(content.text_layouts), false, false},
      {bundle::kSecPlacedGlyphs, bytes_of(content.placed_glyphs), true, false},
      {bundle::kSecPresentation, presentation, false, false},
      {bundle::kSecNarration, bytes_of(content.narration), true, false},
      {bundle::kSecAudioPackets, bytes_of(content.audio_packets), true, false},
      {bundle::kSecOpus, std::span<const std::byte>(content.opus), false, false},
      {bundle::kSecVisits, bytes_of(content.visits), false, false},
      {bundle::kSecVisitProcedures, bytes_of(content.visit_procedures), false, false},
      {bundle::kSecGeometry, bytes_of(content.geometry.bytes()), false, false},
      {bundle::kSecTexels, bytes_of(content.texels.bytes()), true, false},
  };

  std::vector<Encoded> sections;
  for (const Source& s : sources) {
    if (s.raw.empty() && !s.required) continue;  // an absent table reads as empty
    Encoded e{s.type, bundle::Codec::none, {}, s.raw, s.raw.size()};
    if (s.may_compress) {
      if (auto packed = compress(s.raw)) {
        e.codec = bundle::Codec::zstd;
        e.compressed = std::move(*packed);
        e.stored = e.compressed;
      }
    }
    sections.push_back(std::move(e));
  }

  // Layout: header, table, then each payload at its alignment; padding stays zero.
  const std::uint64_t table_offset = bundle::kHeaderSize;
  const std::uint64_t table_size = sections.size() * sizeof(bundle::SectionEntry);
  std::uint64_t end = table_offset + table_size;
  for (Encoded& e : sections) {
    bool gpu = e.type == bundle::kSecGeometry || e.type == bundle::kSecTexels;
    e.offset = align_up(end, gpu ? bundle::kGpuBlobAlignment : bundle::kPayloadAlignment);
    end = e.offset + e.stored.size();
  }
  std::vector<std::byte> out(end, std::byte{0});

  std::vector<bundle::SectionEntry> table;
  Hash256 meta_hash{};
  for (const Encoded& e : sections) {
    if (!e.stored.empty()) std::memcpy(out.data() + e.offset, e.stored.data(), e.stored.size());
    bundle::SectionEntry entry{};
    entry.type = e.type;
    entry.codec = e.codec;
    entry.offset = e.offset;
    entry.stored_size = e.stored.size();
    entry.raw_size = e.raw_size;
    entry.hash = blake2b_256(e.stored);
    if (e.type == bundle::kSecMeta) meta_hash = entry.hash;
    table.push_back(entry);
  }
  std::span<const std::byte> table_bytes = std::as_bytes(std::span(table));
  std::memcpy(out.data() + table_offset, table_bytes.data(), table_bytes.size());

  bundle::FileHeader header{};
  header.magic = bundle::kMagic;
  header.format_major = bundle::kFormatMajor;
  header.format_minor = bundle::kFormatMinor;
  header.flags = key != nullptr ? bundle::kFlagSigned : 0u;
  header.header_size = bundle::kHeaderSize;
  header.section_count = static_cast<std::uint32_t>(sections.size());
  header.table_offset = table_offset;
  header.file_size = end;
  header.table_hash = blake2b_256(table_bytes);
  if (key != nullptr) header.signer_key = key->public_key;
  std::memcpy(out.data(), &header, sizeof header);
  if (key != nullptr) {
    std::vector<std::byte> message = bundle::signed_message(
        std::span<const std::byte>(out).first(bundle::kHeaderSize), header.table_hash, meta_hash);
    TRIALXR_CHECK(crypto_sign_detached(header.signature.data(), nullptr,
                                       reinterpret_cast<const unsigned char*>(message.data()),
                                       message.size(), key->secret_key.data()) == 0);
    std::memcpy(out.data() + bundle::kSignatureOffset, header.signature.data(),
                header.signature.size());
  }

  // The player's own checks, on our own output.
  bundle::OpenOptions options;
  options.max_decoded_bytes = UINT64_MAX;
  if (key != nullptr) {
    options.policy = bundle::TrustPolicy::require_trusted;
    options.trusted_keys = {key->public_key};
  } else {
    options.policy = bundle::TrustPolicy::allow_unsigned;
  }
  if (auto check = bundle::Bundle::open_bytes(out, options, name); !check) {
    return fail("internal error: the compiled bundle does not pass validation: " +
                check.error().message);
  }
  return out;
}

Status write_bundle_file(const std::string& path, const BundleContent& content,
                         const SigningKey* key) {
  auto bytes = write_bundle(content, key, path);
  if (!bytes) return tl::unexpected(std::move(bytes.error()));
  return write_file_atomic(path, *bytes, 0644);
}

}  // namespace trialxr::compiler
