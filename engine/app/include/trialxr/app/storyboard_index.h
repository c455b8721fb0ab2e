// The index of a rendered storyboard: which step each image shows, when, and the texts
// the patient reads at that moment — as index.json (for tools) and index.html (for
// ethics reviewers, printable), both tied to the bundle's hash.
#pragma once

#include <string>
#include <vector>

namespace trialxr::app {

struct StoryboardEntry {
  std::string step;
  double time_seconds = 0;
  std::string moment;  // wait_continue, quiz, wait_say, step_end
  std::string image;   // file name in the storyboard folder
  std::string subtitle;
  std::vector<std::string> labels;
  std::string question;
  std::vector<std::string> options;
};

struct StoryboardIndex {
  std::string bundle;       // file name
  std::string bundle_hash;  // BLAKE2b-256 of the bundle file, hex
  std::string scene_id;
  std::string title;
  std::string language;
  std::string signature;  // unsigned / trusted / untrusted
  std::vector<StoryboardEntry> entries;
};

std::string index_json(const StoryboardIndex& index);
std::string index_html(const StoryboardIndex& index);

}  // namespace trialxr::app
