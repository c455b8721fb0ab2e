// FHIR R4 for the comprehension checks: a Questionnaire made from a bundle's quizzes and
// a QuestionnaireResponse per session record, so a study's EDC system can take them.
// linkIds are the quiz names; answer codes are the options' stable ids (their line ids),
// so responses match the questionnaire of the same scene id and content version.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

#include "trialxr/bundle/bundle.h"
#include "trialxr/records/session_record.h"

namespace trialxr::records {

// The Questionnaire's canonical URL: urn:trialxr:questionnaire:SCENE:VERSION.
std::string questionnaire_url(std::string_view scene_id, std::string_view content_version);

// The Questionnaire (JSON) with the bundle's base-language texts: one choice item per
// quiz (repeating for multiple-answer quizzes), one answer option per quiz option.
std::string questionnaire_json(const bundle::Bundle& bundle);

// The QuestionnaireResponse (JSON) for one session: the pseudonymous participant as the
// subject's identifier, authored at the session's end, the last answer given to each
// quiz, with the number of attempts and whether the topic needs discussion as extensions.
std::string questionnaire_response_json(const SessionRecord& record, std::uint64_t sequence);

}  // namespace trialxr::records
