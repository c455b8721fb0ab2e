#include "trialxr/compiler/scene_strings.h"

#include <fmt/format.h>

#include "translation_diagnostics.h"
#include "trialxr/compiler/scene_texts.h"
#include "trialxr/compiler/script_analyzer.h"
#include "trialxr/compiler/script_parser.h"
#include "trialxr/compiler/translation_files.h"
#include "trialxr/l10n/po_writer.h"

namespace trialxr::compiler {

std::string StringsResult::rendered() const {
  return format_diagnostics(
      diags, [this](const std::string& file, std::uint32_t line) -> std::string_view {
        return file == script.path() ? script.line(line) : std::string_view{};
      });
}

Result<StringsResult> write_scene_strings(const std::string& script_path) {
  auto script = SourceFile::load(script_path);
  if (!script) return tl::unexpected(script.error());
  StringsResult r;
  r.script = std::move(*script);
  auto statements = parse_script(r.script, r.diags);
  r.model = analyze_script(script_path, statements, r.diags);
  r.diags.sort();
  if (r.diags.has_errors()) return r;

  const SceneHeader& h = r.model.header;
  auto strings = source_strings(r.model, reference_name(script_path));
  l10n::CatalogInfo info{fmt::format("{} {}", h.id, h.version), ""};
  l10n::Catalog pot = l10n::make_template(info, strings);
  if (auto written = l10n::write_catalog(template_path(script_path), pot); !written)
    return tl::unexpected(written.error());
  r.template_path = template_path(script_path);
  r.string_count = pot.entries.size();

  for (std::size_t l = 1; l < h.languages.size(); ++l) {
    info.language = h.languages[l];
    std::string path = catalog_path(script_path, info.language);
    std::vector<l10n::PoProblem> problems;
    auto updated = l10n::update_catalog_file(path, info, strings, &problems);
    bool malformed = report_po_problems(problems, r.diags);
    if (updated) {
      r.catalogs.push_back({info.language, path, *updated});
    } else if (!malformed) {
      return tl::unexpected(updated.error());  // not the file's content: reading or writing
    }
  }
  r.diags.sort();
  return r;
}

}  // namespace trialxr::compiler
