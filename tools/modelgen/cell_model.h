// cell.glb: a patch of cell membrane (a lipid bilayer) with a receptor protein standing
// through it -- seven helices, a binding pocket on the outside, a part inside the cell --
// and the messenger inside that passes its signal on. Animations "idle" and "activate".
#pragma once

#include <vector>

namespace trialxr::modelgen {

std::vector<unsigned char> build_cell_glb();

}  // namespace trialxr::modelgen
