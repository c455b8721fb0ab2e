#include "trialxr/text/glyph_atlas.h"

#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_MODULE_H
#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstring>
#include <map>
#include <optional>
#include <thread>

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wsign-conversion"
#pragma GCC diagnostic ignored "-Wconversion"
#pragma GCC diagnostic ignored "-Wold-style-cast"
#pragma GCC diagnostic ignored "-Wuseless-cast"
#pragma GCC diagnostic ignored "-Wcast-qual"
#define STB_RECT_PACK_IMPLEMENTATION
#define STBRP_STATIC
#include <stb/stb_rect_pack.h>
#pragma GCC diagnostic pop

namespace trialxr::text {

namespace {

struct Rendered {
  AtlasGlyph glyph;
  std::vector<std::uint8_t> pixels;  // width × height
};

// One worker's FreeType: its own library and faces, since FreeType objects may not be
// shared between threads.
class GlyphRenderer {
 public:
  GlyphRenderer(const FontSet& fonts, const AtlasOptions& options)
      : fonts_(fonts), options_(options) {
    FT_Init_FreeType(&library_);
    FT_Int spread = static_cast<FT_Int>(options.spread);
    FT_Property_Set(library_, "bsdf", "spread", &spread);
  }
  ~GlyphRenderer() {
    for (auto& [index, face] : faces_) FT_Done_Face(face);
    FT_Done_FreeType(library_);
  }
  GlyphRenderer(const GlyphRenderer&) = delete;
  GlyphRenderer& operator=(const GlyphRenderer&) = delete;

  Result<Rendered> render(GlyphKey key) {
    const FaceInfo& info = fonts_.info(key.face);
    auto where = [&] { return fmt::format("glyph {} of {}", key.glyph, info.file); };
    FT_Face& face = faces_[key.face];
    if (face == nullptr && (FT_New_Face(library_, info.file.c_str(), info.index, &face) != 0 ||
                            FT_Set_Pixel_Sizes(face, 0, options_.pixels_per_em) != 0)) {
      return fail(fmt::format("FreeType cannot open {}", info.file));
    }
    if (FT_Load_Glyph(face, key.glyph, FT_LOAD_DEFAULT | FT_LOAD_NO_HINTING) != 0)
      return fail(fmt::format("FreeType cannot load {}", where()));
    Rendered r;
    r.glyph.key = key;
    FT_GlyphSlot slot = face->glyph;
    if (slot->format == FT_GLYPH_FORMAT_OUTLINE && slot->outline.n_points == 0) return r;  // blank
    // Coverage first, then the distance field from it (FreeType's "bsdf"): the outline
    // SDF renderer is documented to go wrong where contours overlap, as strokes of CJK
    // glyphs often do; the bitmap route has no such limit and measured twice as fast.
    if (FT_Render_Glyph(slot, FT_RENDER_MODE_NORMAL) != 0 ||
        FT_Render_Glyph(slot, FT_RENDER_MODE_SDF) != 0)
      return fail(fmt::format("FreeType cannot render a distance field for {}", where()));
    const FT_Bitmap& bm = slot->bitmap;
    r.glyph.width = bm.width;
    r.glyph.height = bm.rows;
    r.pixels.resize(static_cast<std::size_t>(bm.width) * bm.rows);
    const int pitch = bm.pitch;
    for (unsigned row = 0; row < bm.rows; ++row) {
      const unsigned char* src =
          pitch >= 0 ? bm.buffer + static_cast<std::ptrdiff_t>(row) * pitch
                     : bm.buffer + static_cast<std::ptrdiff_t>(bm.rows - 1 - row) * -pitch;
      std::memcpy(r.pixels.data() + static_cast<std::size_t>(row) * bm.width, src, bm.width);
    }
    const float px = static_cast<float>(options_.pixels_per_em);
    r.glyph.left = static_cast<float>(slot->bitmap_left) / px;
    r.glyph.top = static_cast<float>(slot->bitmap_top) / px;
    r.glyph.right = r.glyph.left + static_cast<float>(bm.width) / px;
    r.glyph.bottom = r.glyph.top - static_cast<float>(bm.rows) / px;
    return r;
  }

 private:
  const FontSet& fonts_;
  AtlasOptions options_;
  FT_Library library_ = nullptr;
  std::map<std::uint32_t, FT_Face> faces_;
};

// Renders every key, spread over the machine's cores (exact distance fields of CJK
// glyphs take milliseconds each). Each glyph is independent, so the result does not
// depend on the number of threads.
Result<std::vector<Rendered>> render_all(const FontSet& fonts, const std::vector<GlyphKey>& keys,
                                         const AtlasOptions& options) {
  std::vector<std::optional<Result<Rendered>>> results(keys.size());
  const unsigned workers = std::clamp(std::thread::hardware_concurrency(), 1u, 8u);
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    GlyphRenderer renderer(fonts, options);
    for (std::size_t i = next++; i < keys.size(); i = next++) results[i] = renderer.render(keys[i]);
  };
  std::vector<std::thread> threads;
  for (unsigned w = 1; w < std::min<std::size_t>(workers, keys.size()); ++w)
    threads.emplace_back(work);
  work();
  for (std::thread& t : threads) t.join();
  std::vector<Rendered> out;
  out.reserve(keys.size());
  for (auto& r : results) {
    if (!*r) return tl::unexpected(std::move(r->error()));
    out.push_back(std::move(**r));
  }
  return out;
}

// Packs `rendered` into the smallest power-of-two atlas that holds them (width ≥ height).
bool pack(std::vector<Rendered>& rendered, std::uint32_t width, std::uint32_t height) {
  std::vector<stbrp_rect> rects;
  for (std::size_t i = 0; i < rendered.size(); ++i) {
    const AtlasGlyph& g = rendered[i].glyph;
    if (g.width == 0) continue;
    stbrp_rect r{};
    r.id = static_cast<int>(i);
    r.w = static_cast<int>(g.width + 1);  // one texel apart: no bleeding under filtering
    r.h = static_cast<int>(g.height + 1);
    rects.push_back(r);
  }
  std::vector<stbrp_node> nodes(width);
  stbrp_context ctx;
  stbrp_init_target(&ctx, static_cast<int>(width), static_cast<int>(height), nodes.data(),
                    static_cast<int>(nodes.size()));
  if (!rects.empty() && stbrp_pack_rects(&ctx, rects.data(), static_cast<int>(rects.size())) != 1)
    return false;
  for (const stbrp_rect& r : rects) {
    AtlasGlyph& g = rendered[static_cast<std::size_t>(r.id)].glyph;
    g.x = static_cast<std::uint32_t>(r.x);
    g.y = static_cast<std::uint32_t>(r.y);
  }
  return true;
}

}  // namespace

int GlyphAtlas::find(GlyphKey key) const {
  auto it = std::lower_bound(glyphs.begin(), glyphs.end(), key,
                             [](const AtlasGlyph& g, GlyphKey k) { return g.key < k; });
  return it != glyphs.end() && it->key == key ? static_cast<int>(it - glyphs.begin()) : -1;
}

Result<GlyphAtlas> build_atlas(FontSet& fonts, std::span<const GlyphKey> keys,
                               const AtlasOptions& options) {
  std::vector<GlyphKey> unique(keys.begin(), keys.end());
  std::sort(unique.begin(), unique.end());
  unique.erase(std::unique(unique.begin(), unique.end()), unique.end());

  auto all = render_all(fonts, unique, options);
  if (!all) return tl::unexpected(std::move(all.error()));
  std::vector<Rendered>& rendered = *all;
  std::uint64_t area = 0;
  for (const Rendered& r : rendered)
    area += static_cast<std::uint64_t>(r.glyph.width + 1) * (r.glyph.height + 1);

  std::uint32_t width = 64, height = 64;
  while (static_cast<std::uint64_t>(width) * height < area) (width <= height ? width : height) *= 2;
  while (!pack(rendered, width, height)) {
    if (width >= options.max_size && height >= options.max_size) {
      return fail(fmt::format(
          "{} glyphs do not fit a {}x{} atlas; the scene uses too many different characters",
          unique.size(), options.max_size, options.max_size));
    }
    (width <= height ? width : height) *= 2;
  }

  GlyphAtlas atlas;
  atlas.width = width;
  atlas.height = height;
  atlas.options = options;
  atlas.pixels.assign(static_cast<std::size_t>(width) * height, 0);
  for (Rendered& r : rendered) {
    const AtlasGlyph& g = r.glyph;
    for (std::uint32_t row = 0; row < g.height; ++row) {
      std::memcpy(atlas.pixels.data() + static_cast<std::size_t>(g.y + row) * width + g.x,
                  r.pixels.data() + static_cast<std::size_t>(row) * g.width, g.width);
    }
    atlas.glyphs.push_back(g);
  }
  return atlas;
}

}  // namespace trialxr::text
