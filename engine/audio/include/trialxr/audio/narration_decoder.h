// decode_narration: one narration line of a bundle as samples (libopus).
//
//   auto samples = audio::decode_narration(bundle, line, language);
//   if (!samples) log(samples.error().message);  // "blood.trxb: narration of line 'pinch' (en):
//   ..."
//
// The bundle stores each line as mono Opus at 48 kHz (format.h, [SECTION] narration):
// its packets are decoded in order with a fresh decoder, the first pre_skip samples (the
// encoder's look-ahead) are dropped and exactly `samples` are kept.
#pragma once

#include <cstdint>
#include <vector>

#include "trialxr/bundle/bundle.h"
#include "trialxr/core/result.h"

namespace trialxr::audio {

// The narration of `line` in `language` as 48 kHz mono floats (full scale 1): exactly
// NarrationRecord::samples of them. Errors name the bundle, the line's id and the
// language tag: the line has no narration, a packet does not decode, or the packets
// decode to fewer samples than the record says. TRIALXR_CHECKs that `line` and
// `language` are in range.
Result<std::vector<float>> decode_narration(const bundle::Bundle& b, std::uint32_t line,
                                            std::uint32_t language);

}  // namespace trialxr::audio
