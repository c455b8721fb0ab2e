#include "translations.h"

#include <fmt/format.h>
#include <algorithm>
#include <filesystem>

#include "translation_diagnostics.h"
#include "trialxr/compiler/scene_texts.h"
#include "trialxr/compiler/translation_files.h"
#include "trialxr/core/file_io.h"
#include "trialxr/l10n/po_reader.h"
#include "trialxr/l10n/resolve.h"

namespace trialxr::compiler {

TranslatedText Translations::text(const Text& t, std::size_t language) const {
  auto it = texts_.find({t.line_id, language});
  if (it != texts_.end()) return it->second;
  return {t.text, bundle::kTextMissing, std::nullopt};
}

void Translations::set(const std::string& line_id, std::size_t language, TranslatedText text) {
  texts_[{line_id, language}] = std::move(text);
}

namespace {

// `# audio: FILE` among an entry's translator comments, located in the PO file's text.
std::optional<NarrationFile> narration_file(const l10n::CatalogEntry& entry,
                                            const std::string& po_path,
                                            const std::string& po_text) {
  std::string_view comments = entry.translator_comment;
  while (!comments.empty()) {
    const std::size_t end = comments.find('\n');
    std::string_view line = comments.substr(0, end);
    comments = end == std::string_view::npos ? std::string_view() : comments.substr(end + 1);
    while (!line.empty() && line.front() == ' ') line.remove_prefix(1);
    if (!line.starts_with("audio:")) continue;
    std::string_view name = line.substr(6);
    while (!name.empty() && (name.front() == ' ' || name.front() == '\t')) name.remove_prefix(1);
    while (!name.empty() && (name.back() == ' ' || name.back() == '\t' || name.back() == '\r'))
      name.remove_suffix(1);
    NarrationFile f;
    f.name = std::string(name);
    f.po_file = po_path;
    f.path = (std::filesystem::path(po_path).parent_path() / f.name).lexically_normal().string();
    // Locate it: the comment line holding the name, in the entry for this line id.
    const std::size_t entry_at = po_text.find("msgctxt \"" + entry.line_id + "\"");
    std::size_t at = std::string::npos;
    for (std::size_t p = po_text.find("audio:"); p != std::string::npos && p < entry_at;
         p = po_text.find("audio:", p + 1)) {
      const std::size_t name_at = po_text.find(f.name, p);
      if (name_at != std::string::npos && name_at < po_text.find('\n', p)) at = name_at;
    }
    if (at != std::string::npos) {
      f.loc.line = static_cast<std::uint32_t>(
          std::count(po_text.begin(), po_text.begin() + static_cast<std::ptrdiff_t>(at), '\n') + 1);
      const std::size_t line_start = po_text.rfind('\n', at);
      f.loc.column = static_cast<std::uint32_t>(
          at - (line_start == std::string::npos ? 0 : line_start + 1) + 1);
      f.loc.length = static_cast<std::uint32_t>(std::max<std::size_t>(1, f.name.size()));
    }
    if (f.name.empty()) return std::nullopt;
    return f;
  }
  return std::nullopt;
}

// Where the script names a language: its code in the header's `languages` line.
SourceLoc language_loc(const std::vector<Statement>& statements, const SceneHeader& header,
                       const std::string& language) {
  for (const Statement& s : statements) {
    if (s.head.text != "scene") continue;
    for (const Statement& setting : s.children) {
      if (setting.head.text != "languages" && setting.head.text != "language") continue;
      for (const Token& t : setting.args)
        if (t.text == language) return t.loc;
    }
  }
  return header.loc;
}

// Reports one line's translation problem; a warning in a preview build, an error in a
// release build.
class LanguageCheck {
 public:
  LanguageCheck(CompileResult& r, const CompileOptions& options, std::string po_path,
                std::string language)
      : r_(r), options_(options), po_(std::move(po_path)), language_(std::move(language)) {}

  void no_file(SourceLoc loc) {
    report(kNoTranslationFile, r_.script.path(), loc,
           fmt::format("no translation file for language '{}': {} does not exist", language_, po_),
           fmt::format("run 'trialxr-build strings {}' to create it, then have it translated",
                       r_.script.path()),
           "every line");
  }

  void missing(const Text& t, const l10n::CatalogEntry* entry) {
    if (entry == nullptr) {
      report(kMissingTranslation, r_.script.path(), t.loc,
             fmt::format("line '{}' has no {} translation in {}", t.line_id, language_, po_),
             fmt::format("run 'trialxr-build strings {}' to add it to the file, then "
                         "translate it",
                         r_.script.path()),
             "it");
      return;
    }
    report(kMissingTranslation, po_, {entry->po_line, entry->po_line > 0 ? 1u : 0u, 1},
           fmt::format("line '{}' is not translated into {} yet", t.line_id, language_),
           "fill in its msgstr, e.g. in a PO editor such as Poedit", "it");
  }

  void stale(const Text& t, const l10n::CatalogEntry& entry) {
    SourceLoc loc{entry.po_line, entry.po_line > 0 ? 1u : 0u, 1};
    if (entry.source == t.text) {
      report(kStaleTranslation, po_, loc,
             fmt::format("the {} translation of line '{}' is marked fuzzy (needs review)",
                         language_, t.line_id),
             "review it and remove the fuzzy flag (in Poedit: turn off 'Needs work')", "it");
      return;
    }
    report(kStaleTranslation, po_, loc,
           fmt::format("the {} translation of line '{}' was made for another text: \"{}\"",
                       language_, t.line_id, entry.source),
           fmt::format("the script now says \"{}\"; run 'trialxr-build strings {}' to mark it "
                       "for review, then update the translation",
                       t.text, r_.script.path()),
           "it");
  }

 private:
  void report(const char* code, const std::string& file, SourceLoc loc, std::string message,
              std::string hint, std::string_view what) {
    if (options_.release) {
      r_.diags.error(code, file, loc, std::move(message), std::move(hint));
      return;
    }
    const std::string& base = r_.model.header.languages.front();
    message += fmt::format("; {} shows the {} text, marked", what, base);
    r_.diags.warning(code, file, loc, std::move(message), std::move(hint));
  }

  CompileResult& r_;
  const CompileOptions& options_;
  std::string po_;
  std::string language_;
};

// The PO file's bytes feed the source hash under its name, like the assets.
void add_input(const std::string& path, CompileResult& r, Blake2b256& source_hash) {
  auto bytes = read_file(path);
  if (!bytes) return;  // reported by the reader
  r.inputs.push_back(path);
  source_hash.update(std::filesystem::path(path).filename().string());
  source_hash.update(*bytes);
}

}  // namespace

Translations load_translations(const std::vector<Statement>& statements,
                               const CompileOptions& options, CompileResult& r,
                               Blake2b256& source_hash) {
  Translations out;
  const SceneHeader& h = r.model.header;
  std::vector<Text> texts = scene_texts(r.model);
  std::erase_if(texts, [](const Text& t) { return t.line_id.empty(); });
  std::vector<l10n::SourceString> strings =
      source_strings(r.model, reference_name(r.script.path()));
  for (std::size_t l = 1; l < h.languages.size(); ++l) {
    const std::string& language = h.languages[l];
    std::string path = catalog_path(r.script.path(), language);
    LanguageCheck check(r, options, path, language);
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) {
      check.no_file(language_loc(statements, h, language));
      continue;
    }
    add_input(path, r, source_hash);
    std::vector<l10n::PoProblem> problems;
    auto catalog = l10n::read_catalog(path, {}, &problems);
    report_po_problems(problems, r.diags);
    if (!catalog) {
      if (problems.empty())  // not the content: the file could not be read at all
        r.diags.error(kBadTranslationFile, path, {}, catalog.error().message);
      continue;
    }
    const std::string po_text = read_file(path).value_or(std::string());
    std::vector<l10n::ResolvedText> resolved = l10n::resolve(strings, *catalog);
    for (std::size_t i = 0; i < texts.size(); ++i) {
      const l10n::ResolvedText& res = resolved[i];
      std::uint32_t flags = 0;
      if (res.status == l10n::TextStatus::missing) {
        check.missing(texts[i], res.entry);
        flags = bundle::kTextMissing;
      } else if (res.status == l10n::TextStatus::stale) {
        check.stale(texts[i], *res.entry);
        flags = bundle::kTextStale;
      }
      std::optional<NarrationFile> audio;
      if (res.entry != nullptr && res.status != l10n::TextStatus::missing)
        audio = narration_file(*res.entry, path, po_text);
      out.set(texts[i].line_id, l, {res.text, flags, std::move(audio)});
    }
  }
  return out;
}

}  // namespace trialxr::compiler
