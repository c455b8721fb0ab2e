#include "trialxr/compiler/build_cli.h"

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <filesystem>
#include <ostream>

#include "trialxr/bundle/bundle.h"
#include "trialxr/compiler/bundle_writer.h"
#include "trialxr/compiler/line_tagger.h"
#include "trialxr/compiler/scene_compiler.h"
#include "trialxr/compiler/scene_strings.h"
#include "trialxr/compiler/signing_key.h"
#include "trialxr/core/file_io.h"
#include "trialxr/records/fhir.h"

namespace trialxr::compiler {

namespace {

std::string summary(const Diagnostics& d) {
  auto plural = [](std::size_t n, std::string_view word) {
    return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s");
  };
  return fmt::format("{}, {}", plural(d.error_count(), "error"),
                     plural(d.warning_count(), "warning"));
}

// Compiles and prints diagnostics; nullopt after printing when the script has errors
// (exit 1) or cannot be read (exit 2, in `exit_code`).
std::optional<CompileResult> compile_and_report(const std::string& script,
                                                const CompileOptions& options, std::ostream& err,
                                                int& exit_code) {
  auto result = compile_scene(script, options);
  if (!result) {
    err << "trialxr-build: " << result.error().message << "\n";
    exit_code = kExitUsage;
    return std::nullopt;
  }
  err << result->rendered();
  if (!result->ok()) {
    err << script << ": " << summary(result->diags) << "; no bundle written\n";
    exit_code = kExitDiagnostics;
    return std::nullopt;
  }
  if (!result->diags.empty()) err << script << ": " << summary(result->diags) << "\n";
  return std::move(*result);
}

int cmd_build(const std::string& script, std::string output, const std::string& key_path,
              const CompileOptions& options, std::ostream& out, std::ostream& err) {
  std::optional<SigningKey> key;
  if (!key_path.empty()) {
    auto loaded = load_secret_key(key_path);
    if (!loaded) {
      err << "trialxr-build: " << loaded.error().message << "\n";
      return kExitUsage;
    }
    key = *loaded;
  }
  int code = kExitOk;
  auto result = compile_and_report(script, options, err, code);
  if (!result) return code;
  if (output.empty()) output = std::filesystem::path(script).replace_extension(".trxb").string();
  auto written = write_bundle_file(output, result->content, key ? &*key : nullptr);
  if (!written) {
    err << "trialxr-build: " << written.error().message << "\n";
    return kExitUsage;
  }
  auto size = std::filesystem::file_size(output);
  out << fmt::format("wrote {} ({} bytes, {})\n", output, size,
                     key ? "signed by key " + key->id() : std::string("unsigned: preview only"));
  return kExitOk;
}

int cmd_check(const std::string& script, const CompileOptions& options, std::ostream& out,
              std::ostream& err) {
  int code = kExitOk;
  auto result = compile_and_report(script, options, err, code);
  if (!result) return code;
  if (result->diags.empty()) out << script << ": no problems found\n";
  return kExitOk;
}

int cmd_tag(const std::string& script, bool dry_run, std::ostream& out, std::ostream& err) {
  auto source = SourceFile::load(script);
  if (!source) {
    err << "trialxr-build: " << source.error().message << "\n";
    return kExitUsage;
  }
  TagResult tagged = tag_lines(*source);
  if (dry_run) {
    out << tagged.text;
    return kExitOk;
  }
  if (tagged.added > 0) {
    auto perms = std::filesystem::status(script).permissions();
    auto written = write_file_atomic(script, tagged.text, static_cast<unsigned>(perms) & 07777);
    if (!written) {
      err << "trialxr-build: " << written.error().message << "\n";
      return kExitUsage;
    }
  }
  out << fmt::format("{}: added {} line id{}\n", script, tagged.added,
                     tagged.added == 1 ? "" : "s");
  return kExitOk;
}

int cmd_strings(const std::string& script, std::ostream& out, std::ostream& err) {
  auto result = write_scene_strings(script);
  if (!result) {
    err << "trialxr-build: " << result.error().message << "\n";
    return kExitUsage;
  }
  err << result->rendered();
  if (result->template_path.empty()) {
    err << script << ": " << summary(result->diags) << "; no translation files written\n";
    return kExitDiagnostics;
  }
  out << fmt::format("wrote {} ({} string{})\n", result->template_path, result->string_count,
                     result->string_count == 1 ? "" : "s");
  for (const CatalogUpdate& c : result->catalogs) {
    const l10n::UpdateSummary& n = c.summary;
    out << fmt::format("{}: {} {}: {} translated, {} new, {} untranslated, {} stale, {} obsolete\n",
                       c.language, n.created ? "created" : "updated", c.path, n.translated, n.added,
                       n.untranslated, n.stale, n.obsolete);
  }
  if (!result->ok()) {
    err << script << ": " << summary(result->diags) << "\n";
    return kExitDiagnostics;
  }
  return kExitOk;
}

int cmd_keygen(const std::string& base, std::ostream& out, std::ostream& err) {
  SigningKey key = SigningKey::generate();
  auto paths = save_key_pair(key, base);
  if (!paths) {
    err << "trialxr-build: " << paths.error().message << "\n";
    return kExitUsage;
  }
  out << fmt::format(
      "key id {}\nsecret key: {} (keep it private; mode 0600)\npublic key: {} (give it to the "
      "players that must trust this key)\n",
      key.id(), paths->secret_path, paths->public_path);
  return kExitOk;
}

std::string_view audience_name(bundle::Audience a) {
  switch (a) {
    case bundle::Audience::adult:
      return "adult";
    case bundle::Audience::child_under_7:
      return "child under 7";
    case bundle::Audience::child_7_11:
      return "child 7-11";
    case bundle::Audience::child_12_14:
      return "child 12-14";
    case bundle::Audience::child_15_17:
      return "child 15-17";
  }
  return "unknown";
}

std::string human_size(std::uint64_t bytes) {
  if (bytes < 10 * 1024) return fmt::format("{} B", bytes);
  if (bytes < 10 * 1024 * 1024)
    return fmt::format("{:.1f} KiB", static_cast<double>(bytes) / 1024.0);
  return fmt::format("{:.1f} MiB", static_cast<double>(bytes) / (1024.0 * 1024.0));
}

int cmd_inspect(const std::string& path, const std::vector<std::string>& trust, std::ostream& out,
                std::ostream& err) {
  bundle::OpenOptions options;
  options.policy =
      trust.empty() ? bundle::TrustPolicy::allow_unsigned : bundle::TrustPolicy::require_trusted;
  for (const std::string& t : trust) {
    auto key = load_public_key(t);
    if (!key) {
      err << "trialxr-build: " << key.error().message << "\n";
      return kExitUsage;
    }
    options.trusted_keys.push_back(*key);
  }
  if (!std::filesystem::exists(path)) {
    err << "trialxr-build: " << path << ": no such file\n";
    return kExitUsage;
  }
  auto b = bundle::Bundle::open(path, options);
  if (!b) {
    err << "trialxr-build: refused: " << b.error().message << "\n";
    return kExitDiagnostics;
  }
  const bundle::MetaRecord& m = b->meta();
  std::vector<std::string> langs;
  for (bundle::StrRef l : b->languages()) langs.emplace_back(b->string(l));
  out << fmt::format("bundle      {}\n", b->name());
  out << fmt::format("format      {}.{}, {}\n", b->format_major(), b->format_minor(),
                     human_size(b->file_size()));
  out << fmt::format("file hash   {}\n", to_hex(b->file_hash()));
  std::string signature(bundle::signature_status_name(b->signature_status()));
  if (!b->key_id().empty()) signature += ", key id " + b->key_id();
  if (b->signature_status() == bundle::SignatureStatus::unsigned_bundle)
    signature += " (preview only; the patient player refuses it)";
  out << fmt::format("signature   {}\n", signature);
  out << fmt::format("scene       {} — \"{}\"\n", b->string(m.scene_id), b->string(m.title));
  out << fmt::format("study       {}\n", b->string(m.study_id));
  out << fmt::format("version     {}\n", b->string(m.content_version));
  out << fmt::format("languages   {} (base {})\n", fmt::join(langs, ", "), langs.front());
  out << fmt::format("audience    {}\n", audience_name(m.audience));
  std::string_view approval = b->string(m.approval_ref);
  out << fmt::format("approval    {}\n", approval.empty() ? "(none)" : approval);
  out << fmt::format("compiler    {}\n", b->string(m.compiler_version));
  out << fmt::format("source hash {}\n", to_hex(m.source_hash));
  std::size_t missing = 0, stale = 0;
  for (const auto& t : b->line_texts()) {
    missing += (t.flags & bundle::kTextMissing) ? 1 : 0;
    stale += (t.flags & bundle::kTextStale) ? 1 : 0;
  }
  out << fmt::format(
      "content     {} objects, {} nodes, {} meshes, {} materials, {} textures, {} animations\n",
      b->objects().size(), b->nodes().size(), b->meshes().size(), b->materials().size(),
      b->textures().size(), b->animations().size());
  out << fmt::format(
      "timeline    {} steps, {} cues, {} quizzes, {} lines ({} translations missing, {} stale)\n",
      b->steps().size(), b->cues().size(), b->quizzes().size(), b->lines().size(), missing, stale);
  // Visit schedules, as a reviewer checks them against the protocol: each visit's study
  // day and window.
  for (std::uint32_t o = 0; o < b->objects().size(); ++o) {
    if (b->objects()[o].kind != bundle::ObjectKind::schedule) continue;
    std::vector<std::string> visits;
    for (const bundle::VisitRecord& v : b->visits_of(o)) {
      std::string window;
      if (v.window_before == v.window_after && v.window_before > 0) {
        window = fmt::format(" ±{}", v.window_before);
      } else if (v.window_before + v.window_after > 0) {
        window = fmt::format(" -{} +{}", v.window_before, v.window_after);
      }
      visits.push_back(fmt::format("{} (day {}{}, {} procedure{})", b->string(v.name), v.day,
                                   window, v.procedure_count, v.procedure_count == 1 ? "" : "s"));
    }
    out << fmt::format("schedule    {}: {} visits: {}\n", b->string(b->objects()[o].name),
                       visits.size(), fmt::join(visits, ", "));
  }
  for (std::size_t l = 0; l < b->fonts().size(); ++l) {
    const bundle::FontAtlasRecord& f = b->fonts()[l];
    const bundle::TextureRecord& t = b->textures()[f.texture];
    out << fmt::format("text {:<6} {}, {} glyphs in a {}x{} distance-field atlas ({})\n", langs[l],
                       b->string(f.family), f.glyph_count, t.width, t.height, human_size(t.size));
  }
  for (std::uint32_t l = 0; l < langs.size(); ++l) {
    std::size_t spoken = 0, drafts = 0;
    std::uint64_t samples = 0, bytes = 0;
    std::vector<std::string> draft_ids;
    for (std::uint32_t line = 0; line < b->lines().size(); ++line) {
      const bundle::NarrationRecord* n = b->narration(line, l);
      if (n == nullptr) continue;
      ++spoken;
      samples += n->samples;
      for (std::uint32_t k = 0; k < n->packet_count; ++k)
        bytes += b->audio_packets()[n->first_packet + k].size;
      if ((n->flags & bundle::kNarrationSynthesised) != 0) {
        ++drafts;
        if (draft_ids.size() < 6) draft_ids.emplace_back(b->string(b->lines()[line].id));
      }
    }
    if (spoken == 0) continue;
    std::string draft_text =
        drafts == 0 ? std::string("all recorded")
                    : fmt::format("{} DRAFT (synthesised): {}{}", drafts, fmt::join(draft_ids, " "),
                                  drafts > draft_ids.size() ? " …" : "");
    out << fmt::format("audio {:<5} {} lines, {:.1f} s of narration, {}; {}\n", langs[l], spoken,
                       static_cast<double>(samples) / bundle::kOpusSampleRate, human_size(bytes),
                       draft_text);
  }
  out << "steps      ";
  for (const auto& s : b->steps()) out << " " << b->string(s.name);
  out << "\nsections\n";
  out << fmt::format("  {:<6} {:<5} {:>10} {:>10}  {}\n", "type", "codec", "stored", "raw",
                     "blake2b-256");
  for (const auto& s : b->sections()) {
    out << fmt::format("  {:<6} {:<5} {:>10} {:>10}  {}{}\n", bundle::fourcc_name(s.type),
                       s.codec == bundle::Codec::zstd ? "zstd" : "none", human_size(s.stored_size),
                       human_size(s.raw_size), to_hex(s.hash).substr(0, 16),
                       s.known ? "" : "  (unknown, skipped)");
  }
  return kExitOk;
}

int cmd_questionnaire(const std::string& path, const std::string& output, std::ostream& out,
                      std::ostream& err) {
  auto b = bundle::Bundle::open(path, {bundle::TrustPolicy::allow_unsigned, {}});
  if (!b) {
    err << "trialxr-build: " << b.error().message << "\n";
    return kExitUsage;
  }
  const auto questions = std::count_if(
      b->quizzes().begin(), b->quizzes().end(),
      [](const bundle::QuizRecord& q) { return q.kind != bundle::QuizKind::explore; });
  if (questions == 0) {
    err << "trialxr-build: " << path << ": the scene has no quizzes\n";
    return kExitUsage;
  }
  if (auto s = write_file_atomic(output, records::questionnaire_json(*b)); !s) {
    err << "trialxr-build: " << s.error().message << "\n";
    return kExitUsage;
  }
  out << fmt::format("wrote {} (FHIR R4 Questionnaire {}, {} item(s))\n", output,
                     records::questionnaire_url(b->string(b->meta().scene_id),
                                                b->string(b->meta().content_version)),
                     questions);
  return kExitOk;
}

}  // namespace

int run_build_cli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  CLI::App app{"trialxr-build: compile TrialXR scene scripts into signed bundles", "trialxr-build"};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string(compiler_version()));
  app.footer(
      "Exit codes: 0 ok, 1 the input has errors, 2 usage or file problems.\n"
      "The language: docs/script-language.md. The bundle: docs/bundle-format.md.");

  std::string script, output, key, bundle_path, base;
  std::vector<std::string> trust;
  bool dry_run = false, release = false, require_recordings = false;
  const char* recordings_help =
      "Refuse synthesised narration: every spoken line in every language must name a "
      "recording (script: say \"…\" audio \"FILE\"; PO file: # audio: FILE)";
  const char* release_help =
      "Release build: a missing translation file, or a missing or stale translation, is an "
      "error (preview builds warn and show the base text, marked)";

  auto* build = app.add_subcommand("build", "Compile a scene script into a bundle (.trxb)");
  build->add_option("script", script, "The scene script (.txs)")->required();
  build->add_option("-o,--output", output,
                    "Where to write the bundle (default: next to the script)");
  build->add_option("--sign", key,
                    "Sign with this secret key file (from 'keygen'); patient players "
                    "only open signed bundles");
  build->add_flag("--release", release, release_help);
  build->add_flag("--require-recordings", require_recordings, recordings_help);

  auto* check = app.add_subcommand("check", "Report the script's problems without building");
  check->add_option("script", script, "The scene script (.txs)")->required();
  check->add_flag("--release", release, release_help);
  check->add_flag("--require-recordings", require_recordings, recordings_help);

  auto* strings = app.add_subcommand(
      "strings",
      "Write the translation template NAME.pot and create or update NAME.LANG.po for each "
      "translation language, beside the script");
  strings->add_option("script", script, "The scene script (.txs)")->required();

  auto* inspect = app.add_subcommand("inspect", "Show a bundle's metadata, sections and signature");
  inspect->add_option("bundle", bundle_path, "The bundle (.trxb)")->required();
  inspect->add_option("--trust", trust,
                      "Require a signature by this public key (.pub); repeatable");

  auto* tag =
      app.add_subcommand("tag", "Add a #line id to every patient-visible text that lacks one");
  tag->add_option("script", script, "The scene script (.txs); rewritten in place")->required();
  tag->add_flag("--dry-run", dry_run, "Print the tagged script instead of rewriting it");

  std::string questionnaire_out = "questionnaire.json";
  auto* questionnaire = app.add_subcommand(
      "questionnaire", "Write the FHIR R4 Questionnaire of a bundle's quizzes (for EDC systems)");
  questionnaire->add_option("bundle", bundle_path, "The bundle (.trxb)")->required();
  questionnaire->add_option("-o,--output", questionnaire_out,
                            "The JSON file to write (default questionnaire.json)");
  auto* keygen =
      app.add_subcommand("keygen", "Make a signing key pair: BASE.key (secret) and BASE.pub");
  keygen
      ->add_option("base", base, "Path without extension, e.g. keys/site-a, or an existing folder")
      ->required();

  if (!args.empty() && !args[0].empty() && args[0][0] != '-') {
    std::vector<std::string> names;
    for (const auto* sub : app.get_subcommands({})) names.push_back(sub->get_name());
    if (std::find(names.begin(), names.end(), args[0]) == names.end()) {
      std::string guess = suggest(args[0], names);
      err << "trialxr-build: unknown command '" << args[0] << "'"
          << (guess.empty() ? std::string() : "; did you mean '" + guess + "'?") << "\n";
      err << "commands: " << fmt::format("{}", fmt::join(names, ", ")) << "\n";
      return kExitUsage;
    }
  }
  std::vector<std::string> reversed(args.rbegin(), args.rend());
  try {
    app.parse(reversed);
  } catch (const CLI::CallForHelp&) {
    out << app.help();
    return kExitOk;
  } catch (const CLI::CallForVersion&) {
    out << compiler_version() << "\n";
    return kExitOk;
  } catch (const CLI::ParseError& e) {
    // Help for a subcommand arrives as CallForHelp from that subcommand's parse.
    if (e.get_name() == "CallForHelp") {
      for (auto* sub : app.get_subcommands()) out << sub->help();
      return kExitOk;
    }
    err << "trialxr-build: " << e.what() << "\n";
    err << "run 'trialxr-build --help' for usage\n";
    return kExitUsage;
  }
  CompileOptions options{.release = release, .require_recorded_narration = require_recordings};
  if (build->parsed()) return cmd_build(script, output, key, options, out, err);
  if (check->parsed()) return cmd_check(script, options, out, err);
  if (strings->parsed()) return cmd_strings(script, out, err);
  if (inspect->parsed()) return cmd_inspect(bundle_path, trust, out, err);
  if (questionnaire->parsed()) return cmd_questionnaire(bundle_path, questionnaire_out, out, err);
  if (tag->parsed()) return cmd_tag(script, dry_run, out, err);
  return cmd_keygen(base, out, err);
}

}  // namespace trialxr::compiler
