#include "trialxr/narration/pcm.h"

#include "trialxr/core/check.h"

namespace trialxr::narration {

double Pcm::seconds() const {
  TRIALXR_CHECK(sample_rate > 0);
  return static_cast<double>(samples.size()) / sample_rate;
}

}  // namespace trialxr::narration
