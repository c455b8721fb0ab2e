#include "narration_lowering.h"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <thread>

#include "trialxr/core/file_io.h"
#include "trialxr/narration/audio_file.h"
#include "trialxr/narration/opus_encoder.h"
#include "trialxr/narration/speech.h"

namespace trialxr::compiler {
namespace {

constexpr int kBitrate = 24000;  // mono speech: clear at 24 kbit/s, 180 KB a minute

// One line's audio, encoded, or why it could not be.
struct Outcome {
  narration::EncodedAudio audio;
  std::string source;  // stored in NARR: the recording as named, or the synthesiser
  bool synthesised = false;
  std::optional<Diagnostic> problem;
};

// Encoded audio by a hash of what made it (the recording's bytes or the words and voice,
// and the encoder settings), for the life of the process: the live preview rebuilds on
// every save, and most lines have not changed.
class EncodedCache {
 public:
  std::optional<narration::EncodedAudio> find(const Hash256& key) {
    std::lock_guard lock(mutex_);
    auto it = items_.find(key);
    if (it == items_.end()) return std::nullopt;
    return it->second;
  }
  void put(const Hash256& key, const narration::EncodedAudio& audio) {
    std::lock_guard lock(mutex_);
    if (items_.size() > 4096) items_.clear();
    items_[key] = audio;
  }

 private:
  std::mutex mutex_;
  std::map<Hash256, narration::EncodedAudio> items_;
};

EncodedCache& cache() {
  static EncodedCache c;
  return c;
}

Hash256 key_of(std::string_view kind, std::string_view a, std::span<const std::byte> b) {
  Blake2b256 h;
  h.update(kind);
  h.update(fmt::format("|{}|{}|", kBitrate, a.size()));
  h.update(a);
  h.update(b);
  return h.finish();
}

Diagnostic problem(std::string code, const NarrationSource& s, std::string message,
                   std::string hint = {}) {
  Diagnostic d;
  d.severity = Severity::error;
  d.code = std::move(code);
  d.file = s.file;
  d.loc = s.loc;
  d.message = std::move(message);
  d.hint = std::move(hint);
  return d;
}

Outcome recorded(const NarrationSource& s, const std::string& bytes) {
  Outcome o;
  o.source = s.audio_name;
  const Hash256 key = key_of("file", s.audio_path, std::as_bytes(std::span(bytes)));
  if (auto hit = cache().find(key)) {
    o.audio = std::move(*hit);
    return o;
  }
  auto pcm = narration::read_audio_file(s.audio_path);
  if (!pcm) {
    o.problem = problem("TX0902", s, pcm.error().message,
                        "narration files are WAV, Ogg Vorbis or Ogg Opus");
    return o;
  }
  o.audio = narration::encode_opus(*pcm, kBitrate);
  cache().put(key, o.audio);
  return o;
}

Outcome synthesised(const NarrationSource& s) {
  Outcome o;
  o.synthesised = true;
  o.source = narration::speech_source(s.voice_language);
  const Hash256 key = key_of("speech", o.source, std::as_bytes(std::span(s.text)));
  if (auto hit = cache().find(key)) {
    o.audio = std::move(*hit);
    return o;
  }
  auto pcm = narration::synthesise(s.text, s.voice_language);
  if (!pcm) {
    o.problem = problem("TX0903", s, pcm.error().message,
                        "name a recording: `say \"…\" audio \"FILE\"` in the script, or "
                        "`# audio: FILE` on the line's entry in its PO file");
    return o;
  }
  o.audio = narration::encode_opus(*pcm, kBitrate);
  cache().put(key, o.audio);
  return o;
}

}  // namespace

void lower_narration(const std::vector<NarrationSource>& sources, std::size_t languages,
                     const CompileOptions& options, BundleContent& content, Diagnostics& diags,
                     std::vector<std::string>& inputs, Blake2b256& source_hash) {
  // Recordings first, in order: they are inputs (watched by the live preview) and part of
  // the source hash whether or not they decode.
  std::vector<std::optional<std::string>> bytes(sources.size());
  for (std::size_t i = 0; i < sources.size(); ++i) {
    const NarrationSource& s = sources[i];
    if (s.audio_name.empty()) {
      if (options.require_recorded_narration) {
        diags.add(
            problem("TX0904", s,
                    fmt::format("no recorded narration for line '{}' in '{}'; a release "
                                "that requires recordings cannot use synthesised speech",
                                content.strings.view(content.lines[s.line].id), s.voice_language),
                    "name a recording: `say \"…\" audio \"FILE\"` in the script, or "
                    "`# audio: FILE` on the line's entry in its PO file"));
      }
      continue;
    }
    std::error_code ec;
    if (!std::filesystem::is_regular_file(s.audio_path, ec)) {
      diags.add(problem("TX0901", s,
                        fmt::format("cannot find the narration file '{}'", s.audio_name),
                        fmt::format("paths are relative to the folder of the file that names "
                                    "them; looked for {}",
                                    std::filesystem::absolute(s.audio_path).string())));
      continue;
    }
    auto read = read_file(s.audio_path);
    if (!read) {
      diags.add(problem("TX0902", s, read.error().message));
      continue;
    }
    inputs.push_back(s.audio_path);
    source_hash.update(s.audio_name);
    source_hash.update(*read);
    bytes[i] = std::move(*read);
  }
  if (diags.has_errors()) return;

  // Decode or synthesise, and encode, on every core (espeak-ng itself runs one at a time).
  std::vector<Outcome> outcomes(sources.size());
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t i = next++; i < sources.size(); i = next++) {
      outcomes[i] = bytes[i] ? recorded(sources[i], *bytes[i]) : synthesised(sources[i]);
    }
  };
  const std::size_t workers =
      std::clamp<std::size_t>(std::thread::hardware_concurrency(), 1, sources.size());
  std::vector<std::thread> threads;
  for (std::size_t w = 1; w < workers; ++w) threads.emplace_back(work);
  work();
  for (std::thread& t : threads) t.join();

  content.narration.assign(content.lines.size() * languages, bundle::NarrationRecord{});
  content.audio_packets.clear();
  content.opus.clear();
  for (std::size_t i = 0; i < sources.size(); ++i) {
    const NarrationSource& s = sources[i];
    Outcome& o = outcomes[i];
    if (o.problem) {
      diags.add(std::move(*o.problem));
      continue;
    }
    if (o.synthesised) source_hash.update(o.source);  // the voice: a new one changes the bundle
    bundle::NarrationRecord& n = content.narration[std::size_t{s.line} * languages + s.language];
    n.first_packet = static_cast<std::uint32_t>(content.audio_packets.size());
    n.packet_count = static_cast<std::uint32_t>(o.audio.packets.size());
    n.samples = o.audio.samples;
    n.pre_skip = o.audio.pre_skip;
    n.flags = o.synthesised ? bundle::kNarrationSynthesised : 0;
    n.source = content.strings.intern(o.source);
    for (const std::vector<std::byte>& p : o.audio.packets) {
      content.audio_packets.push_back(
          {static_cast<std::uint32_t>(content.opus.size()), static_cast<std::uint32_t>(p.size())});
      content.opus.insert(content.opus.end(), p.begin(), p.end());
    }
  }
}

}  // namespace trialxr::compiler
