// Helpers for the record tests: the sample scene compiled and signed once, a player run
// of it with a wrong answer, then the right one, and records built from that run.
#pragma once

#include <string>
#include <string_view>

#include "trialxr/bundle/bundle.h"
#include "trialxr/records/session_record.h"
#include "trialxr/scene/player.h"

namespace trialxr::testing {

// scenes/blood-draw.txs, compiled and signed with a fresh key (shared by all tests).
const bundle::Bundle& signed_sample_bundle();

// Plays the sample scene to its end: Continue whenever asked, the quiz answered wrong
// once and then right, a pause at 0.5 s (resumed at 1.5 s) and a request for the
// coordinator at 2 s in the first step (dismissed at 3 s).
scene::Player play_wrong_then_right(const bundle::Bundle& b);

// build_record over play_wrong_then_right with this participant code.
records::SessionRecord sample_record(std::string_view code = "P-0042");

}  // namespace trialxr::testing
