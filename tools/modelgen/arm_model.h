// arm.glb: the patient's forearm resting palm-up on the table, with the tourniquet, the vein
// and the needle's entry point, plus the animations the blood-sample scene plays on it.
#pragma once

#include <vector>

namespace trialxr::modelgen {

std::vector<unsigned char> build_arm_glb();

}  // namespace trialxr::modelgen
