// Narration in the bundle's audio form: mono Opus at 48 kHz in 20 ms packets, the packets
// stored without an Ogg container (the bundle records their sizes), with the two numbers
// a player needs to play them sample-exactly.
#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

#include "trialxr/core/result.h"
#include "trialxr/narration/pcm.h"

namespace trialxr::narration {

// Samples per packet: 20 ms at 48 kHz.
inline constexpr std::uint32_t kOpusPacketSamples = 960;
// The largest Opus packet of one frame.
inline constexpr std::size_t kMaxOpusPacketBytes = 1275;

struct EncodedAudio {
  std::vector<std::vector<std::byte>> packets;  // each 1..1275 bytes, one per 960 samples
  std::uint32_t samples = 0;                    // samples heard (the input's length)
  std::uint16_t pre_skip = 0;  // the encoder's look-ahead: decoded samples to drop first
};

// Encodes 48 kHz mono with libopus (OPUS_APPLICATION_VOIP, `bitrate` bits per second,
// complexity 10, VBR), padding the end with silence so that pre_skip + samples decoded
// samples exist. Deterministic: the same samples give the same bytes. TRIALXR_CHECKs a
// 48 kHz input, a bitrate libopus accepts (500..512000) and an input under 2^32 samples.
EncodedAudio encode_opus(const Pcm& pcm, int bitrate = 24000);

// Decodes the packets back to 48 kHz mono: drops pre_skip samples and returns exactly
// `samples`. For tests and tools. Fails on an empty, oversized or malformed packet and
// when the packets hold fewer than pre_skip + samples samples.
Result<Pcm> decode_opus(const EncodedAudio& audio);

}  // namespace trialxr::narration
