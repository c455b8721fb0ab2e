// guide.glb: Pip, the children's guide -- a small, round, orange character with a cream
// belly, big shiny eyes, a smile and two stubby arms, standing on the table -- with the
// animations "idle", "wave", "talk" and "cheer".
#pragma once

#include <vector>

namespace trialxr::modelgen {

std::vector<unsigned char> build_guide_glb();

}  // namespace trialxr::modelgen
