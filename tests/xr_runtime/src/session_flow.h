// The session state machine: the transitions the runtime makes on its own, each queued as
// an XrEventDataSessionStateChanged.
//
//   xrCreateSession           IDLE -> READY
//   first xrWaitFrame         READY -> SYNCHRONIZED
//   first xrEndFrame          SYNCHRONIZED -> VISIBLE -> FOCUSED (FOCUSED only with focus)
//   focus taken / given back  FOCUSED <-> VISIBLE
//   xrRequestExitSession      down through VISIBLE and SYNCHRONIZED to STOPPING
//   xrEndSession              STOPPING -> IDLE -> EXITING
//   session loss              any -> LOSS_PENDING (see Session::lost for what calls answer)
#pragma once

#include "runtime.h"

namespace trialxr::xrt {

void after_wait_frame(Runtime& rt, Session& session);
void after_end_frame(Runtime& rt, Session& session);
void apply_focus(Runtime& rt, Session& session);
void step_down_to_stopping(Runtime& rt, Session& session);
void lose_session(Runtime& rt, Session& session);

}  // namespace trialxr::xrt
