#include "trialxr/narration/opus_encoder.h"

#include <opus.h>

#include <fmt/format.h>
#include <algorithm>
#include <cstring>
#include <limits>
#include <memory>

#include "trialxr/core/check.h"

namespace trialxr::narration {

namespace {

struct EncoderDeleter {
  void operator()(OpusEncoder* e) const { opus_encoder_destroy(e); }
};
struct DecoderDeleter {
  void operator()(OpusDecoder* d) const { opus_decoder_destroy(d); }
};

// The most samples one Opus packet can hold: 120 ms at 48 kHz.
constexpr int kMaxPacketSamples = 5760;

}  // namespace

EncodedAudio encode_opus(const Pcm& pcm, int bitrate) {
  TRIALXR_CHECK(pcm.sample_rate == kNarrationSampleRate);
  TRIALXR_CHECK(bitrate >= 500 && bitrate <= 512000);
  TRIALXR_CHECK(pcm.samples.size() <
                std::numeric_limits<std::uint32_t>::max() - 2 * kOpusPacketSamples);

  int error = OPUS_OK;
  std::unique_ptr<OpusEncoder, EncoderDeleter> encoder(
      opus_encoder_create(kNarrationSampleRate, 1, OPUS_APPLICATION_VOIP, &error));
  TRIALXR_CHECK(error == OPUS_OK && encoder);
  // The requests by number: libopus' OPUS_SET_...(x) macros cast in C style.
  OpusEncoder* e = encoder.get();
  TRIALXR_CHECK(opus_encoder_ctl(e, OPUS_SET_BITRATE_REQUEST, opus_int32{bitrate}) == OPUS_OK);
  TRIALXR_CHECK(opus_encoder_ctl(e, OPUS_SET_COMPLEXITY_REQUEST, opus_int32{10}) == OPUS_OK);
  TRIALXR_CHECK(opus_encoder_ctl(e, OPUS_SET_VBR_REQUEST, opus_int32{1}) == OPUS_OK);
  opus_int32 lookahead = 0;
  TRIALXR_CHECK(opus_encoder_ctl(e, OPUS_GET_LOOKAHEAD_REQUEST, &lookahead) == OPUS_OK);
  TRIALXR_CHECK(lookahead >= 0 && lookahead <= std::numeric_limits<std::uint16_t>::max());

  EncodedAudio out;
  out.samples = static_cast<std::uint32_t>(pcm.samples.size());
  out.pre_skip = static_cast<std::uint16_t>(lookahead);
  // The decoder's output lags the input by the look-ahead: encode enough silence after the
  // input for its last sample to come out.
  const std::size_t needed = std::size_t{out.pre_skip} + out.samples;
  const std::size_t packets = (needed + kOpusPacketSamples - 1) / kOpusPacketSamples;
  std::vector<float> frame(kOpusPacketSamples);
  unsigned char packet[kMaxOpusPacketBytes];
  out.packets.reserve(packets);
  for (std::size_t p = 0; p < packets; ++p) {
    const std::size_t start = p * kOpusPacketSamples;
    const std::size_t have =
        start < pcm.samples.size()
            ? std::min<std::size_t>(kOpusPacketSamples, pcm.samples.size() - start)
            : 0;
    std::fill(frame.begin(), frame.end(), 0.0f);
    if (have > 0) std::memcpy(frame.data(), pcm.samples.data() + start, have * sizeof(float));
    const opus_int32 bytes = opus_encode_float(encoder.get(), frame.data(), kOpusPacketSamples,
                                               packet, static_cast<opus_int32>(sizeof(packet)));
    TRIALXR_CHECK(bytes >= 1 && static_cast<std::size_t>(bytes) <= kMaxOpusPacketBytes);
    const auto* first = reinterpret_cast<const std::byte*>(packet);
    out.packets.emplace_back(first, first + bytes);
  }
  return out;
}

Result<Pcm> decode_opus(const EncodedAudio& audio) {
  int error = OPUS_OK;
  std::unique_ptr<OpusDecoder, DecoderDeleter> decoder(
      opus_decoder_create(kNarrationSampleRate, 1, &error));
  TRIALXR_CHECK(error == OPUS_OK && decoder);

  Pcm out;
  const std::size_t wanted = std::size_t{audio.pre_skip} + audio.samples;
  std::vector<float> decoded;
  decoded.reserve(audio.packets.size() * kOpusPacketSamples);
  std::vector<float> frame(kMaxPacketSamples);
  for (std::size_t p = 0; p < audio.packets.size(); ++p) {
    const std::vector<std::byte>& packet = audio.packets[p];
    // An empty packet would ask libopus to conceal a lost one.
    if (packet.empty() || packet.size() > kMaxOpusPacketBytes)
      return fail(fmt::format("Opus packet {} of {} has {} bytes; a packet has 1 to {}", p + 1,
                              audio.packets.size(), packet.size(), kMaxOpusPacketBytes));
    const int got = opus_decode_float(
        decoder.get(), reinterpret_cast<const unsigned char*>(packet.data()),
        static_cast<opus_int32>(packet.size()), frame.data(), kMaxPacketSamples, 0);
    if (got < 0)
      return fail(fmt::format("Opus packet {} of {} cannot be decoded: {}", p + 1,
                              audio.packets.size(), opus_strerror(got)));
    decoded.insert(decoded.end(), frame.begin(), frame.begin() + got);
  }
  if (decoded.size() < wanted)
    return fail(fmt::format("Opus packets hold {} samples; {} to skip and {} to hear need {}",
                            decoded.size(), audio.pre_skip, audio.samples, wanted));
  out.samples.assign(decoded.begin() + audio.pre_skip,
                     decoded.begin() + static_cast<std::ptrdiff_t>(wanted));
  return out;
}

}  // namespace trialxr::narration
