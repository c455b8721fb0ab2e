// trialxr-records: see tools/records/include/trialxr/records/records_cli.h.
#include <iostream>

#include "trialxr/records/records_cli.h"

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  return trialxr::records::run_records_cli(args, std::cout, std::cerr);
}
