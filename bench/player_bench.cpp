// Player benchmarks (engine/scene) on the sample scene.
//
//   BM_PlayerTick         one 90 Hz tick with the storyboard policy answering, looping
//                         the whole scene (seek(0) at the end, outside the timing);
//                         counters: heap allocations per tick, scene runs
//   BM_PlayerSeekToEnd    seek() to the end of a full run: re-simulating every event
//   BM_StoryboardMoments  the scripted storyboard run and its moments
//
// Allocations are counted by replacing the global operator new in this program.
#include <benchmark/benchmark.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <new>
#include <optional>

#include "trialxr/bundle/bundle.h"
#include "trialxr/compiler/bundle_writer.h"
#include "trialxr/compiler/scene_compiler.h"
#include "trialxr/scene/player.h"
#include "trialxr/scene/storyboard.h"

namespace {

std::atomic<std::uint64_t> g_allocations{0};

}  // namespace

// GCC pairs the replaced new with the replaced delete as malloc/free and warns; they match.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
#endif
void* operator new(std::size_t size) {
  g_allocations.fetch_add(1, std::memory_order_relaxed);
  if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept {
  std::free(p);
}
void operator delete(void* p, std::size_t) noexcept {
  std::free(p);
}
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif

namespace {

using namespace trialxr;

const bundle::Bundle& sample_bundle() {
  static const bundle::Bundle b = [] {
    const std::string scene =
        (std::filesystem::path(TRIALXR_SOURCE_DIR) / "scenes/blood-draw.txs").string();
    auto compiled = compiler::compile_scene(scene);
    if (!compiled || !compiled->ok()) {
      std::fprintf(stderr, "the sample scene does not compile\n");
      std::exit(2);
    }
    auto bytes = compiler::write_bundle(compiled->content);
    auto opened = bundle::Bundle::open_bytes(*bytes, {bundle::TrustPolicy::allow_unsigned, {}});
    if (!opened) std::exit(2);
    return std::move(*opened);
  }();
  return b;
}

// The storyboard policy: Continue when asked, the first correct option for a quiz.
void act(scene::Player& p) {
  const scene::FrameState& f = p.frame();
  if (f.quiz.visible && !f.quiz.answered) {
    for (std::uint32_t i = 0; i < f.quiz.options.size(); ++i) {
      if (f.quiz.options[i].correct) {
        p.choose(i);
        return;
      }
    }
  } else if (f.waiting_for_continue) {
    p.press_continue();
  }
}

void BM_PlayerTick(benchmark::State& state) {
  const bundle::Bundle& b = sample_bundle();
  scene::Player p(b);
  // Warm up: one whole run, so the frame's vectors have their capacity.
  while (!p.frame().ended) {
    p.tick(1.0 / 90.0);
    act(p);
  }
  p.seek(0);
  std::uint64_t runs = 0;
  std::uint64_t allocations = 0;
  for (auto _ : state) {
    const std::uint64_t before = g_allocations.load(std::memory_order_relaxed);
    const scene::FrameState& f = p.tick(1.0 / 90.0);
    act(p);
    allocations += g_allocations.load(std::memory_order_relaxed) - before;
    benchmark::DoNotOptimize(f.items.data());
    if (f.ended) {
      state.PauseTiming();
      p.seek(0);
      ++runs;
      state.ResumeTiming();
    }
  }
  state.counters["allocs_per_tick"] = benchmark::Counter(static_cast<double>(allocations) /
                                                         static_cast<double>(state.iterations()));
  state.counters["runs"] = static_cast<double>(runs);
  state.counters["items"] = static_cast<double>(p.frame().items.size());
}
BENCHMARK(BM_PlayerTick);

void BM_PlayerSeekToEnd(benchmark::State& state) {
  const bundle::Bundle& b = sample_bundle();
  scene::Player p(b);
  while (!p.frame().ended) {
    p.tick(1.0 / 90.0);
    act(p);
  }
  const scene::Micros end = p.time();
  for (auto _ : state) benchmark::DoNotOptimize(p.seek(end).items.data());
  state.counters["scene_seconds"] = scene::to_seconds(end);
}
BENCHMARK(BM_PlayerSeekToEnd)->Unit(benchmark::kMicrosecond);

void BM_StoryboardMoments(benchmark::State& state) {
  const bundle::Bundle& b = sample_bundle();
  for (auto _ : state) benchmark::DoNotOptimize(scene::storyboard_moments(b).data());
}
BENCHMARK(BM_StoryboardMoments)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
