#include "watch_list.h"

#include <filesystem>

#include "trialxr/compiler/scene_compiler.h"
#include "trialxr/compiler/translation_files.h"

namespace trialxr::live {

std::vector<std::string> files_to_watch(const std::string& script,
                                        const compiler::CompileResult& compiled) {
  std::vector<std::string> files = {script};
  files.insert(files.end(), compiled.inputs.begin(), compiled.inputs.end());
  // Asset paths are relative to the script's folder (as the compiler resolves them).
  const std::filesystem::path folder = std::filesystem::path(script).parent_path();
  for (const compiler::ObjectDecl& object : compiled.model.objects)
    if (!object.source.empty())
      files.push_back((folder / object.source).lexically_normal().string());
  const std::vector<std::string>& languages = compiled.model.header.languages;
  for (std::size_t i = 1; i < languages.size(); ++i)  // the first is the script's own
    files.push_back(compiler::catalog_path(script, languages[i]));
  return files;
}

}  // namespace trialxr::live
