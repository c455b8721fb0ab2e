// Bundle: a validated, read-only .trxb file with typed zero-copy views of its tables.
//
//   bundle::OpenOptions options{bundle::TrustPolicy::require_trusted, {hospital_key}};
//   auto b = bundle::Bundle::open("blood.trxb", options);
//   if (!b) show_error(b.error().message);   // "blood.trxb: section NODE: record 3 ..."
//   for (const bundle::NodeRecord& n : b->nodes()) ...
//
// open() checks everything before it returns: the header, the section table and its
// hash, the signature and trust policy, every section's bounds, alignment, overlap and
// hash, decoding, record sizes, and every cross reference between tables and into the
// string pool and blobs (see docs/bundle-format.md, "What the reader checks"). A bundle
// that opens can be walked without further range checks: every index a record holds
// is either kNone (where the format allows it) or valid, and every range lies inside
// its target. Any input, however damaged, gives an error naming the file and the
// section — never a crash.
//
// Uncompressed sections are views into the memory-mapped file (a file opened by path)
// or into a private aligned copy (open_bytes); zstd sections are decoded once, at open,
// into owned memory. Views stay valid while the Bundle lives, across moves too. The
// file must not be modified in place while open; bundle writers replace files with a
// rename (write_file_atomic), which leaves an open mapping untouched.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "trialxr/bundle/format.h"
#include "trialxr/bundle/signature.h"
#include "trialxr/core/hash.h"
#include "trialxr/core/result.h"

namespace trialxr::bundle {

enum class TrustPolicy : std::uint8_t {
  // Preview and authoring: unsigned bundles and bundles signed by a key not in
  // trusted_keys open, and signature_status() says which. A bad signature is refused.
  allow_unsigned,
  // Patient mode: only a bundle with a valid signature by one of trusted_keys opens.
  require_trusted,
};

struct OpenOptions {
  TrustPolicy policy = TrustPolicy::require_trusted;
  std::vector<PublicKey> trusted_keys;
  // Cap on the memory zstd sections may decode into, all together; a file that
  // declares more is refused (a guard against decompression bombs).
  std::uint64_t max_decoded_bytes = std::uint64_t{2} << 30;
};

enum class SignatureStatus : std::uint8_t {
  unsigned_bundle,  // no signature (only under allow_unsigned)
  trusted,          // valid signature by a key in trusted_keys
  untrusted,        // valid signature by another key (only under allow_unsigned)
};
std::string_view signature_status_name(SignatureStatus status);  // "unsigned", ...

// One entry of the section table, for `inspect` and diagnostics.
struct SectionInfo {
  std::uint32_t type = 0;  // FourCC
  Codec codec = Codec::none;
  std::uint64_t offset = 0;
  std::uint64_t stored_size = 0;
  std::uint64_t raw_size = 0;
  Hash256 hash{};
  bool known = false;  // false: a section type this reader does not know; skipped
};

// "NODE" for printable FourCCs, "0x12345678" otherwise.
std::string fourcc_name(std::uint32_t type);
// True for the section types of format.h.
bool is_known_section(std::uint32_t type);

class Bundle {
 public:
  // Maps the file; errors start with `path`.
  static Result<Bundle> open(const std::string& path, const OpenOptions& options);
  // Copies `bytes` into private aligned memory (the caller's buffer may go away);
  // errors start with `name`.
  static Result<Bundle> open_bytes(std::span<const std::byte> bytes, const OpenOptions& options,
                                   std::string name = "<memory>");

  Bundle(Bundle&&) noexcept;
  Bundle& operator=(Bundle&&) noexcept;
  Bundle(const Bundle&) = delete;
  Bundle& operator=(const Bundle&) = delete;
  ~Bundle();

  // [SECTION] the file
  const std::string& name() const;  // the path, or the name given to open_bytes
  std::uint16_t format_major() const;
  std::uint16_t format_minor() const;
  std::uint64_t file_size() const;
  const Hash256& file_hash() const;  // BLAKE2b-256 of the whole file (b2sum -l 256)
  SignatureStatus signature_status() const;
  const PublicKey& signer_key() const;            // all zero when unsigned
  const std::string& key_id() const;              // empty when unsigned
  std::span<const SectionInfo> sections() const;  // in table order, unknown ones included

  // [SECTION] metadata and strings
  const MetaRecord& meta() const;
  // The scene's display and space preferences (defaults for bundles before 1.2).
  PresentationRecord presentation() const;
  // The string `ref` names; empty when `ref` lies outside STRS (refs read from the
  // bundle's own records are always inside).
  std::string_view string(StrRef ref) const;
  std::span<const std::byte> string_pool() const;
  std::span<const StrRef> languages() const;  // base language first; never empty
  std::span<const LineRecord> lines() const;
  std::span<const LineText> line_texts() const;  // lines × languages, line-major
  // TRIALXR_CHECKs line < lines().size() and language < languages().size().
  const LineText& line_text(std::uint32_t line, std::uint32_t language) const;
  std::string_view text(std::uint32_t line, std::uint32_t language) const;

  // [SECTION] scene
  std::span<const ObjectRecord> objects() const;
  std::span<const NodeRecord> nodes() const;
  std::span<const MeshRecord> meshes() const;
  std::span<const PrimitiveRecord> primitives() const;
  std::span<const MorphTargetRecord> morph_targets() const;
  std::span<const MaterialRecord> materials() const;
  std::span<const TextureRecord> textures() const;
  std::span<const SkinRecord> skins() const;
  std::span<const std::uint32_t> joints() const;
  std::span<const AnimationRecord> animations() const;
  std::span<const ChannelRecord> channels() const;
  std::span<const float> floats() const;

  // [SECTION] timeline
  std::span<const StepRecord> steps() const;
  std::span<const CueRecord> cues() const;
  std::span<const QuizRecord> quizzes() const;
  std::span<const OptionRecord> options() const;

  // [SECTION] text (empty in a format 1.0 bundle)
  std::span<const FontAtlasRecord> fonts() const;  // one per language
  std::span<const GlyphRecord> glyphs() const;
  std::span<const TextLayoutRecord> text_layouts() const;  // lines × languages, line-major
  std::span<const PlacedGlyphRecord> placed_glyphs() const;
  bool has_text_layouts() const;
  // TRIALXR_CHECKs has_text_layouts() and the indices, like line_text().
  const TextLayoutRecord& text_layout(std::uint32_t line, std::uint32_t language) const;

  // [SECTION] narration (empty before format 1.3)
  std::span<const NarrationRecord> narration() const;  // lines × languages, line-major
  std::span<const AudioPacketRecord> audio_packets() const;
  std::span<const std::byte> opus_data() const;
  // The narration of `line` in `language`; nullptr when the bundle has none for it.
  const NarrationRecord* narration(std::uint32_t line, std::uint32_t language) const;
  // Its length in seconds, or nothing when there is no audio for it.
  std::optional<double> narration_seconds(std::uint32_t line, std::uint32_t language) const;

  // [SECTION] visit schedules (empty before format 1.4)
  std::span<const VisitRecord> visits() const;
  std::span<const std::uint32_t> visit_procedures() const;  // line indices
  // The visits of schedule object `object`, in order (empty when it has none).
  std::span<const VisitRecord> visits_of(std::uint32_t object) const;

  // [SECTION] GPU blobs (4 KiB aligned when stored uncompressed in a mapped file)
  std::span<const std::byte> geometry() const;
  std::span<const std::byte> texels() const;

 private:
  struct Impl;
  explicit Bundle(std::unique_ptr<Impl> impl);
  static Result<Bundle> open_impl(std::unique_ptr<Impl> impl, const OpenOptions& options);

  std::unique_ptr<Impl> impl_;
};

}  // namespace trialxr::bundle
