// trialxr-build: see tools/compiler/include/trialxr/compiler/build_cli.h.
#include <iostream>

#include "trialxr/compiler/build_cli.h"

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  return trialxr::compiler::run_build_cli(args, std::cout, std::cerr);
}
