// Writing generated files: all or nothing (a temporary file renamed into place), with an
// error message that names the path.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace trialxr::modelgen {

// Returns an empty string on success, else a message naming the path.
std::string write_file(const std::filesystem::path& path, const std::vector<unsigned char>& bytes);

}  // namespace trialxr::modelgen
