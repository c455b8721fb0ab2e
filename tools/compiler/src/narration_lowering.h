// Narration lowering: every `say` line heard in every language. A line's audio is the
// recorded file the script (`say "…" audio "FILE"`) or the language's PO file
// (`# audio: FILE`) names, or, where none is named, speech synthesised at compile time
// (marked as a draft). Each is encoded as mono Opus at 48 kHz into NARR, APKT and OPUS,
// with its exact length, so the player times subtitles and `wait say` by the audio.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "trialxr/compiler/bundle_content.h"
#include "trialxr/compiler/scene_compiler.h"
#include "trialxr/core/diagnostic.h"
#include "trialxr/core/hash.h"

namespace trialxr::compiler {

// One `say` line in one language, as the compiler found it.
struct NarrationSource {
  std::uint32_t line = 0;      // into BundleContent::lines
  std::uint32_t language = 0;  // into the header's languages
  std::string text;            // what the subtitle shows
  std::string voice_language;  // the language to speak it in (the base one for a fallback)
  std::string audio_name;      // a recording as written; empty: synthesise
  std::string audio_path;      // resolved
  std::string file;            // where it was named (script or PO file) ...
  SourceLoc loc;               // ... and the place
};

// Fills content.narration (lines × languages), audio_packets and opus. Recordings read
// are appended to `inputs` and hashed into `source_hash`; problems go to `diags`.
void lower_narration(const std::vector<NarrationSource>& sources, std::size_t languages,
                     const CompileOptions& options, BundleContent& content, Diagnostics& diags,
                     std::vector<std::string>& inputs, Blake2b256& source_hash);

}  // namespace trialxr::compiler
