// trialxr-records: what a study's data manager runs on a collected record file.
//
//   trialxr-records keygen keys/study             keys/study.key (0600), keys/study.pub
//   trialxr-records verify sessions.txrr --key keys/study.key
//   trialxr-records export sessions.txrr --key keys/study.key --csv answers.csv
//   trialxr-records summary sessions.txrr --key keys/study.key
//
// `export` writes one row per answer to OUT.csv and one row per session to
// OUT.sessions.csv. Exit codes: 0 ok, 1 the file is damaged (a corrupt, unreadable or
// malformed record, or a sequence problem; a torn tail alone is not damage), 2 usage or
// file problems.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "trialxr/records/record_file.h"

namespace trialxr::records {

inline constexpr int kRecordsExitOk = 0;
inline constexpr int kRecordsExitDamaged = 1;
inline constexpr int kRecordsExitUsage = 2;

int run_records_cli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

// The two CSV tables of `export`, header row first.
std::string answers_csv(const ReadResult& read);
std::string sessions_csv(const ReadResult& read);
// The text `summary` prints.
std::string summary_text(const ReadResult& read);

}  // namespace trialxr::records
