#include "trialxr/text/font_set.h"

#include <fontconfig/fontconfig.h>
#include <ft2build.h>
#include FT_FREETYPE_H
#include <fmt/format.h>
#include <hb.h>

#include <algorithm>
#include <cctype>

#include "trialxr/core/check.h"

namespace trialxr::text {

namespace {

// fontconfig knows languages as lower-case ISO 639 codes, with the territory for
// Chinese (zh-cn, zh-tw, …); BCP 47 scripts map onto those.
std::string fontconfig_language(std::string_view bcp47) {
  std::string tag(bcp47);
  std::transform(tag.begin(), tag.end(), tag.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (tag == "zh" || tag == "zh-hans" || tag == "zh-hans-cn" || tag == "zh-sg") return "zh-cn";
  if (tag == "zh-hant" || tag == "zh-hant-tw") return "zh-tw";
  if (tag == "zh-hant-hk") return "zh-hk";
  return tag;
}

bool same_family(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

struct Face {
  FaceInfo info;
  std::vector<std::string> families;  // every family name fontconfig lists
  FcCharSet* charset = nullptr;       // owned (a copy)
  FT_Face ft = nullptr;
  hb_font_t* hb = nullptr;
  float units_per_em = 1000.0f;
};

}  // namespace

struct FontSet::Impl {
  std::string language;
  FT_Library library = nullptr;
  std::vector<Face> faces;

  ~Impl() {
    for (Face& f : faces) {
      if (f.hb != nullptr) hb_font_destroy(f.hb);
      if (f.ft != nullptr) FT_Done_Face(f.ft);
      if (f.charset != nullptr) FcCharSetDestroy(f.charset);
    }
    if (library != nullptr) FT_Done_FreeType(library);
  }

  Face& open_face(std::uint32_t i) {
    TRIALXR_CHECK(i < faces.size());
    Face& f = faces[i];
    if (f.ft != nullptr) return f;
    // fontconfig listed the file a moment ago; failing to open it now means it changed
    // underneath us, which is no user error we can name better than FreeType does.
    FT_Error e = FT_New_Face(library, f.info.file.c_str(), f.info.index, &f.ft);
    TRIALXR_CHECK(e == 0);
    f.units_per_em = static_cast<float>(f.ft->units_per_EM);
    hb_blob_t* blob = hb_blob_create_from_file(f.info.file.c_str());
    hb_face_t* face = hb_face_create(blob, static_cast<unsigned>(f.info.index));
    f.hb = hb_font_create(face);  // scale = units per em: advances come in font units
    hb_face_destroy(face);
    hb_blob_destroy(blob);
    return f;
  }
};

FontSet::FontSet(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
FontSet::FontSet(FontSet&&) noexcept = default;
FontSet& FontSet::operator=(FontSet&&) noexcept = default;
FontSet::~FontSet() = default;

Result<FontSet> FontSet::open(std::string_view language, std::string_view family) {
  if (FcInit() == FcFalse) return fail("fontconfig could not load its configuration");
  auto impl = std::make_unique<Impl>();
  impl->language = std::string(language);
  if (FT_Init_FreeType(&impl->library) != 0) return fail("FreeType could not start");

  std::string wanted = family.empty() ? std::string("sans-serif") : std::string(family);
  std::string fc_lang = fontconfig_language(language);
  FcPattern* pattern = FcPatternCreate();
  FcPatternAddString(pattern, FC_FAMILY, reinterpret_cast<const FcChar8*>(wanted.c_str()));
  FcPatternAddString(pattern, FC_LANG, reinterpret_cast<const FcChar8*>(fc_lang.c_str()));
  FcPatternAddBool(pattern, FC_SCALABLE, FcTrue);
  FcConfigSubstitute(nullptr, pattern, FcMatchPattern);
  FcDefaultSubstitute(pattern);
  FcResult result = FcResultNoMatch;
  // trim: only fonts that add characters the earlier ones lack.
  FcFontSet* set = FcFontSort(nullptr, pattern, FcTrue, nullptr, &result);
  FcPatternDestroy(pattern);
  if (set != nullptr) {
    for (int i = 0; i < set->nfont; ++i) {
      FcPattern* p = set->fonts[i];
      FcChar8* file = nullptr;
      FcBool scalable = FcFalse;
      FcCharSet* charset = nullptr;
      if (FcPatternGetString(p, FC_FILE, 0, &file) != FcResultMatch ||
          FcPatternGetCharSet(p, FC_CHARSET, 0, &charset) != FcResultMatch ||
          (FcPatternGetBool(p, FC_SCALABLE, 0, &scalable) == FcResultMatch && !scalable)) {
        continue;
      }
      Face face;
      face.info.file = reinterpret_cast<const char*>(file);
      int index = 0;
      if (FcPatternGetInteger(p, FC_INDEX, 0, &index) == FcResultMatch) face.info.index = index;
      FcChar8* name = nullptr;
      for (int k = 0; FcPatternGetString(p, FC_FAMILY, k, &name) == FcResultMatch; ++k)
        face.families.emplace_back(reinterpret_cast<const char*>(name));
      if (!face.families.empty()) face.info.family = face.families.front();
      face.charset = FcCharSetCopy(charset);
      impl->faces.push_back(std::move(face));
    }
    FcFontSetDestroy(set);
  }
  if (impl->faces.empty()) {
    return fail(fmt::format("fontconfig finds no scalable font for language '{}'", language));
  }
  if (!family.empty()) {
    const Face& first = impl->faces.front();
    bool found = std::any_of(first.families.begin(), first.families.end(),
                             [&](const std::string& f) { return same_family(f, family); });
    if (!found) {
      return fail(fmt::format("font '{}' is not installed (fontconfig would use '{}' instead)",
                              family, first.info.family));
    }
    // Prefer the family name the script used, for messages and reviews.
    impl->faces.front().info.family = std::string(family);
  }
  impl->open_face(0);
  return FontSet(std::move(impl));
}

std::string_view FontSet::language() const {
  return impl_->language;
}

bool FontSet::covers(std::uint32_t face, char32_t codepoint) const {
  TRIALXR_CHECK(face < impl_->faces.size());
  return FcCharSetHasChar(impl_->faces[face].charset, static_cast<FcChar32>(codepoint)) != FcFalse;
}

std::uint32_t FontSet::face_for(char32_t codepoint) const {
  for (std::size_t i = 0; i < impl_->faces.size(); ++i) {
    if (FcCharSetHasChar(impl_->faces[i].charset, static_cast<FcChar32>(codepoint)))
      return static_cast<std::uint32_t>(i);
  }
  return kNoFace;
}

const FaceInfo& FontSet::info(std::uint32_t face) const {
  TRIALXR_CHECK(face < impl_->faces.size());
  return impl_->faces[face].info;
}

std::vector<std::uint32_t> FontSet::opened_faces() const {
  std::vector<std::uint32_t> out;
  for (std::size_t i = 0; i < impl_->faces.size(); ++i)
    if (impl_->faces[i].ft != nullptr) out.push_back(static_cast<std::uint32_t>(i));
  return out;
}

LineMetrics FontSet::line_metrics() const {
  Face& f = impl_->open_face(0);
  hb_font_extents_t e{};
  hb_font_get_h_extents(f.hb, &e);
  LineMetrics m;
  m.ascender = static_cast<float>(e.ascender) / f.units_per_em;
  m.descender = static_cast<float>(e.descender) / f.units_per_em;
  m.line_height =
      std::max(1.2f, static_cast<float>(e.ascender - e.descender + e.line_gap) / f.units_per_em);
  return m;
}

float FontSet::character_height_em(char32_t sample) {
  std::uint32_t i = face_for(sample);
  if (i == kNoFace) i = 0;
  Face& f = impl_->open_face(i);
  if (FT_Load_Char(f.ft, sample, FT_LOAD_NO_SCALE) != 0) return 0.7f;
  return static_cast<float>(f.ft->glyph->metrics.height) / f.units_per_em;
}

void* FontSet::hb_font(std::uint32_t face) {
  return impl_->open_face(face).hb;
}

}  // namespace trialxr::text
