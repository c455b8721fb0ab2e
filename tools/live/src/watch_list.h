// The files a live build watches until the next build: what the compile read and what
// the script asks for, so that a missing asset or translation copied in later starts a
// build too.
#pragma once
#include <string>
#include <vector>

namespace trialxr::compiler {
struct CompileResult;
}

namespace trialxr::live {

// The script; every file the compile read (CompileResult::inputs: models and the files
// they refer to, images, translations, fonts); every asset the script names, found or
// not; and each translation's PO file beside the script, found or not.
std::vector<std::string> files_to_watch(const std::string& script,
                                        const compiler::CompileResult& compiled);

}  // namespace trialxr::live
