// trialxr-modelgen OUTDIR: writes the sample scenes' models (arm.glb, syringe.glb, cell.glb,
// drug.glb, signal.glb, guide.glb, scanner.glb) into OUTDIR, creating it if needed. The output is
// deterministic: same tool, same bytes.
#include <exception>
#include <filesystem>
#include <iostream>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include "arm_model.h"
#include "cell_model.h"
#include "file_output.h"
#include "guide_model.h"
#include "molecule_model.h"
#include "scanner_model.h"
#include "syringe_model.h"

namespace {

constexpr std::string_view kUsage =
    "usage: trialxr-modelgen OUTDIR\n"
    "  Generates the sample scenes' models into OUTDIR (created if missing):\n"
    "  arm.glb, syringe.glb (the blood sample), cell.glb, drug.glb, signal.glb (how the\n"
    "  study drug works), guide.glb (Pip, the children's guide), scanner.glb (the MRI\n"
    "  scan). The files are byte-identical on every run.\n";

struct Asset {
  const char* file;
  std::vector<unsigned char> (*build)();
};

constexpr Asset kAssets[] = {
    {"arm.glb", trialxr::modelgen::build_arm_glb},
    {"syringe.glb", trialxr::modelgen::build_syringe_glb},
    {"cell.glb", trialxr::modelgen::build_cell_glb},
    {"drug.glb", trialxr::modelgen::build_drug_glb},
    {"signal.glb", trialxr::modelgen::build_signal_glb},
    {"guide.glb", trialxr::modelgen::build_guide_glb},
    {"scanner.glb", trialxr::modelgen::build_scanner_glb},
};

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string_view> args(argv + 1, argv + argc);
  if (args.size() == 1 && (args[0] == "-h" || args[0] == "--help")) {
    std::cout << kUsage;
    return 0;
  }
  if (args.size() != 1 || args[0].empty() || args[0].front() == '-') {
    std::cerr << kUsage;
    return 2;
  }
  const std::filesystem::path out_dir(args[0]);
  std::error_code error;
  std::filesystem::create_directories(out_dir, error);
  if (error || !std::filesystem::is_directory(out_dir)) {
    std::cerr << "trialxr-modelgen: cannot create directory '" << out_dir.string()
              << "': " << (error ? error.message() : "not a directory") << "\n";
    return 2;
  }
  for (const Asset& asset : kAssets) {
    const std::filesystem::path path = out_dir / asset.file;
    std::vector<unsigned char> bytes;
    try {
      bytes = asset.build();
    } catch (const std::exception& e) {
      std::cerr << "trialxr-modelgen: building " << asset.file << " failed: " << e.what() << "\n";
      return 1;
    }
    if (const std::string message = trialxr::modelgen::write_file(path, bytes); !message.empty()) {
      std::cerr << "trialxr-modelgen: " << message << "\n";
      return 2;
    }
    std::cout << "wrote " << path.string() << " (" << bytes.size() << " bytes)\n";
  }
  return 0;
}
