// drug.glb and signal.glb: two small molecules as ball-and-stick models at the cellular
// scene's scale -- the study drug (a ring with side groups, CPK colours) and the body's own
// signal molecule (a zig-zag chain in signal orange) -- each with a slow "spin" animation.
#pragma once

#include <vector>

namespace trialxr::modelgen {

std::vector<unsigned char> build_drug_glb();
std::vector<unsigned char> build_signal_glb();

}  // namespace trialxr::modelgen
