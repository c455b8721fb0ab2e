// The `trialxr` player command line, as a library function so tests can run it.
//
//   trialxr render BUNDLE --at SECONDS [--size WxH] [--stereo] [--lang LANG] -o frame.png
//   trialxr render BUNDLE --storyboard DIR [--size WxH] [--stereo] [--lang LANG]
//
// `render` plays the scene the way a storyboard does — Continue pressed whenever asked,
// every quiz answered correctly — so any moment of it can be rendered offscreen.
// Exit codes: 0 success; 1 the bundle is refused; 2 usage, file or device problems.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace trialxr::app {

inline constexpr int kExitOk = 0;
inline constexpr int kExitRefused = 1;
inline constexpr int kExitUsage = 2;

int run_player_cli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace trialxr::app
