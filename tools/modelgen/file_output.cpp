#include "file_output.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <system_error>

namespace trialxr::modelgen {

std::string write_file(const std::filesystem::path& path, const std::vector<unsigned char>& bytes) {
  std::filesystem::path temp = path;
  temp += ".tmp";
  std::error_code ignored;
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    if (!out) {
      return "cannot write '" + path.string() + "': " + std::strerror(errno);
    }
    out.write(reinterpret_cast<const char*>(bytes.data()),
              static_cast<std::streamsize>(bytes.size()));
    out.close();
    if (!out) {
      std::filesystem::remove(temp, ignored);
      return "cannot write '" + path.string() + "': write failed";
    }
  }
  std::error_code error;
  std::filesystem::rename(temp, path, error);
  if (error) {
    std::filesystem::remove(temp, ignored);
    return "cannot write '" + path.string() + "': " + error.message();
  }
  return {};
}

}  // namespace trialxr::modelgen
