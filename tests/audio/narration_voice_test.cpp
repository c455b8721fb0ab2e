// NarrationVoice against a real mixer: a loopback OpenAL output renders the 10 ms after
// each 10 ms tick of a player, and every block must be exactly the decoded line at the
// offset the frame gives (FrameState::subtitle_line / subtitle_start), times one gain.
#include <gtest/gtest.h>

#include <algorithm>

#include "audio_fixture.h"

namespace trialxr::testing {
namespace {

std::uint32_t line_of(const bundle::Bundle& b, std::string_view id) {
  for (std::uint32_t i = 0; i < b.lines().size(); ++i)
    if (b.string(b.lines()[i].id) == id) return i;
  ADD_FAILURE() << "no line " << id;
  return bundle::kNone;
}

// The gain of the narration voice, from the first block (the scene says "one" at 0).
double first_gain(NarrationRig& rig) {
  const Block first = rig.show(rig.player.frame());
  EXPECT_EQ(first.frame.subtitle_line, line_of(rig.bundle, "one"));
  const std::vector<float> e = rig.expected(first.frame);
  const double gain = NarrationRig::gain_of(first, e);
  EXPECT_GT(gain, 0.1);
  EXPECT_TRUE(heard_as(first, e, gain));
  return gain;
}

TEST(AudioNarration, HeardInStepWithTheSubtitleFromStartToEnd) {
  TempDir dir;
  const bundle::Bundle b = narrated_bundle(dir);
  NarrationRig rig(b);
  const double gain = first_gain(rig);
  const std::uint32_t one = line_of(b, "one");
  const std::uint32_t two = line_of(b, "two");

  std::vector<float> heard_one;
  std::vector<float> heard_two;
  int silent_gaps = 0;
  int ticks = 0;
  bool ended = false;
  for (; ticks < 1000 && !ended; ++ticks) {
    const Block block = rig.tick();
    ended = block.frame.ended;
    const std::vector<float> e = rig.expected(block.frame);
    ASSERT_TRUE(heard_as(block, e, gain));
    const std::vector<float> left = block.left();
    if (block.frame.subtitle_line == one)
      heard_one.insert(heard_one.end(), left.begin(), left.end());
    if (block.frame.subtitle_line == two)
      heard_two.insert(heard_two.end(), left.begin(), left.end());
    if (block.frame.subtitle_line == bundle::kNone) {
      EXPECT_EQ(rms(block.stereo), 0.0);
      ++silent_gaps;
    }
    // What playing() reports: the line, where its audio is now (after this block).
    const std::int64_t into = block.frame.scene_time - block.frame.subtitle_start + 10'000;
    const auto now = rig.voice.playing();
    if (block.frame.subtitle_line != bundle::kNone &&
        static_cast<double>(into) / 1e6 < *b.narration_seconds(block.frame.subtitle_line, 0)) {
      ASSERT_TRUE(now);
      EXPECT_EQ(now->line, block.frame.subtitle_line);
      EXPECT_EQ(now->language, 0u);
      EXPECT_FALSE(now->paused);
      EXPECT_NEAR(now->offset_seconds, static_cast<double>(into) / 1e6, 1e-6);
    } else {
      EXPECT_FALSE(now);
    }
  }
  EXPECT_TRUE(ended) << "the scene did not end in 10 s";
  EXPECT_GT(silent_gaps, 50);  // the `wait 1s` after each line
  // Each line was its own tone: 300 Hz for "one", 500 Hz for "two" (in en).
  EXPECT_GT(tone_amplitude(heard_one, 300.0), 0.1);
  EXPECT_LT(tone_amplitude(heard_one, 500.0), 0.01);
  EXPECT_GT(tone_amplitude(heard_two, 500.0), 0.1);
  EXPECT_LT(tone_amplitude(heard_two, 300.0), 0.01);
  // After the end: silence.
  for (int i = 0; i < 10; ++i) EXPECT_EQ(rms(rig.tick().stereo), 0.0);
  EXPECT_FALSE(rig.voice.last_error());
}

TEST(AudioNarration, PauseIsSilentAndResumeContinuesWhereItStopped) {
  TempDir dir;
  const bundle::Bundle b = narrated_bundle(dir);
  NarrationRig rig(b);
  const double gain = first_gain(rig);
  Block before;
  while (rig.player.frame().scene_time < 500'000) before = rig.tick();
  ASSERT_TRUE(heard_as(before, rig.expected(before.frame), gain));
  ASSERT_GT(rms(before.stereo), 0.1);

  ASSERT_TRUE(rig.player.pause());
  for (int i = 0; i < 30; ++i) {
    const Block paused = rig.tick();
    ASSERT_TRUE(paused.frame.paused);
    EXPECT_EQ(rms(paused.stereo), 0.0);
    const auto now = rig.voice.playing();
    ASSERT_TRUE(now);
    EXPECT_TRUE(now->paused);
    EXPECT_NEAR(now->offset_seconds, 0.51, 1e-6);  // where the last block left it
  }

  ASSERT_TRUE(rig.player.resume());
  const Block after = rig.tick();
  ASSERT_FALSE(after.frame.paused);
  EXPECT_EQ(after.frame.scene_time - before.frame.scene_time, 10'000);
  // The samples go on from the last one heard: the two blocks are one stretch of the line.
  ASSERT_TRUE(heard_as(after, rig.expected(after.frame), gain));
  std::vector<float> joined = before.left();
  const std::vector<float> next = after.left();
  joined.insert(joined.end(), next.begin(), next.end());
  scene::FrameState both = before.frame;
  std::vector<float> expected = rig.expected(both);
  both.scene_time += 10'000;
  const std::vector<float> expected_next = rig.expected(both);
  expected.insert(expected.end(), expected_next.begin(), expected_next.end());
  for (std::size_t i = 0; i < joined.size(); ++i)
    ASSERT_NEAR(double{joined[i]}, gain * double{expected[i]}, 1e-4) << i;
  EXPECT_GT(tone_amplitude(joined, 300.0), 0.1);
}

TEST(AudioNarration, SeekPlaysTheAudioThere) {
  TempDir dir;
  const bundle::Bundle b = narrated_bundle(dir);
  NarrationRig rig(b);
  const double gain = first_gain(rig);
  const std::uint32_t one = line_of(b, "one");
  const std::uint32_t two = line_of(b, "two");
  for (int i = 0; i < 20; ++i) {
    const Block block = rig.tick();
    ASSERT_TRUE(heard_as(block, rig.expected(block.frame), gain));
  }

  // Forward within the line (the source jumps), into the next line (a new clip), and
  // back into the first (its clip again): each first block is the audio at that point.
  for (const auto& [to, line] :
       {std::pair{scene::Micros{700'000}, one}, std::pair{scene::Micros{3'000'000}, two},
        std::pair{scene::Micros{300'000}, one}}) {
    const Block at = rig.show(rig.player.seek(to));
    ASSERT_EQ(at.frame.subtitle_line, line) << to;
    ASSERT_GT(at.frame.scene_time - at.frame.subtitle_start, 200'000) << to;
    EXPECT_TRUE(heard_fading_in(at, rig.expected(at.frame), gain)) << to;
    EXPECT_GT(rms(at.stereo), 0.1) << to;
    for (int i = 0; i < 5; ++i) {
      const Block next = rig.tick();
      EXPECT_TRUE(heard_as(next, rig.expected(next.frame), gain)) << to;
    }
  }
}

TEST(AudioNarration, LanguageSwitchPlaysTheOtherLanguage) {
  TempDir dir;
  const bundle::Bundle b = narrated_bundle(dir);
  NarrationRig rig(b);
  const double gain = first_gain(rig);
  while (rig.player.frame().scene_time < 400'000) rig.tick();
  ASSERT_TRUE(rig.player.set_language(1));
  std::vector<float> heard;
  for (int i = 0; i < 20; ++i) {
    const Block block = rig.tick();
    ASSERT_EQ(block.frame.language, 1u);
    ASSERT_EQ(block.frame.subtitle_line, line_of(b, "one"));
    // The new clip starts mid-line, so its first block may fade in.
    ASSERT_TRUE(i == 0 ? heard_fading_in(block, rig.expected(block.frame), gain)
                       : heard_as(block, rig.expected(block.frame), gain));
    const std::vector<float> left = block.left();
    heard.insert(heard.end(), left.begin(), left.end());
  }
  EXPECT_GT(tone_amplitude(heard, 700.0), 0.1);  // de's "one"
  EXPECT_LT(tone_amplitude(heard, 300.0), 0.01);
  const auto now = rig.voice.playing();
  ASSERT_TRUE(now);
  EXPECT_EQ(now->language, 1u);
}

TEST(AudioNarration, AVoiceFromAnObjectComesFromThereUnlessMono) {
  TempDir dir;
  const bundle::Bundle b = narrated_bundle(dir);
  NarrationRig rig(b);
  scene::FrameState frame = rig.tick().frame;
  ASSERT_EQ(frame.subtitle_line, line_of(b, "one"));
  auto settled = [&](scene::FrameState f) {
    rig.show(f);  // OpenAL ramps gains over one update
    f.scene_time += 10'000;
    return rig.show(f);
  };
  // `say … from NAME` with the object two metres to the patient's left.
  frame.subtitle_speaker = 0;
  frame.speaker_position = glm::vec3(-2.0f, 0.0f, 0.0f);
  Block block = settled(frame);
  const double l = rms(block.left());
  const double r = rms(block.right());
  EXPECT_GT(l, 2.0 * r) << l << " vs " << r;
  // Mono audio: heard in both ears alike.
  rig.out.apply({.mono = true});
  frame.scene_time += 20'000;
  block = settled(frame);
  const std::vector<float> ml = block.left();
  const std::vector<float> mr = block.right();
  EXPECT_GT(rms(ml), 0.01);
  for (std::size_t i = 0; i < ml.size(); ++i) ASSERT_NEAR(ml[i], mr[i], 1e-6f) << i;
  // Back to stereo and the narrator's own voice: head-locked, centred.
  rig.out.apply({});
  frame.subtitle_speaker = bundle::kNone;
  frame.scene_time += 20'000;
  block = settled(frame);
  EXPECT_NEAR(rms(block.left()), rms(block.right()), 1e-6);
  EXPECT_GT(rms(block.left()), 0.01);
}

TEST(AudioNarration, LinesWithoutAudioAreSilent) {
  TempDir dir;
  compiler::BundleContent c = compile_script(dir, kNarrationScript);
  c.narration.clear();  // as a bundle before format 1.3
  const bundle::Bundle b = open_content(c, "silent.trxb");
  NarrationRig rig(b);
  bool subtitled = false;
  for (int i = 0; i < 300; ++i) {
    const Block block = rig.tick();
    subtitled = subtitled || block.frame.subtitle_line != bundle::kNone;
    EXPECT_EQ(rms(block.stereo), 0.0);
    EXPECT_FALSE(rig.voice.playing());
  }
  EXPECT_TRUE(subtitled);
  EXPECT_FALSE(rig.voice.last_error());
  EXPECT_TRUE(rig.voice.preload(0));
}

}  // namespace
}  // namespace trialxr::testing
