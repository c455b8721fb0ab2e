// syringe.glb: a syringe (transparent barrel, plunger, needle) and a red-capped blood
// collection tube, with the plunger's "draw" animation.
#pragma once

#include <vector>

namespace trialxr::modelgen {

std::vector<unsigned char> build_syringe_glb();

}  // namespace trialxr::modelgen
