// Text benchmarks on the sample scene.
//
//   BM_AtlasGeneration/<language>  laying out every line of the scene in one language
//                                  (fontconfig font set, HarfBuzz, UAX #14) and rendering
//                                  its SDF glyph atlas with FreeType; counters: glyphs,
//                                  atlas texels, atlas bytes with mips
//   BM_InterfacePerFrame/<moment>  the player-side cost per frame: stage::build_ui turning
//                                  the frame's compiled text into quads (subtitle + label,
//                                  or the quiz panel); counter: quads
//
// After the run it prints each language's atlas size.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <filesystem>
#include <optional>

#include "trialxr/bundle/bundle.h"
#include "trialxr/compiler/bundle_writer.h"
#include "trialxr/compiler/scene_compiler.h"
#include "trialxr/scene/player.h"
#include "trialxr/stage/ui_layout.h"
#include "trialxr/text/font_set.h"
#include "trialxr/text/glyph_atlas.h"
#include "trialxr/text/text_layout.h"

namespace {

using namespace trialxr;

struct Sample {
  std::vector<std::byte> bytes;
  std::optional<bundle::Bundle> bundle;
};

Sample& sample() {
  static Sample s = [] {
    Sample out;
    auto compiled = compiler::compile_scene(
        (std::filesystem::path(TRIALXR_SOURCE_DIR) / "scenes/blood-draw.txs").string());
    if (!compiled || !compiled->ok()) std::abort();
    out.bytes = std::move(*compiler::write_bundle(compiled->content));
    out.bundle.emplace(std::move(*bundle::Bundle::open_bytes(
        out.bytes, {bundle::TrustPolicy::allow_unsigned, {}})));
    return out;
  }();
  return s;
}

void BM_AtlasGeneration(benchmark::State& state) {
  const bundle::Bundle& b = *sample().bundle;
  const auto language = static_cast<std::uint32_t>(state.range(0));
  const std::string tag(b.string(b.languages()[language]));
  state.SetLabel(tag);
  std::size_t glyphs = 0, texels = 0;
  for (auto _ : state) {
    auto fonts = text::FontSet::open(tag, {});
    std::vector<text::GlyphKey> keys;
    for (std::uint32_t line = 0; line < b.lines().size(); ++line) {
      text::TextBlock block = text::layout_text(*fonts, b.text(line, language), {24.0f, {}});
      for (const text::PlacedGlyph& g : block.glyphs) keys.push_back({g.face, g.glyph});
    }
    auto atlas = text::build_atlas(*fonts, keys);
    glyphs = atlas->glyphs.size();
    texels = std::size_t{atlas->width} * atlas->height;
    benchmark::DoNotOptimize(atlas->pixels.data());
  }
  state.counters["glyphs"] = static_cast<double>(glyphs);
  state.counters["texels"] = static_cast<double>(texels);
  const bundle::TextureRecord& t = b.textures()[b.fonts()[language].texture];
  state.counters["bundle_bytes"] = static_cast<double>(t.size);
}
BENCHMARK(BM_AtlasGeneration)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

void BM_InterfacePerFrame(benchmark::State& state) {
  const bundle::Bundle& b = *sample().bundle;
  scene::Player player(b);
  const scene::FrameState* frame = nullptr;
  if (state.range(0) == 0) {
    frame = &player.seek(12'000'000);  // tourniquet: subtitle and label
    state.SetLabel("subtitle+label");
  } else {
    frame = &player.run_until(600'000'000, scene::kStopWhenWaiting);
    while (!frame->quiz.visible && !frame->ended) {
      player.press_continue();
      frame = &player.run_until(600'000'000, scene::kStopWhenWaiting);
    }
    player.choose(1);
    frame = &player.frame();
    state.SetLabel("quiz answered");
  }
  stage::UiFrame ui;
  for (auto _ : state) {
    stage::build_ui(b, *frame, {}, ui);
    benchmark::DoNotOptimize(ui.quads.data());
  }
  state.counters["quads"] = static_cast<double>(ui.quads.size());
}
BENCHMARK(BM_InterfacePerFrame)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond);

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  const bundle::Bundle& b = *sample().bundle;
  for (std::uint32_t l = 0; l < b.fonts().size(); ++l) {
    const bundle::FontAtlasRecord& f = b.fonts()[l];
    const bundle::TextureRecord& t = b.textures()[f.texture];
    std::printf("atlas %s: %s, %u glyphs, %ux%u, %.1f KiB (one level)\n",
                std::string(b.string(b.languages()[l])).c_str(),
                std::string(b.string(f.family)).c_str(), f.glyph_count, t.width, t.height,
                static_cast<double>(t.size) / 1024.0);
  }
  return 0;
}
