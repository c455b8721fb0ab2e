#include "trialxr/compiler/translation_files.h"

#include <filesystem>

namespace trialxr::compiler {

namespace {

std::string beside(std::string_view script_path, std::string_view suffix) {
  std::filesystem::path script(script_path);
  std::filesystem::path name = script.filename();
  if (name.extension() == ".txs") name = name.stem();
  return (script.parent_path() / (name.string() + std::string(suffix))).string();
}

}  // namespace

std::string template_path(std::string_view script_path) {
  return beside(script_path, ".pot");
}

std::string catalog_path(std::string_view script_path, std::string_view language) {
  return beside(script_path, "." + std::string(language) + ".po");
}

std::string reference_name(std::string_view script_path) {
  return std::filesystem::path(script_path).filename().string();
}

}  // namespace trialxr::compiler
