// Session record benchmarks.
//
//   BM_AppendWithFsync   one sealed record of the sample scene appended with write +
//                        fsync (the device's cost at the end of a session); items/s
//   BM_Export10k         reading 10,000 sealed sessions with the study key (checksums,
//                        sequence, opening each box, parsing) and writing both CSV tables
//
// The 10,000-record file is written once before the export runs (10,000 fsyncs).
#include <benchmark/benchmark.h>

#include <filesystem>

#include "trialxr/bundle/bundle.h"
#include "trialxr/compiler/bundle_writer.h"
#include "trialxr/compiler/scene_compiler.h"
#include "trialxr/records/record_file.h"
#include "trialxr/records/records_cli.h"
#include "trialxr/records/session_record.h"
#include "trialxr/records/study_key.h"
#include "trialxr/scene/player.h"
#include "trialxr/scene/storyboard.h"

namespace {

namespace fs = std::filesystem;
using namespace trialxr;

struct Sample {
  records::StudyKeyPair key = records::StudyKeyPair::generate();
  records::SessionRecord record;
};

const Sample& sample() {
  static const Sample s = [] {
    Sample out;
    auto compiled =
        compiler::compile_scene((fs::path(TRIALXR_SOURCE_DIR) / "scenes/blood-draw.txs").string());
    auto bytes = compiler::write_bundle(compiled->content);
    auto b = bundle::Bundle::open_bytes(*bytes, {bundle::TrustPolicy::allow_unsigned, {}});
    scene::Player player(*b);
    player.load_inputs(scene::guided_run(*b).inputs);
    player.seek(scene::kStoryboardLimit);
    records::SessionInfo info;
    info.participant_code = "P-0042";
    info.site_id = "SITE-1";
    info.started = std::chrono::system_clock::now();
    info.ended = info.started + std::chrono::minutes(3);
    out.record = records::build_record(*b, player.event_log(), info);
    return out;
  }();
  return s;
}

fs::path temp(const char* name) {
  return fs::temp_directory_path() / name;
}

void BM_AppendWithFsync(benchmark::State& state) {
  const Sample& s = sample();
  const fs::path file = temp("trialxr-records-bench-append.txrr");
  fs::remove(file);
  auto writer = records::RecordWriter::open(file.string(), s.key.public_key);
  for (auto _ : state) {
    if (!writer->append(s.record)) state.SkipWithError("append failed");
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
  fs::remove(file);
}
BENCHMARK(BM_AppendWithFsync)->Iterations(300)->Unit(benchmark::kMicrosecond);

void BM_Export10k(benchmark::State& state) {
  const Sample& s = sample();
  const fs::path file = temp("trialxr-records-bench-10k.txrr");
  fs::remove(file);
  {
    auto writer = records::RecordWriter::open(file.string(), s.key.public_key);
    for (int i = 0; i < 10000; ++i) (void)writer->append(s.record);
  }
  for (auto _ : state) {
    auto read = records::read_records(file.string(), s.key);
    benchmark::DoNotOptimize(records::answers_csv(*read));
    benchmark::DoNotOptimize(records::sessions_csv(*read));
    state.counters["sessions"] = static_cast<double>(read->records.size());
  }
  fs::remove(file);
}
BENCHMARK(BM_Export10k)->Iterations(3)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
