// Audio benchmarks (engine/audio) on the sample scene.
//
//   BM_DecodeNarration/<language>  decode_narration of every `say` line in one language;
//                                  counter narration_s_per_s: seconds of narration decoded
//                                  per second of CPU (its inverse is the decode cost per
//                                  second of narration, printed after the run)
//   BM_NarrationVoiceUpdate        NarrationVoice::update for one 90 Hz frame of a full run
//                                  (the storyboard policy answering), clips preloaded; only
//                                  update() is timed, the loopback output renders the
//                                  frame's 1/90 s outside the timing
//
// The narration is the compiler's when it makes some; otherwise (a compiler without
// narration) every `say` line gets a speech-like test signal of its estimated length,
// encoded as the compiler encodes (Opus VOIP, 24 kb/s, 20 ms packets).
#include <benchmark/benchmark.h>
#include <opus.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <numbers>
#include <optional>
#include <random>

#include "trialxr/audio/audio_output.h"
#include "trialxr/audio/narration_decoder.h"
#include "trialxr/audio/narration_voice.h"
#include "trialxr/bundle/bundle.h"
#include "trialxr/compiler/bundle_writer.h"
#include "trialxr/compiler/scene_compiler.h"
#include "trialxr/scene/narration.h"
#include "trialxr/scene/player.h"
#include "trialxr/scene/storyboard.h"

namespace {

using namespace trialxr;

constexpr int kRate = 48000;

[[noreturn]] void die(const std::string& message) {
  std::fprintf(stderr, "audio_bench: %s\n", message.c_str());
  std::exit(2);
}

// A voiced, syllabic signal: a gliding 110..190 Hz pitch with harmonics to 4 kHz, a
// 4 Hz syllable envelope and a little breath noise.
std::vector<float> speech_like(double seconds, std::uint32_t seed) {
  std::mt19937 random(seed);
  std::normal_distribution<float> noise(0.0f, 0.02f);
  const auto n = static_cast<std::size_t>(seconds * kRate);
  std::vector<float> out(n);
  double phase = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    const double t = static_cast<double>(i) / kRate;
    const double pitch = 150.0 + 40.0 * std::sin(2.0 * std::numbers::pi * 0.7 * t + seed);
    phase += 2.0 * std::numbers::pi * pitch / kRate;
    double voiced = 0.0;
    for (int h = 1; pitch * h < 4000.0; ++h) voiced += std::sin(h * phase) / h;
    const double envelope = 0.5 + 0.5 * std::sin(2.0 * std::numbers::pi * 4.0 * t);
    out[i] = static_cast<float>(0.15 * envelope * voiced) + noise(random);
  }
  return out;
}

void add_narration(compiler::BundleContent& c, std::size_t record, std::span<const float> pcm) {
  int error = OPUS_OK;
  OpusEncoder* encoder = opus_encoder_create(kRate, 1, OPUS_APPLICATION_VOIP, &error);
  if (error != OPUS_OK) die("no Opus encoder");
  opus_encoder_ctl(encoder, OPUS_SET_BITRATE(24000));
  opus_encoder_ctl(encoder, OPUS_SET_COMPLEXITY(10));
  opus_int32 lookahead = 0;
  opus_encoder_ctl(encoder, OPUS_GET_LOOKAHEAD(&lookahead));
  const std::size_t frame = bundle::kOpusFrameSamples;
  const std::size_t packets =
      (pcm.size() + static_cast<std::size_t>(lookahead) + frame - 1) / frame;
  std::vector<float> padded(packets * frame, 0.0f);
  std::copy(pcm.begin(), pcm.end(), padded.begin());
  bundle::NarrationRecord& n = c.narration[record];
  n = {};
  n.first_packet = static_cast<std::uint32_t>(c.audio_packets.size());
  n.packet_count = static_cast<std::uint32_t>(packets);
  n.samples = static_cast<std::uint32_t>(pcm.size());
  n.pre_skip = static_cast<std::uint16_t>(lookahead);
  n.source = c.strings.intern("audio_bench speech-like signal");
  unsigned char packet[1275];
  for (std::size_t p = 0; p < packets; ++p) {
    const int size = opus_encode_float(encoder, padded.data() + p * frame, static_cast<int>(frame),
                                       packet, sizeof packet);
    if (size <= 0) die("Opus encoding failed");
    c.audio_packets.push_back(
        {static_cast<std::uint32_t>(c.opus.size()), static_cast<std::uint32_t>(size)});
    for (int i = 0; i < size; ++i) c.opus.push_back(static_cast<std::byte>(packet[i]));
  }
  opus_encoder_destroy(encoder);
}

struct Sample {
  std::optional<bundle::Bundle> bundle;
  bool compiled_narration = false;
};

const Sample& sample() {
  static const Sample s = [] {
    auto compiled = compiler::compile_scene(
        (std::filesystem::path(TRIALXR_SOURCE_DIR) / "scenes/blood-draw.txs").string());
    if (!compiled || !compiled->ok()) die("the sample scene does not compile");
    compiler::BundleContent& c = compiled->content;
    Sample out;
    out.compiled_narration = !c.audio_packets.empty();
    if (!out.compiled_narration) {
      const std::size_t languages = c.languages.size();
      c.narration.assign(c.lines.size() * languages, bundle::NarrationRecord{});
      for (std::size_t line = 0; line < c.lines.size(); ++line) {
        if (c.lines[line].kind != static_cast<std::uint32_t>(bundle::LineKind::say)) continue;
        for (std::size_t language = 0; language < languages; ++language) {
          const std::size_t record = line * languages + language;
          const double seconds = scene::narration_seconds(c.strings.view(c.line_text[record].text));
          add_narration(c, record, speech_like(seconds, static_cast<std::uint32_t>(record)));
        }
      }
    }
    auto bytes = compiler::write_bundle(c);
    if (!bytes) die(bytes.error().message);
    auto opened = bundle::Bundle::open_bytes(*bytes, {bundle::TrustPolicy::allow_unsigned, {}},
                                             "blood-draw.trxb");
    if (!opened) die(opened.error().message);
    out.bundle.emplace(std::move(*opened));
    return out;
  }();
  return s;
}

void BM_DecodeNarration(benchmark::State& state) {
  const bundle::Bundle& b = *sample().bundle;
  const auto language = static_cast<std::uint32_t>(state.range(0));
  state.SetLabel(std::string(b.string(b.languages()[language])) +
                 (sample().compiled_narration ? " (compiled narration)" : " (test signal)"));
  double seconds = 0.0;
  for (std::uint32_t line = 0; line < b.lines().size(); ++line)
    if (auto s = b.narration_seconds(line, language)) seconds += *s;
  for (auto _ : state) {
    for (std::uint32_t line = 0; line < b.lines().size(); ++line) {
      if (b.narration(line, language) == nullptr) continue;
      auto samples = audio::decode_narration(b, line, language);
      if (!samples) die(samples.error().message);
      benchmark::DoNotOptimize(samples->data());
    }
  }
  state.counters["narration_s"] = seconds;
  state.counters["narration_s_per_s"] =
      benchmark::Counter(seconds, benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_DecodeNarration)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

void BM_NarrationVoiceUpdate(benchmark::State& state) {
  const bundle::Bundle& b = *sample().bundle;
  // One full scripted run (the storyboard's answers) at 90 Hz, recorded.
  std::vector<scene::FrameState> frames;
  {
    const scene::GuidedRun run = scene::guided_run(b);
    scene::Player p(b);
    p.load_inputs(run.inputs);
    while (p.time() < run.end_time) frames.push_back(p.tick_micros(11'111));
  }
  auto out = audio::AudioOutput::open_loopback(kRate);
  if (!out) die(out.error().message);
  audio::NarrationVoice voice(*out, b);
  if (auto loaded = voice.preload(0); !loaded) die(loaded.error().message);
  std::vector<float> mixed(2 * 533);  // 1/90 s
  std::size_t i = 0;
  std::size_t narrated = 0;
  for (auto _ : state) {
    const scene::FrameState& f = frames[i];
    const auto start = std::chrono::steady_clock::now();
    voice.update(f);
    const auto end = std::chrono::steady_clock::now();
    state.SetIterationTime(std::chrono::duration<double>(end - start).count());
    if (f.subtitle_line != bundle::kNone) ++narrated;
    out->render(mixed);
    i = (i + 1) % frames.size();
  }
  state.counters["frames_per_run"] = static_cast<double>(frames.size());
  state.counters["narrated_share"] =
      static_cast<double>(narrated) / static_cast<double>(state.iterations());
}
BENCHMARK(BM_NarrationVoiceUpdate)->UseManualTime()->Unit(benchmark::kMicrosecond);

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  const bundle::Bundle& b = *sample().bundle;
  for (std::uint32_t language = 0; language < b.languages().size(); ++language) {
    double seconds = 0.0;
    for (std::uint32_t line = 0; line < b.lines().size(); ++line)
      if (auto s = b.narration_seconds(line, language)) seconds += *s;
    std::printf("%.*s: %.1f s of narration\n",
                static_cast<int>(b.string(b.languages()[language]).size()),
                b.string(b.languages()[language]).data(), seconds);
  }
  std::printf("%zu bytes of Opus in the bundle (%s)\n", b.opus_data().size(),
              sample().compiled_narration ? "the compiler's narration" : "test signals");
  return 0;
}
