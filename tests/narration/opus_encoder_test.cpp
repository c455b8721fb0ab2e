#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <numbers>

#include "trialxr/narration/opus_encoder.h"
#include "trialxr/narration/speech.h"

namespace trialxr::narration {
namespace {

// Something like a voice: a 150 Hz buzz with vibrato and 20 harmonics, syllables four
// times a second, and a little noise, at 48 kHz.
Pcm voice_like(double seconds) {
  Pcm pcm;
  const auto n = static_cast<std::size_t>(seconds * 48000);
  std::uint32_t noise = 12345;
  double phase = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    const double t = static_cast<double>(i) / 48000.0;
    const double f0 = 150.0 + 20.0 * std::sin(2.0 * std::numbers::pi * 3.0 * t);
    phase += 2.0 * std::numbers::pi * f0 / 48000.0;
    double s = 0.0;
    for (int h = 1; h <= 20; ++h) s += std::sin(h * phase) / h;
    const double envelope = 0.5 - 0.5 * std::cos(2.0 * std::numbers::pi * 4.0 * t);
    noise = noise * 1664525u + 1013904223u;
    const double hiss = (static_cast<double>(noise >> 8) / 16777216.0 - 0.5) * 0.02;
    pcm.samples.push_back(static_cast<float>(0.25 * envelope * s + hiss));
  }
  return pcm;
}

double correlation(const std::vector<float>& a, const std::vector<float>& b, long lag) {
  double ab = 0.0, aa = 0.0, bb = 0.0;
  for (std::size_t i = 2000; i + 2000 < a.size(); ++i) {
    const double x = a[i], y = b[static_cast<std::size_t>(static_cast<long>(i) + lag)];
    ab += x * y;
    aa += x * x;
    bb += y * y;
  }
  return ab / std::sqrt(aa * bb);
}

// Narration as it will be: espeak-ng's English, 3 s.
const Pcm& speech() {
  static const Pcm pcm = [] {
    Result<Pcm> spoken =
        synthesise("Please make a fist. The needle goes into a vein in your arm.", "en");
    EXPECT_TRUE(spoken.has_value()) << spoken.error().message;
    return spoken ? *spoken : Pcm{};
  }();
  return pcm;
}

TEST(NarrationOpus, RoundTripKeepsLengthAndShape) {
  const Pcm& in = speech();
  ASSERT_GT(in.seconds(), 2.0);
  const EncodedAudio encoded = encode_opus(in);
  EXPECT_EQ(encoded.samples, in.samples.size());
  EXPECT_EQ(encoded.pre_skip, 312);  // libopus' look-ahead at 48 kHz
  EXPECT_EQ(encoded.packets.size(), (312 + in.samples.size() + 959) / 960);
  for (const auto& packet : encoded.packets) {
    EXPECT_GE(packet.size(), 1u);
    EXPECT_LE(packet.size(), 1275u);
  }

  Result<Pcm> out = decode_opus(encoded);
  ASSERT_TRUE(out.has_value()) << out.error().message;
  EXPECT_EQ(out->sample_rate, 48000);
  ASSERT_EQ(out->samples.size(), in.samples.size());
  // Aligned by pre_skip to within a few samples. Not to the sample: for speech at this
  // bitrate OPUS_APPLICATION_VOIP codes with SILK, whose resamplers shift the waveform by
  // about 3 samples (0.06 ms) and which keeps the sound rather than the exact waveform.
  long best_lag = 0;
  double best = -1.0;
  for (long lag = -20; lag <= 20; ++lag) {
    const double c = correlation(in.samples, out->samples, lag);
    if (c > best) {
      best = c;
      best_lag = lag;
    }
  }
  EXPECT_GT(best, 0.9);
  EXPECT_LE(std::abs(best_lag), 5);
  EXPECT_GT(correlation(in.samples, out->samples, 0), 0.8);
}

TEST(NarrationOpus, BitrateIsAboutTheOneAskedFor) {
  const Pcm& in = speech();
  for (int bitrate : {16000, 24000, 32000}) {
    const EncodedAudio encoded = encode_opus(in, bitrate);
    std::size_t bytes = 0;
    for (const auto& packet : encoded.packets) bytes += packet.size();
    const double per_second = static_cast<double>(bytes) / in.seconds();
    EXPECT_GT(per_second, 0.8 * bitrate / 8) << bitrate;
    EXPECT_LT(per_second, 1.25 * bitrate / 8) << bitrate;
  }
}

TEST(NarrationOpus, EncodingIsDeterministic) {
  const Pcm in = voice_like(1.3);
  const EncodedAudio a = encode_opus(in);
  const EncodedAudio b = encode_opus(in);
  EXPECT_EQ(a.packets, b.packets);
  EXPECT_EQ(a.samples, b.samples);
  EXPECT_EQ(a.pre_skip, b.pre_skip);
}

TEST(NarrationOpus, ShortAndEmptyInputs) {
  Pcm empty;
  const EncodedAudio none = encode_opus(empty);
  EXPECT_EQ(none.samples, 0u);
  EXPECT_EQ(none.packets.size(), 1u);  // the look-ahead still needs a packet
  Result<Pcm> decoded = decode_opus(none);
  ASSERT_TRUE(decoded.has_value()) << decoded.error().message;
  EXPECT_TRUE(decoded->samples.empty());

  Pcm one;
  one.samples = {0.5f};
  const EncodedAudio tiny = encode_opus(one);
  EXPECT_EQ(tiny.packets.size(), 1u);  // 312 + 1 samples fit one packet
  ASSERT_EQ(decode_opus(tiny)->samples.size(), 1u);

  Pcm exact;
  exact.samples.assign(960 - 312, 0.1f);
  EXPECT_EQ(encode_opus(exact).packets.size(), 1u);
  exact.samples.push_back(0.1f);
  EXPECT_EQ(encode_opus(exact).packets.size(), 2u);
}

TEST(NarrationOpus, BadPacketsAreErrors) {
  const EncodedAudio good = encode_opus(voice_like(0.5));

  EncodedAudio empty_packet = good;
  empty_packet.packets[3].clear();
  Result<Pcm> r = decode_opus(empty_packet);
  ASSERT_FALSE(r.has_value());
  EXPECT_NE(r.error().message.find("packet 4 of"), std::string::npos) << r.error().message;

  // A code-3 packet (TOC byte ...11) whose frame count byte is missing.
  EncodedAudio malformed = good;
  malformed.packets[2] = {std::byte{0x03}};
  r = decode_opus(malformed);
  ASSERT_FALSE(r.has_value());
  EXPECT_NE(r.error().message.find("packet 3 of"), std::string::npos) << r.error().message;
  EXPECT_NE(r.error().message.find("cannot be decoded"), std::string::npos) << r.error().message;

  EncodedAudio oversized = good;
  oversized.packets[0].resize(1276);
  EXPECT_FALSE(decode_opus(oversized).has_value());

  EncodedAudio truncated = good;
  truncated.packets.pop_back();
  r = decode_opus(truncated);
  ASSERT_FALSE(r.has_value());
  EXPECT_NE(r.error().message.find("hold"), std::string::npos) << r.error().message;
}

}  // namespace
}  // namespace trialxr::narration
