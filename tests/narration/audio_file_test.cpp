#include <gtest/gtest.h>
#include <sndfile.h>

#include <cmath>
#include <numbers>

#include "temp_dir.h"
#include "trialxr/narration/audio_file.h"

namespace trialxr::narration {
namespace {

using trialxr::testing::TempDir;

constexpr double kPi = std::numbers::pi;

// Writes `seconds` of a `frequency` sine with libsndfile, channel c at amplitudes[c].
void write_sine(const std::string& path, int format, int rate, std::vector<float> amplitudes,
                double seconds, double frequency = 440.0) {
  SF_INFO info{};
  info.samplerate = rate;
  info.channels = static_cast<int>(amplitudes.size());
  info.format = format;
  SNDFILE* file = sf_open(path.c_str(), SFM_WRITE, &info);
  ASSERT_NE(file, nullptr) << sf_strerror(nullptr);
  const auto frames = static_cast<std::size_t>(std::llround(seconds * rate));
  std::vector<float> data(frames * amplitudes.size());
  for (std::size_t f = 0; f < frames; ++f) {
    const double s = std::sin(2.0 * kPi * frequency * static_cast<double>(f) / rate);
    for (std::size_t c = 0; c < amplitudes.size(); ++c)
      data[f * amplitudes.size() + c] = static_cast<float>(static_cast<double>(amplitudes[c]) * s);
  }
  EXPECT_EQ(sf_writef_float(file, data.data(), static_cast<sf_count_t>(frames)),
            static_cast<sf_count_t>(frames));
  sf_close(file);
}

// The frequency from the rising zero crossings between `from` and `to` seconds,
// interpolated between samples.
double zero_crossing_frequency(const Pcm& pcm, double from, double to) {
  const auto a = static_cast<std::size_t>(from * pcm.sample_rate);
  const auto b = std::min(pcm.samples.size(), static_cast<std::size_t>(to * pcm.sample_rate));
  double first = -1.0, last = -1.0;
  int crossings = 0;
  for (std::size_t i = a + 1; i < b; ++i) {
    const float p = pcm.samples[i - 1], q = pcm.samples[i];
    if (p < 0.0f && q >= 0.0f) {
      const double t =
          (static_cast<double>(i - 1) + static_cast<double>(p / (p - q))) / pcm.sample_rate;
      if (first < 0.0) first = t;
      last = t;
      ++crossings;
    }
  }
  if (crossings < 2) return 0.0;
  return (crossings - 1) / (last - first);
}

float peak(const Pcm& pcm, double from, double to) {
  float m = 0.0f;
  for (auto i = static_cast<std::size_t>(from * pcm.sample_rate);
       i < static_cast<std::size_t>(to * pcm.sample_rate) && i < pcm.samples.size(); ++i)
    m = std::max(m, std::fabs(pcm.samples[i]));
  return m;
}

TEST(NarrationAudioFile, StereoWavAt44kIsMixedToMonoAt48k) {
  TempDir dir;
  const std::string path = dir.file("line.wav");
  write_sine(path, SF_FORMAT_WAV | SF_FORMAT_PCM_16, 44100, {0.5f, 0.3f}, 1.5);
  Result<Pcm> pcm = read_audio_file(path);
  ASSERT_TRUE(pcm.has_value()) << pcm.error().message;
  EXPECT_EQ(pcm->sample_rate, 48000);
  EXPECT_NEAR(pcm->seconds(), 1.5, 0.001);
  // The mean of the channels: 0.4, not their sum (0.8) nor one channel.
  EXPECT_NEAR(peak(*pcm, 0.1, 1.4), 0.4f, 0.005f);
  EXPECT_NEAR(zero_crossing_frequency(*pcm, 0.1, 1.4), 440.0, 0.1);
  // In time with the original: no delay from the resampler.
  double worst = 0.0;
  for (std::size_t i = 4800; i < 67200; ++i) {  // 0.1 to 1.4 s
    const double expected = 0.4 * std::sin(2.0 * kPi * 440.0 * static_cast<double>(i) / 48000.0);
    worst = std::max(worst, std::fabs(static_cast<double>(pcm->samples[i]) - expected));
  }
  EXPECT_LT(worst, 2e-3);
}

TEST(NarrationAudioFile, OggVorbisIsRead) {
  TempDir dir;
  const std::string path = dir.file("line.ogg");
  write_sine(path, SF_FORMAT_OGG | SF_FORMAT_VORBIS, 44100, {0.5f, 0.5f}, 2.0);
  Result<Pcm> pcm = read_audio_file(path);
  ASSERT_TRUE(pcm.has_value()) << pcm.error().message;
  EXPECT_EQ(pcm->sample_rate, 48000);
  EXPECT_NEAR(pcm->seconds(), 2.0, 0.001);
  EXPECT_NEAR(peak(*pcm, 0.2, 1.8), 0.5f, 0.05f);
  EXPECT_NEAR(zero_crossing_frequency(*pcm, 0.2, 1.8), 440.0, 0.5);
}

TEST(NarrationAudioFile, OggOpusIsRead) {
  TempDir dir;
  const std::string path = dir.file("line.opus");
  write_sine(path, SF_FORMAT_OGG | SF_FORMAT_OPUS, 48000, {0.5f}, 1.25);
  Result<Pcm> pcm = read_audio_file(path);
  ASSERT_TRUE(pcm.has_value()) << pcm.error().message;
  EXPECT_EQ(pcm->sample_rate, 48000);
  EXPECT_NEAR(pcm->seconds(), 1.25, 0.001);
  EXPECT_NEAR(peak(*pcm, 0.2, 1.0), 0.5f, 0.05f);
  EXPECT_NEAR(zero_crossing_frequency(*pcm, 0.2, 1.0), 440.0, 0.5);
}

TEST(NarrationAudioFile, LowRatesAreResampled) {
  TempDir dir;
  const std::string path = dir.file("phone.wav");
  write_sine(path, SF_FORMAT_WAV | SF_FORMAT_FLOAT, 8000, {0.25f}, 0.7, 300.0);
  Result<Pcm> pcm = read_audio_file(path);
  ASSERT_TRUE(pcm.has_value()) << pcm.error().message;
  EXPECT_EQ(pcm->samples.size(), 33600u);  // 0.7 s at 48 kHz
  EXPECT_NEAR(zero_crossing_frequency(*pcm, 0.1, 0.6), 300.0, 0.1);
}

void expect_error(const Result<Pcm>& pcm, const std::string& path, const std::string& what) {
  ASSERT_FALSE(pcm.has_value());
  EXPECT_EQ(pcm.error().message.rfind(path + ": ", 0), 0u) << pcm.error().message;
  EXPECT_NE(pcm.error().message.find(what), std::string::npos) << pcm.error().message;
}

TEST(NarrationAudioFile, UnreadableFilesAreErrorsNamingThePath) {
  TempDir dir;
  const std::string missing = dir.file("missing.wav");
  expect_error(read_audio_file(missing), missing, "cannot open: No such file or directory");

  const std::string text = dir.write("notes.wav", "Please make a fist. This is not audio.\n");
  expect_error(read_audio_file(text), text, "not a WAV, Ogg Vorbis or Opus file: ");

  const std::string empty = dir.write("empty.wav", "");
  expect_error(read_audio_file(empty), empty, "holds no audio");

  expect_error(read_audio_file(dir.path().string()), dir.path().string(), "is a folder");
}

TEST(NarrationAudioFile, AWavWithoutSamplesHoldsNoAudio) {
  TempDir dir;
  const std::string path = dir.file("nothing.wav");
  write_sine(path, SF_FORMAT_WAV | SF_FORMAT_PCM_16, 44100, {0.5f}, 0.0);
  expect_error(read_audio_file(path), path, "holds no audio");
}

TEST(NarrationAudioFile, OtherFormatsAreRefused) {
  TempDir dir;
  const std::string path = dir.file("line.flac");
  write_sine(path, SF_FORMAT_FLAC | SF_FORMAT_PCM_16, 44100, {0.5f}, 0.2);
  expect_error(read_audio_file(path), path, "not a WAV, Ogg Vorbis or Opus file: it is FLAC");
}

TEST(NarrationAudioFile, OverTenMinutesIsRefused) {
  TempDir dir;
  const std::string path = dir.file("long.wav");
  write_sine(path, SF_FORMAT_WAV | SF_FORMAT_PCM_16, 8000, {0.1f}, 601.0);
  expect_error(read_audio_file(path), path,
               "lasts 10 min 1 s; a narration line may last at most 10 minutes");
}

TEST(NarrationResample, KeepsLengthAndPitch) {
  Pcm in;
  in.sample_rate = 22050;
  for (int i = 0; i < 22050; ++i)
    in.samples.push_back(0.5f * static_cast<float>(std::sin(2.0 * kPi * 1000.0 * i / 22050.0)));
  Pcm out = resample(in, 48000);
  EXPECT_EQ(out.sample_rate, 48000);
  EXPECT_EQ(out.samples.size(), 48000u);
  EXPECT_NEAR(zero_crossing_frequency(out, 0.1, 0.9), 1000.0, 0.1);
  EXPECT_EQ(resample(in, 48000).samples, out.samples);  // deterministic
  Pcm same = resample(in, 22050);
  EXPECT_EQ(same.samples, in.samples);
}

TEST(NarrationResample, ClampsToFullScale) {
  Pcm square;
  square.sample_rate = 44100;
  for (int i = 0; i < 4410; ++i) square.samples.push_back((i / 50) % 2 ? 1.0f : -1.0f);
  Pcm out = resample(square, 48000);
  float most = 0.0f;
  for (float s : out.samples) most = std::max(most, std::fabs(s));
  EXPECT_EQ(most, 1.0f);  // the sinc filter rings past full scale at every edge: clamped
}

TEST(NarrationTrimSilence, KeepsPaddingAtEachEnd) {
  Pcm in;
  in.sample_rate = 1000;
  in.samples.assign(1000, 0.0f);
  for (int i = 300; i < 500; ++i) in.samples[i] = 0.5f;
  in.samples[100] = 0.0005f;  // below the threshold
  Pcm out = trim_silence(in, 1e-3f, 0.05);
  ASSERT_EQ(out.samples.size(), 300u);  // 50 + 200 + 50
  EXPECT_EQ(out.samples.front(), 0.0f);
  EXPECT_EQ(out.samples[50], 0.5f);
  EXPECT_EQ(out.samples[249], 0.5f);
  EXPECT_EQ(out.samples[250], 0.0f);

  // Padding reaches no further than the input.
  Pcm edge;
  edge.sample_rate = 1000;
  edge.samples = {0.0f, 0.9f, 0.0f, 0.0f};
  EXPECT_EQ(trim_silence(edge, 1e-3f, 0.01).samples, edge.samples);
  EXPECT_EQ(trim_silence(edge, 1e-3f, 0.0).samples, std::vector<float>{0.9f});

  Pcm silent;
  silent.sample_rate = 1000;
  silent.samples.assign(500, 1e-4f);
  EXPECT_TRUE(trim_silence(silent).samples.empty());
}

}  // namespace
}  // namespace trialxr::narration
