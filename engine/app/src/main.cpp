// trialxr: see include/trialxr/app/player_cli.h.
#include <iostream>

#include "trialxr/app/player_cli.h"

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  return trialxr::app::run_player_cli(args, std::cout, std::cerr);
}
