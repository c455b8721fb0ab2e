// Renderer benchmarks on whatever Vulkan device is present (figures in
// docs/performance.md were taken on lavapipe, Mesa's CPU driver).
//
//   BM_RecordSubmit/mono, /stereo   CPU time of Renderer::render() — recording and
//                                   submitting one frame of the sample scene; the wait
//                                   for the GPU is outside the timing
//   BM_OpenAndUpload                Bundle::open (full validation) + Renderer::load
//   BM_TinygltfStbUpload            the same models through tinygltf + stb_image, their
//                                   buffers and images uploaded through a staging buffer
//
// After the run it prints the ratio of the last two.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <filesystem>
#include <map>

#include "tinygltf_wrap.h"
#include "trialxr/bundle/bundle.h"
#include "trialxr/compiler/bundle_writer.h"
#include "trialxr/compiler/scene_compiler.h"
#include "trialxr/headless/headless_host.h"
#include "trialxr/render/memory.h"
#include "trialxr/scene/player.h"
#include "trialxr/scene/storyboard.h"
#include "trialxr/stage/camera.h"
#include "trialxr/stage/frame_input.h"
#include "trialxr/stage/ui_layout.h"
#include "upload.h"

namespace {

namespace fs = std::filesystem;
using namespace trialxr;

const fs::path kSource = TRIALXR_SOURCE_DIR;

const std::string& sample_bundle_path() {
  static const std::string path = [] {
    auto compiled = compiler::compile_scene((kSource / "scenes/blood-draw.txs").string());
    std::string out = (fs::temp_directory_path() / "trialxr-render-bench.trxb").string();
    if (!compiled || !compiled->ok() || !compiler::write_bundle_file(out, compiled->content)) {
      std::fprintf(stderr, "the sample scene does not compile\n");
      std::exit(2);
    }
    return out;
  }();
  return path;
}

const bundle::OpenOptions kPreview{bundle::TrustPolicy::allow_unsigned, {}};

// A render target the size of the host's, owned by the benchmark so that render() can
// be timed alone.
struct TimedTarget {
  TimedTarget(render::Renderer& renderer, std::uint32_t width, std::uint32_t height,
              std::uint32_t layers)
      : color(renderer.device(),
              {.format = VK_FORMAT_R8G8B8A8_SRGB,
               .extent = {width, height},
               .layers = layers,
               .usage = VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT | VK_IMAGE_USAGE_TRANSFER_SRC_BIT}) {
    target.image = color.get();
    target.format = VK_FORMAT_R8G8B8A8_SRGB;
    target.extent = {width, height};
    target.layer_count = layers;
    target.final_layout = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL;
  }
  render::Image color;
  render::RenderTarget target{};
};

void BM_RecordSubmit(benchmark::State& state) {
  const bool stereo = state.range(0) == 2;
  auto b = bundle::Bundle::open(sample_bundle_path(), kPreview);
  headless::HeadlessDesc desc;
  desc.width = 1280;
  desc.height = 720;
  desc.views = stereo ? 2 : 1;
  auto host = headless::HeadlessHost::create(desc);
  if (!b || !host) {
    state.SkipWithError("no bundle or no Vulkan device");
    return;
  }
  render::Renderer& renderer = (*host)->renderer();
  (void)renderer.load(*b);
  // The needle step: the arm, the syringe moving, the table, the arrow.
  scene::Player player(*b);
  player.load_inputs(scene::guided_run(*b).inputs);
  render::FrameInput input;
  stage::build_frame_input(player.seek(scene::to_micros(23.0)),
                           stage::camera_views({}, desc.width, desc.height, stereo), input);
  const TimedTarget timed(renderer, desc.width, desc.height, desc.views);
  const render::RenderTarget& target = timed.target;
  for (auto _ : state) {
    if (auto ok = renderer.render(target, input); !ok)
      state.SkipWithError(ok.error().message.c_str());
    state.PauseTiming();
    renderer.wait_idle();
    state.ResumeTiming();
  }
  state.counters["draws"] = static_cast<double>(input.items.size());
}
// A fixed count: the GPU's time (lavapipe: milliseconds) is outside the timing, so
// letting the library grow the count until a second of CPU time passes would take hours.
BENCHMARK(BM_RecordSubmit)
    ->Arg(1)
    ->Arg(2)
    ->ArgName("views")
    ->Iterations(200)
    ->Unit(benchmark::kMicrosecond);

// What the headset host does on the CPU each frame, at a headset's resolution (1440x1600
// per eye, two layers): the player's 90 Hz tick, the frame input with the patient's
// interface (subtitle, label) and the renderer's recording and submit. The GPU's work is
// waited for outside the timing. Budget at 90 Hz: 11.1 ms.
void BM_StereoFrameCpu(benchmark::State& state) {
  auto b = bundle::Bundle::open(sample_bundle_path(), kPreview);
  headless::HeadlessDesc desc;
  desc.width = 1440;
  desc.height = 1600;
  desc.views = 2;
  auto host = headless::HeadlessHost::create(desc);
  if (!b || !host) {
    state.SkipWithError("no bundle or no Vulkan device");
    return;
  }
  render::Renderer& renderer = (*host)->renderer();
  (void)renderer.load(*b);
  scene::Player player(*b);
  player.load_inputs(scene::guided_run(*b).inputs);
  player.seek(scene::to_micros(12.0));  // tourniquet: narration, a label, a clip playing
  const auto views = stage::camera_views({}, desc.width, desc.height, true);
  const TimedTarget timed(renderer, desc.width, desc.height, 2);
  const render::RenderTarget& target = timed.target;
  render::FrameInput input;
  stage::UiFrame ui;
  for (auto _ : state) {
    const scene::FrameState& f = player.tick(1.0 / 90.0);
    stage::build_frame_input(f, views, *b, {}, ui, input);
    if (auto ok = renderer.render(target, input); !ok)
      state.SkipWithError(ok.error().message.c_str());
    state.PauseTiming();
    renderer.wait_idle();
    if (player.frame().time > scene::to_micros(16.0)) player.seek(scene::to_micros(12.0));
    state.ResumeTiming();
  }
  state.counters["ui_quads"] = static_cast<double>(input.ui.size());
}
BENCHMARK(BM_StereoFrameCpu)->Iterations(60)->Unit(benchmark::kMicrosecond);

std::unique_ptr<headless::HeadlessHost>& shared_host() {
  static std::unique_ptr<headless::HeadlessHost> host = [] {
    auto h = headless::HeadlessHost::create({});
    return h ? std::move(*h) : nullptr;
  }();
  return host;
}

void BM_OpenAndUpload(benchmark::State& state) {
  auto& host = shared_host();
  if (!host) {
    state.SkipWithError("no Vulkan device");
    return;
  }
  for (auto _ : state) {
    auto b = bundle::Bundle::open(sample_bundle_path(), kPreview);
    if (!b || !host->renderer().load(*b)) state.SkipWithError("open or load failed");
  }
}
BENCHMARK(BM_OpenAndUpload)->Unit(benchmark::kMicrosecond);

void BM_TinygltfStbUpload(benchmark::State& state) {
  auto& host = shared_host();
  if (!host) {
    state.SkipWithError("no Vulkan device");
    return;
  }
  render::Device& device = host->renderer().device();
  const std::vector<std::string> models = {(kSource / "assets/models/arm.glb").string(),
                                           (kSource / "assets/models/syringe.glb").string()};
  for (auto _ : state) {
    std::vector<render::Buffer> buffers;
    std::vector<render::Image> images;
    std::vector<tinygltf::Model> loaded(models.size());
    render::UploadBatch batch(device);
    for (std::size_t m = 0; m < models.size(); ++m) {
      tinygltf::TinyGLTF loader;
      std::string err, warn;
      if (!loader.LoadBinaryFromFile(&loaded[m], &err, &warn, models[m]))
        state.SkipWithError(err.c_str());
      for (const auto& buffer : loaded[m].buffers) {
        buffers.emplace_back(device,
                             render::BufferDesc{.size = buffer.data.size(),
                                                .usage = VK_BUFFER_USAGE_STORAGE_BUFFER_BIT |
                                                         VK_BUFFER_USAGE_TRANSFER_DST_BIT});
        batch.buffer(std::as_bytes(std::span(buffer.data)), buffers.back().get());
      }
      for (const auto& image : loaded[m].images) {
        if (image.component != 4 || image.bits != 8) {
          state.SkipWithError("tinygltf did not decode to RGBA8");
          return;
        }
        auto w = static_cast<std::uint32_t>(image.width),
             h = static_cast<std::uint32_t>(image.height);
        images.emplace_back(device, render::ImageDesc{.extent = {w, h},
                                                      .usage = VK_IMAGE_USAGE_SAMPLED_BIT |
                                                               VK_IMAGE_USAGE_TRANSFER_DST_BIT});
        batch.image(std::as_bytes(std::span(image.image)), images.back().get(), {{0, w, h}});
      }
    }
    batch.submit_and_wait();
  }
}
BENCHMARK(BM_TinygltfStbUpload)->Unit(benchmark::kMicrosecond);

class RatioReporter : public benchmark::ConsoleReporter {
 public:
  void ReportRuns(const std::vector<Run>& runs) override {
    for (const Run& run : runs)
      if (run.run_type == Run::RT_Iteration && !run.error_occurred)
        times_[run.benchmark_name()] = run.GetAdjustedRealTime();
    ConsoleReporter::ReportRuns(runs);
  }
  double time(const std::string& name) const {
    auto it = times_.find(name);
    return it == times_.end() ? 0.0 : it->second;
  }

 private:
  std::map<std::string, double> times_;
};

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  RatioReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  double bundle = reporter.time("BM_OpenAndUpload");
  double gltf = reporter.time("BM_TinygltfStbUpload");
  if (bundle > 0 && gltf > 0) {
    std::printf(
        "\nbundle open + upload: %.0f us; tinygltf + stb_image + upload: %.0f us; ratio %.1fx\n",
        bundle, gltf, gltf / bundle);
  }
  shared_host().reset();
  benchmark::Shutdown();
  return 0;
}
