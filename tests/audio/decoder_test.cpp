// decode_narration: Opus packets in a bundle back to samples; damaged packets are errors
// that name the line.
#include <gtest/gtest.h>

#include "audio_fixture.h"
#include "trialxr/audio/narration_decoder.h"
#include "trialxr/audio/narration_voice.h"

namespace trialxr::testing {
namespace {

TEST(AudioDecoder, RoundTripKeepsLengthAndFrequency) {
  TempDir dir;
  const bundle::Bundle b = narrated_bundle(dir);
  for (const Tone& t : kTones) {
    std::uint32_t line = 0;
    while (b.string(b.lines()[line].id) != t.line) ++line;
    auto samples = audio::decode_narration(b, line, t.language);
    ASSERT_TRUE(samples) << samples.error().message;
    EXPECT_EQ(samples->size(), static_cast<std::size_t>(t.seconds * kRate)) << t.line;
    // The tone's own frequency carries its energy (0.5 amplitude), its neighbours none.
    EXPECT_NEAR(tone_amplitude(*samples, t.hz), 0.5, 0.02) << t.line << " " << t.hz;
    for (const Tone& other : kTones) {
      if (other.hz != t.hz) {
        EXPECT_LT(tone_amplitude(*samples, other.hz), 0.01) << other.hz;
      }
    }
    // Aligned after the pre-skip: in phase with the encoded sine from the first sample
    // (the first 10 ms skipped: Opus fades in from silence).
    const std::vector<float> reference = sine(t.hz, samples->size());
    double error = 0.0;
    for (std::size_t i = 480; i < samples->size(); ++i)
      error = std::max(error, double{std::abs((*samples)[i] - reference[i])});
    EXPECT_LT(error, 0.05) << t.line;
  }
}

TEST(AudioDecoder, LineWithoutAudioIsAnError) {
  TempDir dir;
  const bundle::Bundle b = narrated_bundle(dir);
  auto samples = audio::decode_narration(b, 0, 1);  // the title: shown, never said
  ASSERT_FALSE(samples);
  EXPECT_EQ(samples.error().message,
            "narration.trxb: narration of line 'title' (de): the bundle has no audio for it");
}

TEST(AudioDecoder, CorruptPacketIsAnErrorNamingTheLine) {
  TempDir dir;
  compiler::BundleContent c = compile_script(dir, kNarrationScript);
  const std::uint32_t two = line_id(c, "two");
  add_narration(c, line_id(c, "one"), 0, sine(300.0, kRate));
  add_narration(c, two, 0, sine(500.0, kRate));
  // The third packet of "two" in en: a code 3 packet (TOC byte ending in 3) that says it
  // holds no frames — invalid in any decoder.
  const bundle::NarrationRecord& n = c.narration[std::size_t{two} * c.languages.size()];
  const bundle::AudioPacketRecord& p = c.audio_packets[n.first_packet + 2];
  c.opus[p.offset] = std::byte{0x03};
  c.opus[p.offset + 1] = std::byte{0x00};
  const bundle::Bundle b = open_content(c, "broken.trxb");

  auto samples = audio::decode_narration(b, two, 0);
  ASSERT_FALSE(samples);
  const std::string expected = "broken.trxb: narration of line 'two' (en): packet 3 of " +
                               std::to_string(n.packet_count) + " does not decode (";
  EXPECT_EQ(samples.error().message.substr(0, expected.size()), expected);
  EXPECT_TRUE(audio::decode_narration(b, line_id(c, "one"), 0));  // its neighbour is fine

  // A voice asked to play it stays silent and says why.
  auto out = audio::AudioOutput::open_loopback(kRate);
  ASSERT_TRUE(out) << out.error().message;
  audio::NarrationVoice voice(*out, b);
  scene::FrameState frame;
  frame.subtitle_line = two;
  voice.update(frame);
  EXPECT_FALSE(voice.playing());
  ASSERT_TRUE(voice.last_error());
  EXPECT_EQ(voice.last_error()->message, samples.error().message);
  std::vector<float> mixed(2 * kTickFrames, 1.0f);
  out->render(mixed);
  EXPECT_EQ(rms(mixed), 0.0);
  auto preload = voice.preload(0);
  ASSERT_FALSE(preload);
  EXPECT_EQ(preload.error().message, samples.error().message);
  EXPECT_TRUE(voice.preload(1));  // de has no audio at all: nothing to fail
}

}  // namespace
}  // namespace trialxr::testing
