#include "trialxr/narration/audio_file.h"

#include <fcntl.h>
#include <sndfile.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>
#include <cerrno>
#include <cstring>
#include <memory>

namespace trialxr::narration {

namespace {

constexpr int kMinSampleRate = 8000;
constexpr int kMaxSampleRate = 384000;

struct SndFileCloser {
  void operator()(SNDFILE* f) const { sf_close(f); }
};
using SndFilePtr = std::unique_ptr<SNDFILE, SndFileCloser>;

struct FdCloser {
  int fd = -1;
  ~FdCloser() {
    if (fd >= 0) ::close(fd);
  }
};

// libsndfile's name for a major format or a subtype, e.g. "FLAC (Free Lossless Audio Codec)".
std::string format_name(int format) {
  SF_FORMAT_INFO info{};
  info.format = format;
  if (sf_command(nullptr, SFC_GET_FORMAT_INFO, &info, sizeof(info)) != 0 || !info.name)
    return fmt::format("format {:#x}", format);
  return info.name;
}

// Empty when `format` is one narration is read from, else what it is instead.
std::string unsupported_format(int format) {
  const int major = format & SF_FORMAT_TYPEMASK;
  const int sub = format & SF_FORMAT_SUBMASK;
  if (major == SF_FORMAT_WAV || major == SF_FORMAT_WAVEX || major == SF_FORMAT_RF64) return {};
  if (major == SF_FORMAT_OGG) {
    if (sub == SF_FORMAT_VORBIS || sub == SF_FORMAT_OPUS) return {};
    return "Ogg holding " + format_name(sub);
  }
  return format_name(major);
}

std::string minutes_and_seconds(double seconds) {
  const auto whole = static_cast<long long>(seconds);
  return fmt::format("{} min {} s", whole / 60, whole % 60);
}

}  // namespace

Result<Pcm> read_audio_file(const std::string& path) {
  // Opened here rather than by libsndfile, so that a file that cannot be opened is told
  // apart from one in a format it does not know.
  FdCloser fd{::open(path.c_str(), O_RDONLY | O_CLOEXEC)};
  if (fd.fd < 0) return fail(path + ": cannot open: " + std::strerror(errno));
  struct stat st {};
  if (::fstat(fd.fd, &st) != 0) return fail(path + ": cannot open: " + std::strerror(errno));
  if (S_ISDIR(st.st_mode)) return fail(path + ": cannot open: is a folder, not a file");
  if (S_ISREG(st.st_mode) && st.st_size == 0)
    return fail(path + ": holds no audio: the file is empty");

  SF_INFO info{};
  // Declared after `fd`, so closed before it.
  SndFilePtr file(sf_open_fd(fd.fd, SFM_READ, &info, SF_FALSE));
  if (!file) return fail(path + ": not a WAV, Ogg Vorbis or Opus file: " + sf_strerror(nullptr));
  if (std::string other = unsupported_format(info.format); !other.empty())
    return fail(path + ": not a WAV, Ogg Vorbis or Opus file: it is " + other);
  if (info.channels <= 0 || info.frames <= 0) return fail(path + ": holds no audio");
  if (info.samplerate < kMinSampleRate || info.samplerate > kMaxSampleRate)
    return fail(fmt::format("{}: sample rate {} Hz is outside {} to {} Hz", path, info.samplerate,
                            kMinSampleRate, kMaxSampleRate));
  const auto max_frames = static_cast<sf_count_t>(kMaxNarrationSeconds * info.samplerate);
  const auto too_long = [&](sf_count_t frames) {
    return fail(fmt::format("{}: lasts {}; a narration line may last at most {} minutes", path,
                            minutes_and_seconds(static_cast<double>(frames) / info.samplerate),
                            static_cast<int>(kMaxNarrationSeconds / 60)));
  };
  if (info.frames > max_frames) return too_long(info.frames);

  // Read in blocks, mixing each down to mono as it arrives: the mean of the channels.
  Pcm pcm;
  pcm.sample_rate = info.samplerate;
  pcm.samples.reserve(static_cast<std::size_t>(info.frames));
  constexpr sf_count_t kBlockFrames = 4096;
  const auto channels = static_cast<std::size_t>(info.channels);
  std::vector<float> block(static_cast<std::size_t>(kBlockFrames) * channels);
  const float scale = 1.0f / static_cast<float>(channels);
  for (;;) {
    const sf_count_t got = sf_readf_float(file.get(), block.data(), kBlockFrames);
    if (got <= 0) break;
    for (std::size_t f = 0; f < static_cast<std::size_t>(got); ++f) {
      float sum = 0.0f;
      for (std::size_t c = 0; c < channels; ++c) sum += block[f * channels + c];
      pcm.samples.push_back(sum * scale);
    }
    // The header's length can be wrong (a damaged or still-growing file).
    if (static_cast<sf_count_t>(pcm.samples.size()) > max_frames)
      return too_long(static_cast<sf_count_t>(pcm.samples.size()));
  }
  if (sf_error(file.get()) != SF_ERR_NO_ERROR)
    return fail(path + ": cannot decode: " + sf_strerror(file.get()));
  if (pcm.samples.empty()) return fail(path + ": holds no audio");
  return resample(pcm, kNarrationSampleRate);
}

}  // namespace trialxr::narration
