#include "espeak.h"

#include <espeak-ng/espeak_ng.h>
#include <espeak-ng/speak_lib.h>
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fmt/format.h>
#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <mutex>

namespace trialxr::narration::espeak {

namespace {

std::string status_message(espeak_ng_STATUS status) {
  char text[512] = {};
  espeak_ng_GetStatusCodeMessage(status, text, sizeof(text));
  return text;
}

std::string errno_text(const char* call) {
  return std::string(call) + ": " + std::strerror(errno);
}

// Exit codes of a child.
enum ChildExit : int { kDone = 0, kNoVoice = 2, kFailed = 3, kPipeBroken = 4 };

// The child's end of the pipe, and whether writing to it failed. Only a child process,
// which has one thread, sets them.
int child_fd = -1;
bool child_write_failed = false;

bool write_all(int fd, const void* data, std::size_t size) {
  const auto* p = static_cast<const char*>(data);
  while (size > 0) {
    const ssize_t n = ::write(fd, p, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    p += n;
    size -= static_cast<std::size_t>(n);
  }
  return true;
}

// espeak-ng's synth callback, in a child: passes the samples up the pipe.
int on_samples(short* wav, int count, espeak_EVENT*) {
  if (wav == nullptr || count <= 0) return 0;
  if (write_all(child_fd, wav, static_cast<std::size_t>(count) * sizeof(short))) return 0;
  child_write_failed = true;
  return 1;  // stop synthesising
}

ChildExit child_speak(const std::string& text) {
  const espeak_ng_STATUS status = espeak_ng_Synthesize(
      text.c_str(), text.size() + 1, 0, POS_CHARACTER, 0, espeakCHARS_UTF8, nullptr, nullptr);
  if (child_write_failed) return kPipeBroken;
  return status == ENS_OK ? kDone : kFailed;
}

ChildExit child_phonemes(const std::string& text) {
  const void* rest = text.c_str();
  std::string all;
  while (rest != nullptr) {  // one clause a call
    const char* clause = espeak_TextToPhonemes(&rest, espeakCHARS_UTF8, 0);
    if (clause == nullptr || *clause == 0) continue;
    if (!all.empty()) all += ' ';
    all += clause;
  }
  return write_all(child_fd, all.data(), all.size()) ? kDone : kPipeBroken;
}

enum class Job { speak, phonemes };

// Does `job` for `text` with `voice` in a child process forked from this one, which has
// never synthesised: what the child writes to the pipe comes back.
Result<std::vector<char>> in_child(Job job, const std::string& voice, const std::string& text) {
  static std::mutex turns;
  std::lock_guard lock(turns);
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) return fail(errno_text("pipe"));
  const pid_t child = ::fork();
  if (child < 0) {
    const std::string why = errno_text("fork");
    ::close(fds[0]);
    ::close(fds[1]);
    return fail(why);
  }
  if (child == 0) {
    ::close(fds[0]);
    child_fd = fds[1];
    std::srand(1);  // breathy voices add rand() noise
    if (espeak_ng_SetVoiceByName(voice.c_str()) != ENS_OK) ::_exit(kNoVoice);
    const ChildExit done = job == Job::speak ? child_speak(text) : child_phonemes(text);
    ::_exit(::close(child_fd) == 0 ? done : kPipeBroken);
  }
  ::close(fds[1]);

  std::vector<char> bytes;
  char buffer[65536];
  std::string read_error;
  for (;;) {
    const ssize_t n = ::read(fds[0], buffer, sizeof(buffer));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) read_error = errno_text("read");
    if (n <= 0) break;
    bytes.insert(bytes.end(), buffer, buffer + n);
  }
  ::close(fds[0]);
  int status = 0;
  while (::waitpid(child, &status, 0) < 0) {
    if (errno != EINTR) return fail(errno_text("waitpid"));
  }
  if (!read_error.empty()) return fail(read_error);
  if (WIFSIGNALED(status))
    return fail(fmt::format("its process died of signal {}", WTERMSIG(status)));
  if (!WIFEXITED(status)) return fail("its process stopped");
  switch (WEXITSTATUS(status)) {
    case kDone:
      return bytes;
    case kNoVoice:
      return fail("espeak-ng cannot load the voice");
    case kFailed:
      return fail("espeak-ng cannot synthesise the text");
    case kPipeBroken:
      return fail("its process could not pass on what it made");
    default:
      return fail(fmt::format("its process exited with {}", WEXITSTATUS(status)));
  }
}

Result<Engine> start() {
  espeak_ng_InitializePath(nullptr);  // ESPEAK_DATA_PATH, else where espeak-ng was installed
  espeak_ng_ERROR_CONTEXT context = nullptr;
  espeak_ng_STATUS status = espeak_ng_Initialize(&context);
  espeak_ng_ClearErrorContext(&context);
  if (status != ENS_OK) return fail("espeak-ng cannot start: " + status_message(status));
  status = espeak_ng_InitializeOutput(ENOUTPUT_MODE_SYNCHRONOUS, 0, nullptr);
  if (status != ENS_OK) return fail("espeak-ng cannot start: " + status_message(status));
  espeak_SetSynthCallback(on_samples);

  Engine engine;
  engine.version = espeak_Info(nullptr);
  engine.sample_rate = espeak_ng_GetSampleRate();
  for (const espeak_VOICE** v = espeak_ListVoices(nullptr); v && *v; ++v) {
    const std::string_view id = (*v)->identifier ? (*v)->identifier : "";
    if (id.empty() || id.starts_with("mb/")) continue;  // MBROLA: separately installed data
    Voice voice;
    voice.name = std::string(id.substr(id.rfind('/') + 1));
    std::transform(voice.name.begin(), voice.name.end(), voice.name.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    // languages: (priority byte, NUL-terminated name)..., then a 0 byte.
    for (const char* l = (*v)->languages; l && *l != 0; l += std::strlen(l + 1) + 2)
      voice.languages.emplace_back(l + 1, static_cast<unsigned char>(*l));
    engine.voices.push_back(std::move(voice));
  }
  return engine;
}

}  // namespace

const Result<Engine>& engine() {
  static const Result<Engine> started = start();
  return started;
}

Result<std::vector<std::int16_t>> speak(const std::string& voice, std::string_view text) {
  if (!engine()) return fail(engine().error().message);
  Result<std::vector<char>> bytes = in_child(Job::speak, voice, std::string(text));
  if (bytes && bytes->size() % sizeof(std::int16_t) != 0) bytes = fail("a sample was cut in half");
  if (!bytes)
    return fail(fmt::format("speech synthesis with espeak-ng voice {} failed: {}", voice,
                            bytes.error().message));
  std::vector<std::int16_t> samples(bytes->size() / sizeof(std::int16_t));
  std::memcpy(samples.data(), bytes->data(), bytes->size());
  return samples;
}

Result<std::string> phonemes(const std::string& voice, std::string_view text) {
  if (!engine()) return fail(engine().error().message);
  Result<std::vector<char>> bytes = in_child(Job::phonemes, voice, std::string(text));
  if (!bytes)
    return fail(fmt::format("espeak-ng voice {} cannot transcribe the text: {}", voice,
                            bytes.error().message));
  return std::string(bytes->begin(), bytes->end());
}

}  // namespace trialxr::narration::espeak
