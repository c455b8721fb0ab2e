// BundleContent: a bundle being built, in memory — the tables, the string pool and
// the blobs, in the exact record types of bundle/format.h. Importers and the script
// lowering append to it; BundleWriter turns it into bytes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "trialxr/bundle/format.h"

namespace trialxr::compiler {

// Interns UTF-8 strings; equal strings share one StrRef. Order of first use decides
// the layout, so the same inputs give the same bytes.
class StringPool {
 public:
  bundle::StrRef intern(std::string_view text);
  const std::string& bytes() const { return bytes_; }
  std::string_view view(bundle::StrRef ref) const {
    return std::string_view(bytes_).substr(ref.offset, ref.size);
  }

 private:
  std::string bytes_;
  std::map<std::string, bundle::StrRef, std::less<>> index_;
};

// A growing byte blob whose pieces keep the alignment they ask for.
class BlobBuilder {
 public:
  // Appends `data` at the next multiple of `alignment`; returns its offset.
  std::uint64_t append(std::span<const std::byte> data, std::uint32_t alignment = 16);
  template <class T>
  std::uint64_t append_array(std::span<const T> items, std::uint32_t alignment = 16) {
    return append(std::as_bytes(items), alignment);
  }
  const std::vector<std::byte>& bytes() const { return bytes_; }

 private:
  std::vector<std::byte> bytes_;
};

struct BundleContent {
  StringPool strings;
  bundle::MetaRecord meta{};
  std::vector<bundle::StrRef> languages;  // base first
  std::vector<bundle::LineRecord> lines;
  std::vector<bundle::LineText> line_text;  // lines.size() * languages.size(), line-major
  std::vector<bundle::ObjectRecord> objects;
  std::vector<bundle::NodeRecord> nodes;
  std::vector<bundle::MeshRecord> meshes;
  std::vector<bundle::PrimitiveRecord> primitives;
  std::vector<bundle::MorphTargetRecord> morph_targets;
  std::vector<bundle::MaterialRecord> materials;
  std::vector<bundle::TextureRecord> textures;
  std::vector<bundle::SkinRecord> skins;
  std::vector<std::uint32_t> joints;
  std::vector<bundle::AnimationRecord> animations;
  std::vector<bundle::ChannelRecord> channels;
  std::vector<float> floats;
  std::vector<bundle::StepRecord> steps;
  std::vector<bundle::CueRecord> cues;
  std::vector<bundle::QuizRecord> quizzes;
  std::vector<bundle::OptionRecord> options;
  std::vector<bundle::FontAtlasRecord> fonts;  // one per language
  std::vector<bundle::GlyphRecord> glyphs;
  std::vector<bundle::TextLayoutRecord> text_layouts;  // lines × languages, line-major
  std::vector<bundle::PlacedGlyphRecord> placed_glyphs;
  bundle::PresentationRecord presentation{};
  std::vector<bundle::NarrationRecord> narration;  // lines × languages, or empty
  std::vector<bundle::AudioPacketRecord> audio_packets;
  std::vector<std::byte> opus;                  // OPUS: the packets back to back
  std::vector<bundle::VisitRecord> visits;      // VIST
  std::vector<std::uint32_t> visit_procedures;  // VPRC: line indices
  BlobBuilder geometry;                         // GEOM
  BlobBuilder texels;                           // TEXB

  // Appends floats to F32S; returns the index of the first.
  std::uint32_t append_floats(std::span<const float> values);
};

}  // namespace trialxr::compiler
