#include "audio_fixture.h"

#include <opus.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <numbers>

#include "trialxr/audio/narration_decoder.h"
#include "trialxr/compiler/bundle_writer.h"
#include "trialxr/compiler/scene_compiler.h"

namespace trialxr::testing {

const char* kNarrationScript =
    "scene narration\n"
    "  title \"Narration\" #line:title\n"
    "  study S-1\n"
    "  version 1.0.0\n"
    "  languages en de\n"
    "step first\n"
    "  say \"One two.\" #line:one\n"
    "  wait say\n"
    "  wait 1s\n"
    "  say \"Three four.\" #line:two\n"
    "  wait say\n"
    "  wait 1s\n"
    "step last\n"
    "  end\n";

const std::vector<Tone> kTones = {
    {"one", 0, 300.0, 1.0},
    {"two", 0, 500.0, 1.2},
    {"one", 1, 700.0, 1.3},
    {"two", 1, 900.0, 0.9},
};

std::vector<float> sine(double hz, std::size_t samples, float amplitude) {
  std::vector<float> out(samples);
  for (std::size_t i = 0; i < samples; ++i)
    out[i] =
        amplitude *
        static_cast<float>(std::sin(2.0 * std::numbers::pi * hz * static_cast<double>(i) / kRate));
  return out;
}

compiler::BundleContent compile_script(const TempDir& dir, const std::string& script) {
  auto result = compiler::compile_scene(dir.write("scene.txs", script));
  if (!result) {
    ADD_FAILURE() << result.error().message;
    return {};
  }
  EXPECT_TRUE(result->ok()) << result->rendered();
  compiler::BundleContent c = std::move(result->content);
  c.narration.assign(c.lines.size() * c.languages.size(), bundle::NarrationRecord{});
  c.audio_packets.clear();
  c.opus.clear();
  return c;
}

std::uint32_t line_id(const compiler::BundleContent& c, std::string_view id) {
  for (std::uint32_t i = 0; i < c.lines.size(); ++i)
    if (c.strings.view(c.lines[i].id) == id) return i;
  ADD_FAILURE() << "no line " << id;
  return 0;
}

void add_narration(compiler::BundleContent& c, std::uint32_t line, std::uint32_t language,
                   std::span<const float> signal) {
  int error = OPUS_OK;
  OpusEncoder* encoder = opus_encoder_create(kRate, 1, OPUS_APPLICATION_AUDIO, &error);
  ASSERT_EQ(error, OPUS_OK);
  opus_encoder_ctl(encoder, OPUS_SET_BITRATE(96000));
  opus_int32 lookahead = 0;
  opus_encoder_ctl(encoder, OPUS_GET_LOOKAHEAD(&lookahead));
  const std::size_t frame = bundle::kOpusFrameSamples;
  const std::size_t packets = (signal.size() + lookahead + frame - 1) / frame;
  std::vector<float> padded(packets * frame, 0.0f);
  std::copy(signal.begin(), signal.end(), padded.begin());

  bundle::NarrationRecord& n = c.narration[std::size_t{line} * c.languages.size() + language];
  n.first_packet = static_cast<std::uint32_t>(c.audio_packets.size());
  n.packet_count = static_cast<std::uint32_t>(packets);
  n.samples = static_cast<std::uint32_t>(signal.size());
  n.pre_skip = static_cast<std::uint16_t>(lookahead);
  n.flags = 0;
  n.source = c.strings.intern("test tone");
  unsigned char packet[1275];
  for (std::size_t p = 0; p < packets; ++p) {
    const int size = opus_encode_float(encoder, padded.data() + p * frame, static_cast<int>(frame),
                                       packet, sizeof packet);
    ASSERT_GT(size, 0) << opus_strerror(size);
    c.audio_packets.push_back(
        {static_cast<std::uint32_t>(c.opus.size()), static_cast<std::uint32_t>(size)});
    for (int i = 0; i < size; ++i) c.opus.push_back(static_cast<std::byte>(packet[i]));
  }
  opus_encoder_destroy(encoder);
}

bundle::Bundle open_content(const compiler::BundleContent& c, const std::string& name) {
  auto bytes = compiler::write_bundle(c);
  EXPECT_TRUE(bytes) << (bytes ? "" : bytes.error().message);
  auto b = bundle::Bundle::open_bytes(*bytes, {bundle::TrustPolicy::allow_unsigned, {}}, name);
  EXPECT_TRUE(b) << (b ? "" : b.error().message);
  return std::move(*b);
}

bundle::Bundle narrated_bundle(const TempDir& dir) {
  compiler::BundleContent c = compile_script(dir, kNarrationScript);
  for (const Tone& t : kTones)
    add_narration(c, line_id(c, t.line), t.language,
                  sine(t.hz, static_cast<std::size_t>(t.seconds * kRate)));
  return open_content(c, "narration.trxb");
}

std::vector<float> channel(std::span<const float> stereo, int which) {
  std::vector<float> out(stereo.size() / 2);
  for (std::size_t i = 0; i < out.size(); ++i) out[i] = stereo[2 * i + std::size_t(which)];
  return out;
}

double rms(std::span<const float> x) {
  if (x.empty()) return 0.0;
  double sum = 0.0;
  for (float v : x) sum += double{v} * double{v};
  return std::sqrt(sum / static_cast<double>(x.size()));
}

double tone_amplitude(std::span<const float> x, double hz) {
  const double w = 2.0 * std::numbers::pi * hz / kRate;
  double re = 0.0;
  double im = 0.0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    re += double{x[i]} * std::cos(w * static_cast<double>(i));
    im -= double{x[i]} * std::sin(w * static_cast<double>(i));
  }
  return 2.0 * std::hypot(re, im) / static_cast<double>(x.size());
}

namespace {

audio::AudioOutput loopback() {
  auto out = audio::AudioOutput::open_loopback(kRate);
  if (!out) {
    // Nothing can be checked without an output: stop the test program loudly.
    std::fprintf(stderr, "loopback output: %s\n", out.error().message.c_str());
    std::abort();
  }
  return std::move(*out);
}

}  // namespace

NarrationRig::NarrationRig(const bundle::Bundle& b)
    : bundle(b), player(b), out(loopback()), voice(out, b) {}

Block NarrationRig::tick() {
  return show(player.tick_micros(10'000));
}

Block NarrationRig::show(const scene::FrameState& frame) {
  voice.update(frame);
  Block block{frame, std::vector<float>(2 * kTickFrames)};
  out.render(block.stereo);
  return block;
}

std::vector<float> NarrationRig::expected(const scene::FrameState& frame) {
  std::vector<float> e(kTickFrames, 0.0f);
  if (frame.paused || frame.ended || frame.subtitle_line == bundle::kNone) return e;
  if (bundle.narration(frame.subtitle_line, frame.language) == nullptr) return e;
  const auto key = std::make_pair(frame.subtitle_line, frame.language);
  auto found = decoded_.find(key);
  if (found == decoded_.end()) {
    auto samples = audio::decode_narration(bundle, key.first, key.second);
    EXPECT_TRUE(samples) << (samples ? "" : samples.error().message);
    found = decoded_.emplace(key, samples ? std::move(*samples) : std::vector<float>{}).first;
  }
  const std::vector<float>& clip = found->second;
  const std::int64_t offset = (frame.scene_time - frame.subtitle_start) * kRate / 1'000'000;
  for (std::size_t k = 0; k < kTickFrames; ++k) {
    const std::size_t i = static_cast<std::size_t>(offset) + k;
    if (i < clip.size()) e[k] = clip[i];
  }
  return e;
}

double NarrationRig::gain_of(const Block& block, std::span<const float> expected) {
  const std::vector<float> left = block.left();
  double xe = 0.0;
  double ee = 0.0;
  for (std::size_t i = 0; i < expected.size(); ++i) {
    xe += double{left[i]} * double{expected[i]};
    ee += double{expected[i]} * double{expected[i]};
  }
  return ee > 0.0 ? xe / ee : 0.0;
}

::testing::AssertionResult heard_as(const Block& block, std::span<const float> expected,
                                    double gain, double tolerance) {
  for (std::size_t i = 0; i < expected.size(); ++i) {
    for (int c = 0; c < 2; ++c) {
      const double got = block.stereo[2 * i + std::size_t(c)];
      const double want = gain * double{expected[i]};
      if (std::abs(got - want) > tolerance)
        return ::testing::AssertionFailure()
               << "at scene time " << block.frame.scene_time << " us (line "
               << block.frame.subtitle_line << ", language " << block.frame.language << ", paused "
               << block.frame.paused << "), sample " << i << " channel " << c << ": heard " << got
               << ", expected " << want;
    }
  }
  return ::testing::AssertionSuccess();
}

::testing::AssertionResult heard_fading_in(const Block& block, std::span<const float> expected,
                                           double gain, double tolerance) {
  double weight = 0.0;  // the highest seen so far
  for (std::size_t i = 0; i < expected.size(); ++i) {
    for (int c = 0; c < 2; ++c) {
      const double got = block.stereo[2 * i + std::size_t(c)];
      const double want = gain * double{expected[i]};
      const auto failure = [&](const char* what) {
        return ::testing::AssertionFailure()
               << "at scene time " << block.frame.scene_time << " us, sample " << i << " channel "
               << c << ": heard " << got << ", expected " << want
               << " with a fade-in weight of at least " << weight << ": " << what;
      };
      if (std::abs(want) < 0.02) {  // too small to weigh
        if (std::abs(got) > std::abs(want) + tolerance) return failure("louder than expected");
        continue;
      }
      const double w = got / want;
      if (w < weight - 1e-3 || w > 1.0 + 1e-3) return failure("not a rising fade");
      weight = std::max(weight, w);
    }
  }
  if (weight < 0.9) return ::testing::AssertionFailure() << "the fade-in reached only " << weight;
  return ::testing::AssertionSuccess();
}

}  // namespace trialxr::testing
