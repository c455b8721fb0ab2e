// Rigid transforms on XrPosef. compose(a, b) is b expressed in a's parent: a pose of a space
// in LOCAL composed with a pose in that space gives the pose in LOCAL.
#pragma once

#include "xr_headers.h"

namespace trialxr::xrt {

inline constexpr XrPosef kIdentityPose{{0.0f, 0.0f, 0.0f, 1.0f}, {0.0f, 0.0f, 0.0f}};

XrQuaternionf multiply(const XrQuaternionf& a, const XrQuaternionf& b);
XrVector3f rotate(const XrQuaternionf& q, const XrVector3f& v);
XrPosef compose(const XrPosef& a, const XrPosef& b);
XrPosef inverse(const XrPosef& p);

// The pose of `target` in the frame of `base`, both given in the same parent frame.
XrPosef relative(const XrPosef& base, const XrPosef& target);

// True when the orientation is a unit quaternion (within 1e-3) and every value is finite:
// the test the specification's XR_ERROR_POSE_INVALID asks for.
bool pose_valid(const XrPosef& p);

}  // namespace trialxr::xrt
