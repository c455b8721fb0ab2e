#include "trialxr/audio/narration_decoder.h"

#include <fmt/format.h>
#include <opus.h>

#include <memory>
#include <string>

#include "trialxr/core/check.h"

namespace trialxr::audio {

namespace {

// The longest Opus frame: 120 ms at 48 kHz.
constexpr int kMaxFrameSamples = 5760;

struct DecoderDeleter {
  void operator()(OpusDecoder* d) const { opus_decoder_destroy(d); }
};

// "blood.trxb: narration of line 'pinch' (en)"
std::string describe(const bundle::Bundle& b, std::uint32_t line, std::uint32_t language) {
  const std::string_view id = b.string(b.lines()[line].id);
  const std::string_view tag = b.string(b.languages()[language]);
  const std::string what = id.empty() ? fmt::format("line {}", line) : fmt::format("line '{}'", id);
  return fmt::format("{}: narration of {} ({})", b.name(), what, tag);
}

}  // namespace

Result<std::vector<float>> decode_narration(const bundle::Bundle& b, std::uint32_t line,
                                            std::uint32_t language) {
  TRIALXR_CHECK(line < b.lines().size());
  TRIALXR_CHECK(language < b.languages().size());
  const bundle::NarrationRecord* n = b.narration(line, language);
  if (n == nullptr) return fail(describe(b, line, language) + ": the bundle has no audio for it");

  int status = OPUS_OK;
  std::unique_ptr<OpusDecoder, DecoderDeleter> decoder(
      opus_decoder_create(static_cast<opus_int32>(bundle::kOpusSampleRate), 1, &status));
  if (status != OPUS_OK || decoder == nullptr)
    return fail(describe(b, line, language) +
                ": could not create an Opus decoder: " + opus_strerror(status));

  const std::size_t wanted = std::size_t{n->pre_skip} + n->samples;
  std::vector<float> pcm;
  pcm.reserve(std::size_t{n->packet_count} * bundle::kOpusFrameSamples);
  const std::span<const bundle::AudioPacketRecord> packets =
      b.audio_packets().subspan(n->first_packet, n->packet_count);
  const std::span<const std::byte> opus = b.opus_data();
  for (std::uint32_t i = 0; i < packets.size(); ++i) {
    const bundle::AudioPacketRecord& p = packets[i];
    const std::size_t at = pcm.size();
    pcm.resize(at + kMaxFrameSamples);
    const int got = opus_decode_float(
        decoder.get(), reinterpret_cast<const unsigned char*>(opus.data() + p.offset),
        static_cast<opus_int32>(p.size), pcm.data() + at, kMaxFrameSamples, 0);
    if (got < 0)
      return fail(fmt::format("{}: packet {} of {} does not decode ({})",
                              describe(b, line, language), i + 1, packets.size(),
                              opus_strerror(got)));
    pcm.resize(at + static_cast<std::size_t>(got));
  }
  if (pcm.size() < wanted)
    return fail(
        fmt::format("{}: the packets decode to {} samples; the bundle says {} after a "
                    "pre-skip of {}",
                    describe(b, line, language), pcm.size(), n->samples, n->pre_skip));
  pcm.resize(wanted);
  pcm.erase(pcm.begin(), pcm.begin() + n->pre_skip);
  return pcm;
}

}  // namespace trialxr::audio
