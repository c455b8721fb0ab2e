#include "session_flow.h"

namespace trialxr::xrt {

void after_wait_frame(Runtime& rt, Session& session) {
  if (session.running && !session.exit_requested && session.state == XR_SESSION_STATE_READY)
    rt.set_state(session, XR_SESSION_STATE_SYNCHRONIZED);
}

void after_end_frame(Runtime& rt, Session& session) {
  if (session.exit_requested || session.state != XR_SESSION_STATE_SYNCHRONIZED) return;
  rt.set_state(session, XR_SESSION_STATE_VISIBLE);
  if (rt.device.focus_allowed) rt.set_state(session, XR_SESSION_STATE_FOCUSED);
}

void apply_focus(Runtime& rt, Session& session) {
  if (session.lost || session.exit_requested) return;
  if (!rt.device.focus_allowed && session.state == XR_SESSION_STATE_FOCUSED)
    rt.set_state(session, XR_SESSION_STATE_VISIBLE);
  else if (rt.device.focus_allowed && session.state == XR_SESSION_STATE_VISIBLE)
    rt.set_state(session, XR_SESSION_STATE_FOCUSED);
}

void step_down_to_stopping(Runtime& rt, Session& session) {
  if (session.state == XR_SESSION_STATE_FOCUSED) rt.set_state(session, XR_SESSION_STATE_VISIBLE);
  if (session.state == XR_SESSION_STATE_VISIBLE || session.state == XR_SESSION_STATE_READY)
    rt.set_state(session, XR_SESSION_STATE_SYNCHRONIZED);
  if (session.state == XR_SESSION_STATE_SYNCHRONIZED)
    rt.set_state(session, XR_SESSION_STATE_STOPPING);
}

void lose_session(Runtime& rt, Session& session) {
  if (session.lost) return;
  rt.set_state(session, XR_SESSION_STATE_LOSS_PENDING);
  session.lost = true;
  rt.frame_waiters.notify_all();
}

}  // namespace trialxr::xrt
