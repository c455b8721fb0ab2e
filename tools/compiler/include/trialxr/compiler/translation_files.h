// Where a scene's translation files are: beside the script, named after it.
//
//   scenes/blood-draw.txs      the script (base language)
//   scenes/blood-draw.pot      the template: every string, untranslated
//   scenes/blood-draw.zh.po    the Chinese translation
#pragma once

#include <string>
#include <string_view>

namespace trialxr::compiler {

// NAME.pot beside the script (NAME: the script's file name without .txs).
std::string template_path(std::string_view script_path);
// NAME.LANG.po beside the script.
std::string catalog_path(std::string_view script_path, std::string_view language);
// The script as the translation files' references name it: its file name.
std::string reference_name(std::string_view script_path);

}  // namespace trialxr::compiler
