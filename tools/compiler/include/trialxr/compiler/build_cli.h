// The `trialxr-build` command line, as a library function so tests can run it.
//
//   trialxr-build build SCRIPT [-o OUT.trxb] [--sign KEY] [--release]
//                                                           compile (and sign) a bundle
//   trialxr-build check SCRIPT [--release]                  diagnostics only
//   trialxr-build strings SCRIPT                            NAME.pot + NAME.LANG.po files
//   trialxr-build inspect BUNDLE [--trust KEY.pub]...       what a bundle holds
//   trialxr-build tag SCRIPT [--dry-run]                    add missing line ids
//   trialxr-build keygen BASE                               BASE.key (0600) + BASE.pub
//
// Exit codes: 0 success; 1 the input has errors (diagnostics, a refused bundle);
// 2 usage or I/O problems (bad arguments, unreadable or unwritable files).
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace trialxr::compiler {

inline constexpr int kExitOk = 0;
inline constexpr int kExitDiagnostics = 1;
inline constexpr int kExitUsage = 2;

// `args` excludes the program name.
int run_build_cli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace trialxr::compiler
