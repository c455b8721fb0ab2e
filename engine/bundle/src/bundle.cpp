#include "trialxr/bundle/bundle.h"

#include <mutex>

#include <fmt/format.h>
#include <zstd.h>

#include <algorithm>
#include <cstring>
#include <new>
#include <utility>

#include "tables.h"
#include "trialxr/core/check.h"
#include "trialxr/core/mapped_file.h"

namespace trialxr::bundle {

namespace {

// Every section type this reader knows, in the order the writer lays them out.
constexpr std::array<std::uint32_t, 33> kKnownSections = {
    kSecMeta,
    kSecStrings,
    kSecLanguages,
    kSecLines,
    kSecLineText,
    kSecObjects,
    kSecNodes,
    kSecMeshes,
    kSecPrimitives,
    kSecMorphTargets,
    kSecMaterials,
    kSecTextures,
    kSecSkins,
    kSecJoints,
    kSecAnimations,
    kSecChannels,
    kSecFloats,
    kSecSteps,
    kSecCues,
    kSecQuizzes,
    kSecOptions,
    kSecFonts,
    kSecGlyphs,
    kSecTextLayouts,
    kSecPlacedGlyphs,
    kSecPresentation,
    kSecNarration,
    kSecAudioPackets,
    kSecOpus,
    kSecVisits,
    kSecVisitProcedures,
    kSecGeometry,
    kSecTexels,
};

// Bytes 0..11 (magic, major, minor) keep their place in every format version.
constexpr std::size_t kFixedPrefix = 12;
// A generous cap: a header is 168 bytes today, minor versions may only grow it a little.
constexpr std::uint32_t kMaxHeaderSize = 64 * 1024;

int known_index(std::uint32_t type) {
  for (std::size_t i = 0; i < kKnownSections.size(); ++i) {
    if (kKnownSections[i] == type) return static_cast<int>(i);
  }
  return -1;
}

struct AlignedDelete {
  void operator()(std::byte* p) const {
    ::operator delete (p, std::align_val_t{kGpuBlobAlignment});
  }
};
using AlignedBytes = std::unique_ptr<std::byte[], AlignedDelete>;

AlignedBytes allocate_aligned(std::size_t size) {
  void* p = ::operator new (std::max<std::size_t>(size, 1), std::align_val_t{kGpuBlobAlignment});
  return AlignedBytes(static_cast<std::byte*>(p));
}

bool all_zero(std::span<const std::byte> bytes) {
  return std::all_of(bytes.begin(), bytes.end(), [](std::byte b) { return b == std::byte{0}; });
}

template <std::size_t N>
bool all_zero(const std::array<std::uint8_t, N>& bytes) {
  return all_zero(std::as_bytes(std::span(bytes)));
}

}  // namespace

std::string fourcc_name(std::uint32_t type) {
  std::string out(4, ' ');
  for (int i = 0; i < 4; ++i) {
    auto c = static_cast<unsigned char>((type >> (8 * i)) & 0xFFu);
    if (c < 0x20 || c > 0x7E) return fmt::format("0x{:08x}", type);
    out[static_cast<std::size_t>(i)] = static_cast<char>(c);
  }
  return out;
}

bool is_known_section(std::uint32_t type) {
  return known_index(type) >= 0;
}

std::string_view signature_status_name(SignatureStatus status) {
  switch (status) {
    case SignatureStatus::unsigned_bundle:
      return "unsigned";
    case SignatureStatus::trusted:
      return "trusted";
    case SignatureStatus::untrusted:
      return "untrusted";
  }
  return "?";
}

struct Bundle::Impl {
  std::string name;
  MappedFile mapped;
  AlignedBytes copy;
  std::span<const std::byte> file;
  std::vector<AlignedBytes> decoded;

  FileHeader header{};
  // The whole-file hash is for records and reviewers, not for validation (the section
  // and table hashes are), so it is computed on first use rather than at every open.
  mutable std::once_flag file_hash_once;
  mutable Hash256 file_hash{};
  SignatureStatus status = SignatureStatus::unsigned_bundle;
  PublicKey signer{};
  std::string key_id;
  std::vector<SectionInfo> sections;
  detail::Tables t;

  Status load(const OpenOptions& options);

 private:
  template <class... Args>
  tl::unexpected<Error> error(fmt::format_string<Args...> format, Args&&... args) const {
    return fail(name + ": " + fmt::format(format, std::forward<Args>(args)...));
  }
  Status check_header();
  Status check_signature(const std::vector<SectionEntry>& entries, const OpenOptions& options);
  Status check_layout(const std::vector<SectionEntry>& entries, std::uint64_t table_end);
  Status decode(const SectionEntry& e, std::uint64_t& budget, std::span<const std::byte>& raw);
  template <class T>
  Status view(std::uint32_t type, std::span<const std::byte> raw, std::span<const T>& out) const;
};

Status Bundle::Impl::check_header() {
  const std::uint64_t n = file.size();
  if (n < kFixedPrefix) {
    return error("file is too small to be a TrialXR bundle ({} bytes)", n);
  }
  if (std::memcmp(file.data(), kMagic.data(), kMagic.size()) != 0) {
    return error("not a TrialXR bundle (the file does not start with the .trxb magic)");
  }
  std::uint16_t major = 0;
  std::uint16_t minor = 0;
  std::memcpy(&major, file.data() + offsetof(FileHeader, format_major), sizeof major);
  std::memcpy(&minor, file.data() + offsetof(FileHeader, format_minor), sizeof minor);
  if (major != kFormatMajor) {
    return error("header: format version {}.{} is not supported; this reader reads version {}.x",
                 major, minor, kFormatMajor);
  }
  if (n < kHeaderSize) {
    return error("file is truncated: {} bytes, less than the {}-byte header", n, kHeaderSize);
  }
  std::memcpy(&header, file.data(), sizeof header);
  if (header.file_size > n) {
    return error("file is truncated: the header says {} bytes but there are only {}",
                 header.file_size, n);
  }
  if (header.file_size < n) {
    return error("file has {} unexpected bytes after the {} bytes the header declares",
                 n - header.file_size, header.file_size);
  }
  if (header.header_size < kHeaderSize || header.header_size % 8 != 0 ||
      header.header_size > kMaxHeaderSize || header.header_size > n) {
    return error("header: header size {} is invalid (it must be a multiple of 8, at least {})",
                 header.header_size, kHeaderSize);
  }
  return {};
}

Status Bundle::Impl::check_signature(const std::vector<SectionEntry>& entries,
                                     const OpenOptions& options) {
  if ((header.flags & kFlagSigned) == 0) {
    if (!all_zero(header.signer_key) || !all_zero(header.signature)) {
      return error("header: the bundle is marked unsigned but carries a signer key or signature");
    }
    if (options.policy == TrustPolicy::require_trusted) {
      return error(
          "signature: the bundle is unsigned; only bundles signed by a trusted key are accepted");
    }
    status = SignatureStatus::unsigned_bundle;
    return {};
  }
  auto meta = std::find_if(entries.begin(), entries.end(),
                           [](const SectionEntry& e) { return e.type == kSecMeta; });
  if (meta == entries.end()) {
    return error("section META: missing (every bundle needs META, STRS and LANG)");
  }
  std::vector<std::byte> message =
      signed_message(file.first(header.header_size), header.table_hash, meta->hash);
  if (!verify_signature(message, header.signature, header.signer_key)) {
    return error(
        "signature: does not verify; the bundle was changed after signing or the signature is "
        "not genuine");
  }
  signer = header.signer_key;
  key_id = bundle::key_id(signer);
  bool trusted = std::find(options.trusted_keys.begin(), options.trusted_keys.end(), signer) !=
                 options.trusted_keys.end();
  if (!trusted && options.policy == TrustPolicy::require_trusted) {
    return error("signature: signed by key {}, which is not one of the trusted keys", key_id);
  }
  status = trusted ? SignatureStatus::trusted : SignatureStatus::untrusted;
  return {};
}

Status Bundle::Impl::check_layout(const std::vector<SectionEntry>& entries,
                                  std::uint64_t table_end) {
  const std::uint64_t n = file.size();
  struct Region {
    std::uint64_t begin;
    std::uint64_t end;
    std::uint32_t type;
  };
  std::vector<Region> regions;
  std::array<bool, kKnownSections.size()> seen{};
  for (const SectionEntry& e : entries) {
    std::string cc = fourcc_name(e.type);
    std::uint64_t align =
        e.type == kSecGeometry || e.type == kSecTexels ? kGpuBlobAlignment : kPayloadAlignment;
    if (e.offset % align != 0) {
      return error("section {}: offset {} is not a multiple of {}", cc, e.offset, align);
    }
    if (e.offset > n) {
      return error("section {}: offset {} is past the end of the file ({} bytes)", cc, e.offset, n);
    }
    if (e.stored_size > n - e.offset) {
      return error("section {}: {} bytes at offset {} run past the end of the file ({} bytes)", cc,
                   e.stored_size, e.offset, n);
    }
    if (e.stored_size > 0 && e.offset < table_end) {
      return error(
          "section {}: offset {} overlaps the header or the section table (they end at {})", cc,
          e.offset, table_end);
    }
    if (int k = known_index(e.type); k >= 0) {
      if (seen[static_cast<std::size_t>(k)]) {
        return error("section {}: appears more than once in the section table", cc);
      }
      seen[static_cast<std::size_t>(k)] = true;
    }
    if (e.stored_size > 0) regions.push_back({e.offset, e.offset + e.stored_size, e.type});
  }
  std::sort(regions.begin(), regions.end(),
            [](const Region& a, const Region& b) { return a.begin < b.begin; });
  for (std::size_t i = 1; i < regions.size(); ++i) {
    if (regions[i].begin < regions[i - 1].end) {
      return error("section {}: bytes [{}, {}) overlap section {}", fourcc_name(regions[i].type),
                   regions[i].begin, regions[i].end, fourcc_name(regions[i - 1].type));
    }
  }
  // Every byte outside the header, the table and the sections is padding and must be 0.
  std::uint64_t pos = header.header_size;
  auto check_gap = [&](std::uint64_t end) -> Status {
    if (end > pos) {
      auto gap = file.subspan(pos, end - pos);
      auto it = std::find_if(gap.begin(), gap.end(), [](std::byte b) { return b != std::byte{0}; });
      if (it != gap.end()) {
        return error(
            "non-zero byte at offset {} outside the header, the table and every section "
            "(padding must be zero)",
            pos + static_cast<std::uint64_t>(it - gap.begin()));
      }
    }
    pos = std::max(pos, end);
    return {};
  };
  if (auto s = check_gap(header.table_offset); !s) return s;
  pos = std::max(pos, table_end);
  for (const Region& r : regions) {
    if (auto s = check_gap(r.begin); !s) return s;
    pos = std::max(pos, r.end);
  }
  return check_gap(n);
}

Status Bundle::Impl::decode(const SectionEntry& e, std::uint64_t& budget,
                            std::span<const std::byte>& raw) {
  std::span<const std::byte> stored = file.subspan(e.offset, e.stored_size);
  std::string cc = fourcc_name(e.type);
  switch (e.codec) {
    case Codec::none:
      if (e.raw_size != e.stored_size) {
        return error(
            "section {}: raw size {} differs from the stored size {} of an uncompressed "
            "section",
            cc, e.raw_size, e.stored_size);
      }
      raw = stored;
      return {};
    case Codec::zstd: {
      if (e.raw_size > budget) {
        return error("section {}: decodes to {} bytes, more than the {} bytes allowed", cc,
                     e.raw_size, budget);
      }
      budget -= e.raw_size;
      auto size = static_cast<std::size_t>(e.raw_size);
      AlignedBytes buffer = allocate_aligned(size);
      std::size_t got = ZSTD_decompress(buffer.get(), size, stored.data(), stored.size());
      if (ZSTD_isError(got) != 0) {
        return error("section {}: zstd data does not decode to the declared {} bytes: {}", cc,
                     e.raw_size, ZSTD_getErrorName(got));
      }
      if (got != size) {
        return error("section {}: zstd data decodes to {} bytes, not the declared {}", cc, got,
                     e.raw_size);
      }
      raw = std::span<const std::byte>(buffer.get(), size);
      decoded.push_back(std::move(buffer));
      return {};
    }
  }
  return error("section {}: unknown codec {}", cc, static_cast<std::uint32_t>(e.codec));
}

template <class T>
Status Bundle::Impl::view(std::uint32_t type, std::span<const std::byte> raw,
                          std::span<const T>& out) const {
  if (raw.size() % sizeof(T) != 0) {
    return error("section {}: size {} is not a multiple of its {}-byte records", fourcc_name(type),
                 raw.size(), sizeof(T));
  }
  if (raw.size() / sizeof(T) >= kNone) {
    return error("section {}: holds more than {} records", fourcc_name(type), kNone - 1);
  }
  // Payload offsets are multiples of 16 in a 4 KiB-aligned buffer (a mapping or our own
  // allocation), so this holds for every file that got this far; checked all the same.
  if (reinterpret_cast<std::uintptr_t>(raw.data()) % alignof(T) != 0) {
    return error("section {}: data is not aligned for its records", fourcc_name(type));
  }
  out = std::span<const T>(static_cast<const T*>(static_cast<const void*>(raw.data())),
                           raw.size() / sizeof(T));
  return {};
}

Status Bundle::Impl::load(const OpenOptions& options) {
  if (auto s = check_header(); !s) return s;
  const std::uint64_t n = file.size();

  // The section table.
  if (header.table_offset % 8 != 0 || header.table_offset < header.header_size) {
    return error(
        "section table: offset {} is invalid (it must be a multiple of 8, after the "
        "{}-byte header)",
        header.table_offset, header.header_size);
  }
  if (header.table_offset > n ||
      header.section_count > (n - header.table_offset) / sizeof(SectionEntry)) {
    return error("section table: {} entries at offset {} run past the end of the file ({} bytes)",
                 header.section_count, header.table_offset, n);
  }
  const std::uint64_t table_end =
      header.table_offset + std::uint64_t{header.section_count} * sizeof(SectionEntry);
  std::span<const std::byte> table =
      file.subspan(header.table_offset, table_end - header.table_offset);
  if (blake2b_256(table) != header.table_hash) {
    return error("section table: hash mismatch; the table is damaged");
  }
  std::vector<SectionEntry> entries(header.section_count);
  if (!table.empty()) std::memcpy(entries.data(), table.data(), table.size());

  // Signature and trust before anything else is read, so a refused bundle's payloads
  // are never processed.
  if (auto s = check_signature(entries, options); !s) return s;
  if (auto s = check_layout(entries, table_end); !s) return s;

  for (const SectionEntry& e : entries) {
    if (blake2b_256(file.subspan(e.offset, e.stored_size)) != e.hash) {
      return error("section {}: hash mismatch; the stored bytes are damaged", fourcc_name(e.type));
    }
    sections.push_back(SectionInfo{e.type, e.codec, e.offset, e.stored_size, e.raw_size, e.hash,
                                   is_known_section(e.type)});
  }
  for (std::uint32_t required : {kSecMeta, kSecStrings, kSecLanguages}) {
    if (std::none_of(entries.begin(), entries.end(),
                     [&](const SectionEntry& e) { return e.type == required; })) {
      return error("section {}: missing (every bundle needs META, STRS and LANG)",
                   fourcc_name(required));
    }
  }

  // Decode and type every known section; unknown ones are skipped.
  std::uint64_t budget = options.max_decoded_bytes;
  t.file = name;
  t.is_signed = status != SignatureStatus::unsigned_bundle;
  t.signer_key_id = key_id;
  for (const SectionEntry& e : entries) {
    if (!is_known_section(e.type)) continue;
    std::span<const std::byte> raw;
    if (auto s = decode(e, budget, raw); !s) return s;
    Status s;
    switch (e.type) {
      case kSecMeta:
        if (raw.size() != sizeof(MetaRecord)) {
          return error("section META: size {}; it must hold exactly one {}-byte record", raw.size(),
                       sizeof(MetaRecord));
        }
        {
          std::span<const MetaRecord> meta;
          s = view(e.type, raw, meta);
          if (s) t.meta = meta.data();
        }
        break;
      case kSecStrings:
        if (raw.size() >= kNone) return error("section STRS: larger than 4 GiB");
        t.strings = raw;
        break;
      case kSecLanguages:
        s = view(e.type, raw, t.languages);
        break;
      case kSecLines:
        s = view(e.type, raw, t.lines);
        break;
      case kSecLineText:
        s = view(e.type, raw, t.line_text);
        break;
      case kSecObjects:
        s = view(e.type, raw, t.objects);
        break;
      case kSecNodes:
        s = view(e.type, raw, t.nodes);
        break;
      case kSecMeshes:
        s = view(e.type, raw, t.meshes);
        break;
      case kSecPrimitives:
        s = view(e.type, raw, t.primitives);
        break;
      case kSecMorphTargets:
        s = view(e.type, raw, t.morph_targets);
        break;
      case kSecMaterials:
        s = view(e.type, raw, t.materials);
        break;
      case kSecTextures:
        s = view(e.type, raw, t.textures);
        break;
      case kSecSkins:
        s = view(e.type, raw, t.skins);
        break;
      case kSecJoints:
        s = view(e.type, raw, t.joints);
        break;
      case kSecAnimations:
        s = view(e.type, raw, t.animations);
        break;
      case kSecChannels:
        s = view(e.type, raw, t.channels);
        break;
      case kSecFloats:
        s = view(e.type, raw, t.floats);
        break;
      case kSecSteps:
        s = view(e.type, raw, t.steps);
        break;
      case kSecCues:
        s = view(e.type, raw, t.cues);
        break;
      case kSecQuizzes:
        s = view(e.type, raw, t.quizzes);
        break;
      case kSecOptions:
        s = view(e.type, raw, t.options);
        break;
      case kSecFonts:
        s = view(e.type, raw, t.fonts);
        break;
      case kSecGlyphs:
        s = view(e.type, raw, t.glyphs);
        break;
      case kSecTextLayouts:
        s = view(e.type, raw, t.text_layouts);
        break;
      case kSecPlacedGlyphs:
        s = view(e.type, raw, t.placed_glyphs);
        break;
      case kSecPresentation:
        s = view(e.type, raw, t.presentation);
        break;
      case kSecNarration:
        s = view(e.type, raw, t.narration);
        break;
      case kSecAudioPackets:
        s = view(e.type, raw, t.audio_packets);
        break;
      case kSecOpus:
        t.opus = raw;
        break;
      case kSecVisits:
        s = view(e.type, raw, t.visits);
        break;
      case kSecVisitProcedures:
        s = view(e.type, raw, t.visit_procedures);
        break;
      case kSecGeometry:
        t.geometry = raw;
        break;
      case kSecTexels:
        t.texels = raw;
        break;
      default:
        TRIALXR_CHECK(false);
    }
    if (!s) return s;
  }

  if (auto s = detail::validate_tables(t); !s) return s;
  return {};
}

Bundle::Bundle(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Bundle::Bundle(Bundle&&) noexcept = default;
Bundle& Bundle::operator=(Bundle&&) noexcept = default;
Bundle::~Bundle() = default;

Result<Bundle> Bundle::open_impl(std::unique_ptr<Impl> impl, const OpenOptions& options) {
  try {
    if (auto s = impl->load(options); !s) return tl::unexpected(std::move(s.error()));
  } catch (const std::bad_alloc&) {
    return fail(impl->name + ": not enough memory to open the bundle");
  }
  return Bundle(std::move(impl));
}

Result<Bundle> Bundle::open(const std::string& path, const OpenOptions& options) {
  auto mapped = MappedFile::open(path);
  if (!mapped) return tl::unexpected(std::move(mapped.error()));
  auto impl = std::make_unique<Impl>();
  impl->name = path;
  impl->mapped = std::move(*mapped);
  impl->file = impl->mapped.bytes();
  return open_impl(std::move(impl), options);
}

Result<Bundle> Bundle::open_bytes(std::span<const std::byte> bytes, const OpenOptions& options,
                                  std::string name) {
  auto impl = std::make_unique<Impl>();
  impl->name = std::move(name);
  try {
    impl->copy = allocate_aligned(bytes.size());
  } catch (const std::bad_alloc&) {
    return fail(impl->name + ": not enough memory to open the bundle");
  }
  if (!bytes.empty()) std::memcpy(impl->copy.get(), bytes.data(), bytes.size());
  impl->file = std::span<const std::byte>(impl->copy.get(), bytes.size());
  return open_impl(std::move(impl), options);
}

const std::string& Bundle::name() const {
  return impl_->name;
}
std::uint16_t Bundle::format_major() const {
  return impl_->header.format_major;
}
std::uint16_t Bundle::format_minor() const {
  return impl_->header.format_minor;
}
std::uint64_t Bundle::file_size() const {
  return impl_->file.size();
}
const Hash256& Bundle::file_hash() const {
  std::call_once(impl_->file_hash_once, [this] { impl_->file_hash = blake2b_256(impl_->file); });
  return impl_->file_hash;
}
SignatureStatus Bundle::signature_status() const {
  return impl_->status;
}
const PublicKey& Bundle::signer_key() const {
  return impl_->signer;
}
const std::string& Bundle::key_id() const {
  return impl_->key_id;
}
std::span<const SectionInfo> Bundle::sections() const {
  return impl_->sections;
}

const MetaRecord& Bundle::meta() const {
  return *impl_->t.meta;
}
std::span<const NarrationRecord> Bundle::narration() const {
  return impl_->t.narration;
}
std::span<const AudioPacketRecord> Bundle::audio_packets() const {
  return impl_->t.audio_packets;
}
std::span<const std::byte> Bundle::opus_data() const {
  return impl_->t.opus;
}
const NarrationRecord* Bundle::narration(std::uint32_t line, std::uint32_t language) const {
  const std::size_t languages = impl_->t.languages.size();
  const std::size_t i = std::size_t{line} * languages + language;
  if (language >= languages || i >= impl_->t.narration.size()) return nullptr;
  const NarrationRecord& n = impl_->t.narration[i];
  return n.packet_count == 0 ? nullptr : &n;
}
std::optional<double> Bundle::narration_seconds(std::uint32_t line, std::uint32_t language) const {
  const NarrationRecord* n = narration(line, language);
  if (n == nullptr) return std::nullopt;
  return static_cast<double>(n->samples) / kOpusSampleRate;
}
std::span<const VisitRecord> Bundle::visits() const {
  return impl_->t.visits;
}
std::span<const std::uint32_t> Bundle::visit_procedures() const {
  return impl_->t.visit_procedures;
}
std::span<const VisitRecord> Bundle::visits_of(std::uint32_t object) const {
  const std::span<const VisitRecord> all = impl_->t.visits;
  std::size_t first = 0;
  while (first < all.size() && all[first].object != object) ++first;
  std::size_t last = first;
  while (last < all.size() && all[last].object == object) ++last;
  return all.subspan(first, last - first);
}
PresentationRecord Bundle::presentation() const {
  if (impl_->t.presentation.empty()) return {};  // before 1.2: vr, seated
  return impl_->t.presentation.front();
}

std::string_view Bundle::string(StrRef ref) const {
  std::span<const std::byte> pool = impl_->t.strings;
  if (ref.offset > pool.size() || ref.size > pool.size() - ref.offset) return {};
  return std::string_view(
      static_cast<const char*>(static_cast<const void*>(pool.data())) + ref.offset, ref.size);
}

std::span<const std::byte> Bundle::string_pool() const {
  return impl_->t.strings;
}
std::span<const StrRef> Bundle::languages() const {
  return impl_->t.languages;
}
std::span<const LineRecord> Bundle::lines() const {
  return impl_->t.lines;
}
std::span<const LineText> Bundle::line_texts() const {
  return impl_->t.line_text;
}

const LineText& Bundle::line_text(std::uint32_t line, std::uint32_t language) const {
  const detail::Tables& t = impl_->t;
  TRIALXR_CHECK(line < t.lines.size() && language < t.languages.size());
  return t.line_text[std::size_t{line} * t.languages.size() + language];
}

std::string_view Bundle::text(std::uint32_t line, std::uint32_t language) const {
  return string(line_text(line, language).text);
}

std::span<const ObjectRecord> Bundle::objects() const {
  return impl_->t.objects;
}
std::span<const NodeRecord> Bundle::nodes() const {
  return impl_->t.nodes;
}
std::span<const MeshRecord> Bundle::meshes() const {
  return impl_->t.meshes;
}
std::span<const PrimitiveRecord> Bundle::primitives() const {
  return impl_->t.primitives;
}
std::span<const MorphTargetRecord> Bundle::morph_targets() const {
  return impl_->t.morph_targets;
}
std::span<const MaterialRecord> Bundle::materials() const {
  return impl_->t.materials;
}
std::span<const TextureRecord> Bundle::textures() const {
  return impl_->t.textures;
}
std::span<const SkinRecord> Bundle::skins() const {
  return impl_->t.skins;
}
std::span<const std::uint32_t> Bundle::joints() const {
  return impl_->t.joints;
}
std::span<const AnimationRecord> Bundle::animations() const {
  return impl_->t.animations;
}
std::span<const ChannelRecord> Bundle::channels() const {
  return impl_->t.channels;
}
std::span<const float> Bundle::floats() const {
  return impl_->t.floats;
}
std::span<const StepRecord> Bundle::steps() const {
  return impl_->t.steps;
}
std::span<const CueRecord> Bundle::cues() const {
  return impl_->t.cues;
}
std::span<const QuizRecord> Bundle::quizzes() const {
  return impl_->t.quizzes;
}
std::span<const OptionRecord> Bundle::options() const {
  return impl_->t.options;
}
std::span<const FontAtlasRecord> Bundle::fonts() const {
  return impl_->t.fonts;
}
std::span<const GlyphRecord> Bundle::glyphs() const {
  return impl_->t.glyphs;
}
std::span<const TextLayoutRecord> Bundle::text_layouts() const {
  return impl_->t.text_layouts;
}
std::span<const PlacedGlyphRecord> Bundle::placed_glyphs() const {
  return impl_->t.placed_glyphs;
}
bool Bundle::has_text_layouts() const {
  return !impl_->t.text_layouts.empty();
}
const TextLayoutRecord& Bundle::text_layout(std::uint32_t line, std::uint32_t language) const {
  TRIALXR_CHECK(has_text_layouts() && line < lines().size() && language < languages().size());
  return impl_->t.text_layouts[std::size_t{line} * languages().size() + language];
}
std::span<const std::byte> Bundle::geometry() const {
  return impl_->t.geometry;
}
std::span<const std::byte> Bundle::texels() const {
  return impl_->t.texels;
}

}  // namespace trialxr::bundle
