// Narration benchmarks: the compile-time cost of a line's audio and its size in a bundle.
//
//   BM_EncodeOpus/<language>      encoding ~10 s of espeak-ng narration to 24 kbit/s Opus;
//                                 counters: per_audio_second (time per second of audio),
//                                 bytes_per_minute of encoded narration
//   BM_DecodeOpus/<language>      decode_opus of the same packets; counter: per_audio_second
//   BM_Synthesise/<language>      espeak-ng speaking one sentence (a child process each, then
//                                 22.05 -> 48 kHz and trimming); counter: per_speech_second
//   BM_Resample44k1To48k          a recorded file's resampling (libsamplerate's best sinc);
//                                 counter: per_audio_second
//
// After the run it prints the size of a minute of narration in each language.
#include <benchmark/benchmark.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <numbers>
#include <string>

#include "trialxr/narration/audio_file.h"
#include "trialxr/narration/opus_encoder.h"
#include "trialxr/narration/speech.h"

namespace {

using namespace trialxr;
using namespace trialxr::narration;

const char* language_of(const benchmark::State& state) {
  return state.range(0) == 0 ? "en" : "zh";
}

// About ten seconds of consent narration.
const char* paragraph(std::string_view language) {
  return language == "en"
             ? "Please make a fist. The nurse will tie a band around your upper arm, clean the "
               "skin with alcohol, and put a thin needle into a vein. Drawing blood takes about "
               "five minutes. You can ask us to stop at any time."
             : "请握紧拳头。护士会在您的上臂绑一条带子，用酒精清洁皮肤，然后把一根细针插入静脉。"
               "抽血大约需要五分钟。您可以随时要求我们停止。";
}
const char* sentence(std::string_view language) {
  return language == "en" ? "Please make a fist." : "请握紧拳头。";
}

const Pcm& spoken_paragraph(std::string_view language) {
  static std::map<std::string, Pcm, std::less<>> cache;
  auto it = cache.find(language);
  if (it != cache.end()) return it->second;
  Result<Pcm> spoken = synthesise(paragraph(language), language);
  if (!spoken) {
    std::fprintf(stderr, "%s\n", spoken.error().message.c_str());
    std::abort();
  }
  return cache.emplace(std::string(language), std::move(*spoken)).first->second;
}

std::size_t total_bytes(const EncodedAudio& audio) {
  std::size_t bytes = 0;
  for (const auto& packet : audio.packets) bytes += packet.size();
  return bytes;
}

// Time per unit of `amount` each iteration: benchmark prints it in seconds (m = ms, u = us).
benchmark::Counter time_per(double amount) {
  return benchmark::Counter(
      amount, benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}

void BM_EncodeOpus(benchmark::State& state) {
  const char* language = language_of(state);
  const Pcm& pcm = spoken_paragraph(language);
  std::size_t bytes = 0;
  for (auto _ : state) {
    EncodedAudio encoded = encode_opus(pcm);
    bytes = total_bytes(encoded);
    benchmark::DoNotOptimize(encoded.packets.data());
  }
  state.SetLabel(language);
  state.counters["audio_seconds"] = pcm.seconds();
  state.counters["per_audio_second"] = time_per(pcm.seconds());
  state.counters["bytes_per_minute"] = static_cast<double>(bytes) * 60.0 / pcm.seconds();
}
BENCHMARK(BM_EncodeOpus)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

void BM_DecodeOpus(benchmark::State& state) {
  const char* language = language_of(state);
  const Pcm& pcm = spoken_paragraph(language);
  const EncodedAudio encoded = encode_opus(pcm);
  for (auto _ : state) {
    Result<Pcm> decoded = decode_opus(encoded);
    benchmark::DoNotOptimize(decoded->samples.data());
  }
  state.SetLabel(language);
  state.counters["per_audio_second"] = time_per(pcm.seconds());
}
BENCHMARK(BM_DecodeOpus)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

void BM_Synthesise(benchmark::State& state) {
  const char* language = language_of(state);
  double seconds = 0.0;
  for (auto _ : state) {
    Result<Pcm> spoken = synthesise(sentence(language), language);
    seconds = spoken->seconds();
    benchmark::DoNotOptimize(spoken->samples.data());
  }
  state.SetLabel(language);
  state.counters["speech_seconds"] = seconds;
  state.counters["per_speech_second"] = time_per(seconds);
}
// Real time: the synthesis runs in a child process, whose CPU time is not this one's.
BENCHMARK(BM_Synthesise)->Arg(0)->Arg(1)->UseRealTime()->Unit(benchmark::kMillisecond);

void BM_Resample44k1To48k(benchmark::State& state) {
  Pcm recorded;
  recorded.sample_rate = 44100;
  for (int i = 0; i < 10 * 44100; ++i)
    recorded.samples.push_back(
        0.3f * static_cast<float>(std::sin(2.0 * std::numbers::pi * 220.0 * i / 44100.0)));
  for (auto _ : state) {
    Pcm out = resample(recorded, 48000);
    benchmark::DoNotOptimize(out.samples.data());
  }
  state.counters["per_audio_second"] = time_per(recorded.seconds());
}
BENCHMARK(BM_Resample44k1To48k)->Unit(benchmark::kMillisecond);

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  for (const char* language : {"en", "zh"}) {
    const Pcm& pcm = spoken_paragraph(language);
    const EncodedAudio encoded = encode_opus(pcm);
    const double per_minute = static_cast<double>(total_bytes(encoded)) * 60.0 / pcm.seconds();
    std::printf("narration %s: %.1f s of speech, %zu packets, %.1f KiB per minute at 24 kbit/s\n",
                language, pcm.seconds(), encoded.packets.size(), per_minute / 1024.0);
  }
  return 0;
}
