#include "trialxr/records/records_cli.h"

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <filesystem>

#include "trialxr/core/file_io.h"
#include "trialxr/records/fhir.h"

namespace trialxr::records {

namespace {

constexpr std::string_view kTool = "trialxr-records: ";

// Reads FILE with the secret key in KEY; prints the error and returns nullopt on failure.
std::optional<ReadResult> open_records(const std::string& file, const std::string& key_path,
                                       std::ostream& err) {
  auto key = load_study_secret_key(key_path);
  if (!key) {
    err << kTool << key.error().message << "\n";
    return std::nullopt;
  }
  auto read = read_records(file, *key);
  if (!read) {
    err << kTool << read.error().message << "\n";
    return std::nullopt;
  }
  return std::move(*read);
}

bool damaged(const ReadResult& r) {
  return !r.intact() || r.count(ProblemKind::sequence_gap) > 0 ||
         r.count(ProblemKind::sequence_order) > 0;
}

void print_problems(const ReadResult& r, std::ostream& err) {
  for (const Problem& p : r.problems)
    err << fmt::format("{}: {}\n", problem_kind_name(p.kind), p.message);
}

int cmd_keygen(const std::string& base, std::ostream& out, std::ostream& err) {
  StudyKeyPair key = StudyKeyPair::generate();
  auto paths = save_study_key_pair(key, base);
  if (!paths) {
    err << kTool << paths.error().message << "\n";
    return kRecordsExitUsage;
  }
  out << fmt::format(
      "study key id {}\nsecret key: {} (only for the study's data manager; mode 0600)\n"
      "public key: {} (install it on the players: they seal records for it)\n",
      study_key_id(key.public_key), paths->secret_path, paths->public_path);
  return kRecordsExitOk;
}

int cmd_verify(const std::string& file, const std::string& key, std::ostream& out,
               std::ostream& err) {
  auto read = open_records(file, key, err);
  if (!read) return kRecordsExitUsage;
  print_problems(*read, err);
  out << fmt::format("{}: {} records read", file, read->records.size());
  for (ProblemKind k :
       {ProblemKind::corrupt_record, ProblemKind::unreadable, ProblemKind::malformed,
        ProblemKind::sequence_gap, ProblemKind::sequence_order, ProblemKind::torn_tail}) {
    if (std::size_t n = read->count(k)) out << fmt::format(", {} {}", n, problem_kind_name(k));
  }
  out << (damaged(*read) ? "; DAMAGED\n" : "; ok\n");
  return damaged(*read) ? kRecordsExitDamaged : kRecordsExitOk;
}

std::string sessions_path(const std::string& csv) {
  std::filesystem::path p(csv);
  return (p.parent_path() / (p.stem().string() + ".sessions.csv")).string();
}

int cmd_export(const std::string& file, const std::string& key, const std::string& csv,
               const std::string& fhir, std::ostream& out, std::ostream& err) {
  auto read = open_records(file, key, err);
  if (!read) return kRecordsExitUsage;
  print_problems(*read, err);
  if (!fhir.empty()) {  // one QuestionnaireResponse per session
    std::error_code ec;
    std::filesystem::create_directories(fhir, ec);
    if (ec) {
      err << kTool << fhir << ": " << ec.message() << "\n";
      return kRecordsExitUsage;
    }
    for (const ReadRecord& r : read->records) {
      const std::string path = (std::filesystem::path(fhir) /
                                fmt::format("{}-{}.json", r.record.participant_code, r.sequence))
                                   .string();
      if (auto s = write_file_atomic(path, questionnaire_response_json(r.record, r.sequence), 0600);
          !s) {
        err << kTool << s.error().message << "\n";
        return kRecordsExitUsage;
      }
    }
    out << fmt::format("wrote {} FHIR QuestionnaireResponse file(s) into {}\n",
                       read->records.size(), fhir);
    if (csv.empty()) return damaged(*read) ? kRecordsExitDamaged : kRecordsExitOk;
  }
  std::string sessions = sessions_path(csv);
  for (const auto& [path, text] :
       {std::pair{csv, answers_csv(*read)}, std::pair{sessions, sessions_csv(*read)}}) {
    if (auto s = write_file_atomic(path, text, 0600); !s) {
      err << kTool << s.error().message << "\n";
      return kRecordsExitUsage;
    }
  }
  std::size_t answers = 0;
  for (const ReadRecord& r : read->records) answers += r.record.answers.size();
  out << fmt::format("wrote {} ({} answers) and {} ({} sessions)\n", csv, answers, sessions,
                     read->records.size());
  return damaged(*read) ? kRecordsExitDamaged : kRecordsExitOk;
}

int cmd_summary(const std::string& file, const std::string& key, std::ostream& out,
                std::ostream& err) {
  auto read = open_records(file, key, err);
  if (!read) return kRecordsExitUsage;
  print_problems(*read, err);
  out << summary_text(*read);
  return damaged(*read) ? kRecordsExitDamaged : kRecordsExitOk;
}

}  // namespace

int run_records_cli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  CLI::App app{"trialxr-records: read the sealed session records of a TrialXR study",
               "trialxr-records"};
  app.require_subcommand(1);
  app.footer(
      "Exit codes: 0 ok, 1 the record file is damaged, 2 usage or file problems.\n"
      "The format and its guarantees: docs/records.md.");
  std::string base, file, key, csv, fhir;
  auto* keygen =
      app.add_subcommand("keygen", "Make a study key pair: BASE.key (secret) and BASE.pub");
  keygen->add_option("base", base, "Path without extension, e.g. keys/study")->required();
  auto add_file_and_key = [&](CLI::App* sub) {
    sub->add_option("file", file, "The record file")->required();
    sub->add_option("--key", key, "The study secret key (BASE.key)")->required();
  };
  auto* verify = app.add_subcommand(
      "verify", "Check every record: checksums, sequence, torn tail, that each opens");
  add_file_and_key(verify);
  auto* export_cmd = app.add_subcommand(
      "export", "Write the answers (OUT.csv) and the sessions (OUT.sessions.csv) as CSV");
  add_file_and_key(export_cmd);
  export_cmd->add_option("--csv", csv, "The answers table to write (OUT.csv)");
  export_cmd->add_option("--fhir", fhir,
                         "A folder for one FHIR R4 QuestionnaireResponse per session (their "
                         "Questionnaire: trialxr-build questionnaire BUNDLE)");
  auto* summary = app.add_subcommand(
      "summary", "Per quiz: answers, share correct, topics needing discussion; flags raised");
  add_file_and_key(summary);

  std::vector<std::string> reversed(args.rbegin(), args.rend());
  try {
    app.parse(reversed);
  } catch (const CLI::CallForHelp&) {
    out << app.help();
    return kRecordsExitOk;
  } catch (const CLI::ParseError& e) {
    if (e.get_name() == "CallForHelp") {
      for (auto* sub : app.get_subcommands()) out << sub->help();
      return kRecordsExitOk;
    }
    err << kTool << e.what() << "\nrun 'trialxr-records --help' for usage\n";
    return kRecordsExitUsage;
  }
  if (keygen->parsed()) return cmd_keygen(base, out, err);
  if (verify->parsed()) return cmd_verify(file, key, out, err);
  if (export_cmd->parsed()) {
    if (csv.empty() && fhir.empty()) {
      err << kTool << "export needs --csv OUT.csv, --fhir DIR or both\n";
      return kRecordsExitUsage;
    }
    return cmd_export(file, key, csv, fhir, out, err);
  }
  return cmd_summary(file, key, out, err);
}

}  // namespace trialxr::records
