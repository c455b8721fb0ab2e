// Participant codes: the only thing that ties a session record to a person, so they
// must be pseudonyms assigned by the study ("P-0042", "SITE3-017", "TXR-A17"), never
// an identifier. validate_participant_code refuses text that looks like one of the
// HIPAA Safe Harbor identifiers and says which:
//
//   auto code = records::validate_participant_code(typed);
//   if (!code) show(code.error().message);  // "... looks like a date ..."
//   else use(*code);                         // trimmed, upper case: "P-0042"
//
// The checks are heuristics on purpose: they catch the common slips (typing the
// patient's name, birth date, phone number, e-mail or record number into the code
// field); they cannot prove that a code is not linkable.
#pragma once

#include <string>
#include <string_view>

#include "trialxr/core/result.h"

namespace trialxr::records {

inline constexpr std::size_t kMaxParticipantCodeLength = 24;

// The normalised code (surrounding space removed, letters in upper case), or a message
// naming the identifier category the text looks like, or what a code may contain.
Result<std::string> validate_participant_code(std::string_view text);

}  // namespace trialxr::records
