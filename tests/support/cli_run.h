// Running a command-line entry point (`int cli(args, out, err)`) in a test and keeping
// its exit code and both streams.
#pragma once
#include <sstream>
#include <string>
#include <vector>

namespace trialxr::testing {

struct CliRun {
  int code = -1;
  std::string out, err;
};

template <class Cli>
CliRun run_cli(Cli&& cli, const std::vector<std::string>& args) {
  std::ostringstream out, err;
  CliRun r;
  r.code = cli(args, out, err);
  r.out = out.str();
  r.err = err.str();
  return r;
}

}  // namespace trialxr::testing
