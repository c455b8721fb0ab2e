// Internal: the decoded, size-checked tables of a bundle being opened, handed from
// bundle.cpp (structure, hashes, signature) to validate.cpp (cross references).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

#include "trialxr/bundle/format.h"
#include "trialxr/core/result.h"

namespace trialxr::bundle::detail {

struct Tables {
  std::string_view file;  // for messages
  bool is_signed = false;
  std::string_view signer_key_id;  // key id of the signer; empty when unsigned

  std::span<const std::byte> strings;
  const MetaRecord* meta = nullptr;
  std::span<const StrRef> languages;
  std::span<const LineRecord> lines;
  std::span<const LineText> line_text;
  std::span<const ObjectRecord> objects;
  std::span<const NodeRecord> nodes;
  std::span<const MeshRecord> meshes;
  std::span<const PrimitiveRecord> primitives;
  std::span<const MorphTargetRecord> morph_targets;
  std::span<const MaterialRecord> materials;
  std::span<const TextureRecord> textures;
  std::span<const SkinRecord> skins;
  std::span<const std::uint32_t> joints;
  std::span<const AnimationRecord> animations;
  std::span<const ChannelRecord> channels;
  std::span<const float> floats;
  std::span<const StepRecord> steps;
  std::span<const CueRecord> cues;
  std::span<const QuizRecord> quizzes;
  std::span<const OptionRecord> options;
  std::span<const FontAtlasRecord> fonts;
  std::span<const PresentationRecord> presentation;
  std::span<const NarrationRecord> narration;
  std::span<const AudioPacketRecord> audio_packets;
  std::span<const std::byte> opus;
  std::span<const VisitRecord> visits;
  std::span<const std::uint32_t> visit_procedures;
  std::span<const GlyphRecord> glyphs;
  std::span<const TextLayoutRecord> text_layouts;
  std::span<const PlacedGlyphRecord> placed_glyphs;
  std::span<const std::byte> geometry;
  std::span<const std::byte> texels;
};

// Checks every cross reference; the error names the file, the section and the record.
Status validate_tables(const Tables& tables);

// Offset of the first byte that is not well-formed UTF-8 (overlongs, surrogates and code
// points above U+10FFFF are not), or text.size() when all of it is.
std::size_t first_invalid_utf8(std::span<const std::byte> text);

}  // namespace trialxr::bundle::detail
