// AudioOutput and PositionalSound on a loopback device: master volume, mute, mono audio,
// the listener's pose, and determinism.
#include <gtest/gtest.h>

#include <glm/gtc/quaternion.hpp>

#include "audio_fixture.h"
#include "trialxr/audio/audio_clip.h"
#include "trialxr/audio/positional_sound.h"

namespace trialxr::testing {
namespace {

audio::AudioOutput loopback_output() {
  auto out = audio::AudioOutput::open_loopback(kRate);
  EXPECT_TRUE(out) << (out ? "" : out.error().message);
  return std::move(*out);
}

// Renders `frames` frames, returns them interleaved.
std::vector<float> render(audio::AudioOutput& out, std::size_t frames) {
  std::vector<float> stereo(2 * frames);
  out.render(stereo);
  return stereo;
}

// Renders 20 ms to let gain changes settle, then the 100 ms that are measured.
std::vector<float> settled(audio::AudioOutput& out) {
  render(out, 960);
  return render(out, 4800);
}

struct Looping {
  audio::AudioClip clip;
  audio::PositionalSound sound;
};

Looping looping_tone(audio::AudioOutput& out, const glm::vec3& at, double hz = 400.0) {
  auto clip = audio::AudioClip::create(out, sine(hz, kRate), kRate);
  EXPECT_TRUE(clip) << (clip ? "" : clip.error().message);
  Looping l{std::move(*clip), audio::PositionalSound(out)};
  l.sound.set_position(at);
  EXPECT_TRUE(l.sound.play(l.clip, /*loop=*/true));
  return l;
}

TEST(AudioOutput, OpensLoopbackAt48kHz) {
  audio::AudioOutput out = loopback_output();
  EXPECT_TRUE(out.is_loopback());
  EXPECT_EQ(out.sample_rate(), kRate);
  EXPECT_EQ(rms(render(out, 480)), 0.0);  // nothing plays yet
}

TEST(AudioOutput, MissingNamedDeviceIsAnError) {
  auto out = audio::AudioOutput::open("TrialXR test: no such device");
  ASSERT_FALSE(out);
  EXPECT_EQ(
      out.error().message.rfind(
          "no audio output device ('TrialXR test: no such device' could not be opened; OpenAL "
          "reports: ",
          0),
      0u)
      << out.error().message;
}

TEST(AudioOutput, ClipNeedsSamplesAndASaneRate) {
  audio::AudioOutput out = loopback_output();
  auto empty = audio::AudioClip::create(out, {}, kRate);
  ASSERT_FALSE(empty);
  EXPECT_EQ(empty.error().message, "an audio clip needs at least one sample");
  const std::vector<float> one(1, 0.0f);
  auto slow = audio::AudioClip::create(out, one, 100);
  ASSERT_FALSE(slow);
  EXPECT_EQ(slow.error().message, "an audio clip's sample rate must be 8000..192000 Hz, not 100");
  auto ok = audio::AudioClip::create(out, sine(440.0, 4800), kRate);
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->samples(), 4800u);
  EXPECT_DOUBLE_EQ(ok->seconds(), 0.1);
}

TEST(AudioOutput, VolumeHalvesTheLevelAndMuteSilences) {
  audio::AudioOutput out = loopback_output();
  Looping tone = looping_tone(out, {0.0f, 0.0f, -1.0f});
  const double full = rms(settled(out));
  ASSERT_GT(full, 0.1);
  out.apply({.volume = 0.5f});
  EXPECT_NEAR(rms(settled(out)) / full, 0.5, 0.005);
  out.apply({.volume = 0.5f, .muted = true});
  EXPECT_EQ(rms(settled(out)), 0.0);
  EXPECT_TRUE(tone.sound.playing());  // muted, not stopped
  out.apply({});
  EXPECT_NEAR(rms(settled(out)) / full, 1.0, 0.005);
  out.apply({.volume = -3.0f});  // clamped to silence
  EXPECT_EQ(out.settings().volume, 0.0f);
  EXPECT_EQ(rms(settled(out)), 0.0);
}

TEST(AudioOutput, MonoCentresASoundOnTheLeft) {
  audio::AudioOutput out = loopback_output();
  Looping left = looping_tone(out, {-2.0f, 0.0f, 0.0f});
  std::vector<float> mixed = settled(out);
  const double l = rms(channel(mixed, 0));
  const double r = rms(channel(mixed, 1));
  EXPECT_GT(l, 2.0 * r) << "stereo: the left channel is louder (" << l << " vs " << r << ")";

  out.apply({.mono = true});
  mixed = settled(out);
  const std::vector<float> ml = channel(mixed, 0);
  const std::vector<float> mr = channel(mixed, 1);
  for (std::size_t i = 0; i < ml.size(); ++i) ASSERT_NEAR(ml[i], mr[i], 1e-6f) << i;
  const double mono_level = rms(ml);
  EXPECT_GT(mono_level, 0.01);

  // Still as loud as the same sound straight ahead at the same distance: distance
  // attenuation stays, only the panning goes.
  audio::AudioOutput reference = loopback_output();
  Looping ahead = looping_tone(reference, {0.0f, 0.0f, -2.0f});
  EXPECT_NEAR(rms(channel(settled(reference), 0)) / mono_level, 1.0, 0.01);

  // Moving the sound or the head keeps it centred.
  left.sound.set_position({-5.0f, 0.0f, 1.0f});
  out.set_listener({0.5f, 0.0f, 0.0f}, glm::angleAxis(0.3f, glm::vec3(0.0f, 1.0f, 0.0f)));
  mixed = settled(out);
  EXPECT_EQ(channel(mixed, 0), channel(mixed, 1));
  EXPECT_GT(rms(mixed), 0.001);

  // Back to stereo: panned again.
  out.apply({.mono = false});
  mixed = settled(out);
  EXPECT_GT(rms(channel(mixed, 0)), 2.0 * rms(channel(mixed, 1)));
}

TEST(AudioOutput, ListenerOrientationTurnsTheSoundField) {
  audio::AudioOutput out = loopback_output();
  Looping tone = looping_tone(out, {-2.0f, 0.0f, 0.0f});
  // Turned 90 degrees to the left (about +Y) the sound on the left is straight ahead.
  out.set_listener({0.0f, 0.0f, 0.0f},
                   glm::angleAxis(glm::radians(90.0f), glm::vec3(0.0f, 1.0f, 0.0f)));
  std::vector<float> mixed = settled(out);
  EXPECT_NEAR(rms(channel(mixed, 0)) / rms(channel(mixed, 1)), 1.0, 1e-3);
  // Turned the other way it is behind on the right... and so on the right channel.
  out.set_listener({0.0f, 0.0f, 0.0f},
                   glm::angleAxis(glm::radians(180.0f), glm::vec3(0.0f, 1.0f, 0.0f)));
  mixed = settled(out);
  EXPECT_GT(rms(channel(mixed, 1)), 2.0 * rms(channel(mixed, 0)));
  // A broken pose is ignored.
  const float nan = std::numeric_limits<float>::quiet_NaN();
  out.set_listener({nan, 0.0f, 0.0f}, glm::quat(1.0f, 0.0f, 0.0f, 0.0f));
  std::vector<float> again = settled(out);
  EXPECT_GT(rms(channel(again, 1)), 2.0 * rms(channel(again, 0)));
}

TEST(AudioOutput, TwoOutputsMixTheSameThingIdentically) {
  // Two devices side by side, rendered in turns: each call finds its own context.
  audio::AudioOutput a = loopback_output();
  audio::AudioOutput b = loopback_output();
  Looping ta = looping_tone(a, {1.0f, 0.5f, -2.0f}, 330.0);
  Looping tb = looping_tone(b, {1.0f, 0.5f, -2.0f}, 330.0);
  for (int i = 0; i < 20; ++i) {
    const std::vector<float> x = render(a, 480);
    const std::vector<float> y = render(b, 480);
    ASSERT_EQ(x, y) << "block " << i;
    ASSERT_GT(rms(x), 0.01);
  }
  tb.sound.stop();
  EXPECT_FALSE(tb.sound.playing());
  EXPECT_EQ(rms(render(b, 480)), 0.0);
  EXPECT_GT(rms(render(a, 480)), 0.01);
}

TEST(AudioOutput, SoundsAndClipsMayOutliveTheOutput) {
  std::optional<audio::AudioOutput> out = loopback_output();
  auto clip = audio::AudioClip::create(*out, sine(440.0, 480), kRate);
  ASSERT_TRUE(clip);
  audio::PositionalSound sound(*out);
  ASSERT_TRUE(sound.play(*clip));
  std::vector<float> mixed(2 * kTickFrames);
  out->render(mixed);
  EXPECT_GT(rms(mixed), 0.01);
  out->render(mixed);
  EXPECT_FALSE(sound.playing());  // a 10 ms clip, not looping: done
  out.reset();                    // the device lives on until the sound and clip go
  sound.set_position({1.0f, 0.0f, 0.0f});
  EXPECT_FALSE(sound.playing());
}

}  // namespace
}  // namespace trialxr::testing
