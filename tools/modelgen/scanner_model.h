// scanner.glb: an MRI scanner as a table-top model -- the ring housing with its bore, the
// patient couch with a top that slides into the bore, a head coil, a small person lying on
// the couch with ear protection and the alarm squeeze-ball in their hand -- with the
// animations "slide-in", "slide-out" and "knock".
#pragma once

#include <vector>

namespace trialxr::modelgen {

std::vector<unsigned char> build_scanner_glb();

}  // namespace trialxr::modelgen
