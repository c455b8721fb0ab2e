// Compiler and bundle benchmarks (figures in docs/performance.md).
//
//   BM_CompileSampleScene   script + models -> BundleContent -> signed bundle bytes
//   BM_OpenBundle           mmap + full validation (hashes, signature, cross references)
//   BM_TinygltfLoad         the same two models through tinygltf, images decoded
//
// After the run it prints how many times faster opening the bundle is than loading the
// models with tinygltf.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <filesystem>
#include <map>
#include <string>

#include "tinygltf_wrap.h"
#include "trialxr/bundle/bundle.h"
#include "trialxr/compiler/bundle_writer.h"
#include "trialxr/compiler/scene_compiler.h"
#include "trialxr/compiler/signing_key.h"
#include "trialxr/core/file_io.h"

namespace {

namespace fs = std::filesystem;
using namespace trialxr;

const fs::path kSource = TRIALXR_SOURCE_DIR;
const std::string kScene = (kSource / "scenes/blood-draw.txs").string();
const std::vector<std::string> kModels = {(kSource / "assets/models/arm.glb").string(),
                                          (kSource / "assets/models/syringe.glb").string()};

struct SignedBundle {
  std::string path;
  bundle::PublicKey key{};
};

const SignedBundle& sample_bundle() {
  static const SignedBundle b = [] {
    auto compiled = compiler::compile_scene(kScene);
    if (!compiled || !compiled->ok()) {
      std::fprintf(stderr, "the sample scene does not compile\n");
      std::exit(2);
    }
    compiler::SigningKey key = compiler::SigningKey::generate();
    SignedBundle out{(fs::temp_directory_path() / "trialxr-bench.trxb").string(), key.public_key};
    if (!compiler::write_bundle_file(out.path, compiled->content, &key)) std::exit(2);
    return out;
  }();
  return b;
}

void BM_CompileSampleScene(benchmark::State& state) {
  compiler::SigningKey key = compiler::SigningKey::generate();
  for (auto _ : state) {
    auto compiled = compiler::compile_scene(kScene);
    auto bytes = compiler::write_bundle(compiled->content, &key);
    benchmark::DoNotOptimize(bytes->data());
  }
}
BENCHMARK(BM_CompileSampleScene)->Unit(benchmark::kMillisecond);

void BM_OpenBundle(benchmark::State& state) {
  const SignedBundle& b = sample_bundle();
  bundle::OpenOptions options{bundle::TrustPolicy::require_trusted, {b.key}};
  for (auto _ : state) {
    auto opened = bundle::Bundle::open(b.path, options);
    if (!opened) state.SkipWithError(opened.error().message.c_str());
    benchmark::DoNotOptimize(opened->geometry().data());
  }
  state.counters["bytes"] = static_cast<double>(fs::file_size(b.path));
}
BENCHMARK(BM_OpenBundle)->Unit(benchmark::kMicrosecond);

void BM_TinygltfLoad(benchmark::State& state) {
  for (auto _ : state) {
    for (const std::string& path : kModels) {
      tinygltf::TinyGLTF loader;
      tinygltf::Model model;
      std::string err, warn;
      if (!loader.LoadBinaryFromFile(&model, &err, &warn, path)) state.SkipWithError(err.c_str());
      benchmark::DoNotOptimize(model.images.data());
    }
  }
}
BENCHMARK(BM_TinygltfLoad)->Unit(benchmark::kMicrosecond);

// Remembers each benchmark's real time per iteration so main can print the ratio.
class RatioReporter : public benchmark::ConsoleReporter {
 public:
  void ReportRuns(const std::vector<Run>& runs) override {
    for (const Run& run : runs) {
      if (run.run_type == Run::RT_Iteration && !run.error_occurred)
        times_[run.benchmark_name()] = run.GetAdjustedRealTime() * multiplier(run.time_unit);
    }
    ConsoleReporter::ReportRuns(runs);
  }
  double seconds(const std::string& name) const {
    auto it = times_.find(name);
    return it == times_.end() ? 0.0 : it->second;
  }

 private:
  static double multiplier(benchmark::TimeUnit unit) {
    switch (unit) {
      case benchmark::kNanosecond:
        return 1e-9;
      case benchmark::kMicrosecond:
        return 1e-6;
      case benchmark::kMillisecond:
        return 1e-3;
      case benchmark::kSecond:
        return 1.0;
    }
    return 1.0;
  }
  std::map<std::string, double> times_;
};

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  RatioReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  double open = reporter.seconds("BM_OpenBundle");
  double gltf = reporter.seconds("BM_TinygltfLoad");
  if (open > 0 && gltf > 0) {
    std::printf(
        "\nopen + validate bundle: %.1f us; tinygltf + image decode of the same models: %.1f us; "
        "ratio %.1fx\n",
        open * 1e6, gltf * 1e6, gltf / open);
  }
  benchmark::Shutdown();
  return 0;
}
