// FontSet: the faces that can draw one language's text, found through fontconfig.
//
// The first face is the one the script names for the language (`font zh "Noto Sans CJK
// SC"`) or fontconfig's choice of sans-serif for that language; after it come
// fontconfig's fallbacks in its order of preference. A character is drawn with the first
// face that has it. Faces open lazily: most fallbacks are never touched.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "trialxr/core/result.h"

namespace trialxr::text {

inline constexpr std::uint32_t kNoFace = 0xFFFFFFFFu;

struct FaceInfo {
  std::string file;  // the font file
  int index = 0;     // face within the file (.ttc collections)
  std::string family;
};

// Vertical metrics in em units of the primary face (y up).
struct LineMetrics {
  float ascender = 0.8f;
  float descender = -0.2f;
  float line_height = 1.2f;
};

class FontSet {
 public:
  // `family` empty: fontconfig's sans-serif for `language`. Fails when fontconfig finds
  // nothing, or finds another family than the one asked for (a silent substitute would
  // put another typeface in front of an ethics reviewer than the one they approved).
  static Result<FontSet> open(std::string_view language, std::string_view family);

  FontSet(FontSet&&) noexcept;
  FontSet& operator=(FontSet&&) noexcept;
  ~FontSet();

  std::string_view language() const;
  // The first face that has `codepoint`, or kNoFace.
  std::uint32_t face_for(char32_t codepoint) const;
  bool covers(std::uint32_t face, char32_t codepoint) const;
  const FaceInfo& info(std::uint32_t face) const;
  // The faces opened so far (the primary one always): the files a bundle depends on.
  std::vector<std::uint32_t> opened_faces() const;
  LineMetrics line_metrics() const;
  // Height in em of a typical capital (Latin: 'H') or ideograph ('中') of the primary
  // face: what readability is measured on.
  float character_height_em(char32_t sample);

  // For the layout code in this module: the hb_font_t of `face` (scaled to font units).
  void* hb_font(std::uint32_t face);

 private:
  struct Impl;
  explicit FontSet(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace trialxr::text
