/* trialxr_test_runtime.h — the control API of the TrialXR headless OpenXR test runtime.
 *
 * The runtime is a shared library (libtrialxr_test_runtime.so) that the Khronos loader opens
 * through the manifest trialxr_test_runtime.json next to it: point XR_RUNTIME_JSON at the
 * manifest. A test opens the very same file with dlopen (the manifest's library_path) and
 * calls these functions; the loader's instance and the test then share one runtime state.
 *
 *   void* lib = dlopen(library_path, RTLD_NOW | RTLD_LOCAL);
 *   auto set_head = reinterpret_cast<PFN_trialxr_test_set_head_pose>(
 *       dlsym(lib, "trialxr_test_set_head_pose"));
 *   set_head(XrPosef{{0, 0, 0, 1}, {0, 0.1f, 0}});
 *
 * Poses are in LOCAL space: its origin is where the head starts, at the eyes (y = 0 there),
 * -Z forward. STAGE, when offered, has its origin on the floor eye_height below LOCAL.
 * Every function may be called from any thread, with or without an instance; settings
 * persist across instances until trialxr_test_reset().
 */
#ifndef TRIALXR_TEST_RUNTIME_H
#define TRIALXR_TEST_RUNTIME_H

#include <openxr/openxr.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define TRIALXR_TEST_API __attribute__((visibility("default")))

/* Hands for the controller functions. Only the right controller is connected by default. */
typedef enum TrialxrTestHand {
  TRIALXR_TEST_HAND_LEFT = 0,
  TRIALXR_TEST_HAND_RIGHT = 1
} TrialxrTestHand;

/* --- Settings ---------------------------------------------------------------------------- */

/* Restores every default below and zeroes the counters and the recorded frame. */
TRIALXR_TEST_API void trialxr_test_reset(void);

/* Recommended size of each view's image (default 640 x 360). Returns XR_FALSE for a zero or
 * larger-than-4096 size. */
TRIALXR_TEST_API XrBool32 trialxr_test_set_view_size(uint32_t width, uint32_t height);

/* Field of view of both eyes in radians (default 45 degrees to each side: about 90 x 90). */
TRIALXR_TEST_API void trialxr_test_set_fov(XrFovf fov);

/* Distance between the eyes in metres (default 0.063). */
TRIALXR_TEST_API void trialxr_test_set_ipd(float meters);

/* The blend modes xrEnumerateEnvironmentBlendModes offers, in order of preference (default:
 * OPAQUE alone). Returns XR_FALSE (and changes nothing) for an empty list, an unknown mode or a
 * repeated one. */
TRIALXR_TEST_API XrBool32 trialxr_test_set_blend_modes(const XrEnvironmentBlendMode* modes,
                                                       uint32_t count);

/* Whether the STAGE reference space exists (default no) and its bounds in metres along X and
 * Z (default 2 x 2). Sessions enumerate it from their creation on. */
TRIALXR_TEST_API void trialxr_test_set_stage(XrBool32 available, float width, float depth);

/* Height of the eyes above the floor: STAGE's origin is at (0, -eye_height, 0) in LOCAL
 * (default 1.2, a seated patient). */
TRIALXR_TEST_API void trialxr_test_set_eye_height(float meters);

/* While disconnected, xrGetSystem returns XR_ERROR_FORM_FACTOR_UNAVAILABLE (default connected). */
TRIALXR_TEST_API void trialxr_test_set_headset_connected(XrBool32 connected);

/* Whether xrEnumerateInstanceExtensionProperties lists XR_KHR_composition_layer_depth (default
 * yes). While it does not, xrCreateInstance refuses the extension with
 * XR_ERROR_EXTENSION_NOT_PRESENT. Instances created before keep what they enabled. */
TRIALXR_TEST_API void trialxr_test_set_depth_extension_offered(XrBool32 offered);

/* --- Tracking and input ------------------------------------------------------------------ */

/* The head (the VIEW space, midway between the eyes) in LOCAL (default identity). */
TRIALXR_TEST_API void trialxr_test_set_head_pose(XrPosef pose);

/* Connects or disconnects a controller. A disconnected controller's actions are inactive. */
TRIALXR_TEST_API void trialxr_test_set_controller_connected(TrialxrTestHand hand,
                                                            XrBool32 connected);

/* A controller's aim pose in LOCAL; its grip pose is the same. Default for the right hand:
 * 0.15 m right, 0.25 m down, 0.35 m forward, pointing forward. */
TRIALXR_TEST_API void trialxr_test_set_aim_pose(TrialxrTestHand hand, XrPosef pose);

/* Presses or releases .../input/select/click and .../input/menu/click. Actions see the change
 * at the next xrSyncActions. */
TRIALXR_TEST_API void trialxr_test_set_select(TrialxrTestHand hand, XrBool32 pressed);
TRIALXR_TEST_API void trialxr_test_set_menu(TrialxrTestHand hand, XrBool32 pressed);

/* --- Session events ---------------------------------------------------------------------- */

/* Takes input focus away (a FOCUSED session goes to VISIBLE) or gives it back (a VISIBLE
 * session goes to FOCUSED). While focus is away a session never becomes FOCUSED. */
TRIALXR_TEST_API void trialxr_test_set_focus(XrBool32 focused);

/* Loses the session: it goes to LOSS_PENDING; its functions simulate success, answering
 * XR_SESSION_LOSS_PENDING, until the application has polled that event, and return
 * XR_ERROR_SESSION_LOST from then on. Returns XR_FALSE when there is no session. */
TRIALXR_TEST_API XrBool32 trialxr_test_lose_session(void);

/* Queues XrEventDataInstanceLossPending; once the application has polled it, every function
 * but the destroy functions returns XR_ERROR_INSTANCE_LOST. Returns XR_FALSE without an
 * instance. */
TRIALXR_TEST_API XrBool32 trialxr_test_lose_instance(void);

/* --- What the application did ------------------------------------------------------------ */

typedef struct TrialxrTestHaptics {
  uint32_t pulses;     /* xrApplyHapticFeedback calls that reached a controller */
  uint32_t stops;      /* xrStopHapticFeedback calls that reached a controller */
  uint32_t last_hands; /* bit 0: left, bit 1: right, for the last pulse */
  XrDuration last_duration;
  float last_frequency;
  float last_amplitude;
} TrialxrTestHaptics;

TRIALXR_TEST_API TrialxrTestHaptics trialxr_test_haptics(void);

/* Successful xrEndFrame calls since the last reset. */
TRIALXR_TEST_API uint64_t trialxr_test_frames_ended(void);

typedef struct TrialxrTestFrame {
  uint64_t frame_number; /* 1 for the first ended frame */
  XrTime display_time;
  XrEnvironmentBlendMode blend_mode;
  uint32_t layer_count;
  uint32_t projection_views; /* views of the frame's last projection layer, 0 without one */
  XrBool32 depth_submitted;  /* each of those views chained XrCompositionLayerDepthInfoKHR */
  /* That depth info of the first view (zeros without depth): its depth range and planes. */
  float depth_min;
  float depth_max;
  float depth_near_z;
  float depth_far_z;
  /* The reference space type of that layer's space; XR_REFERENCE_SPACE_TYPE_MAX_ENUM for an
   * action space or without a projection layer. */
  XrReferenceSpaceType projection_space;
} TrialxrTestFrame;

/* The last ended frame. Returns XR_FALSE before the first one. */
TRIALXR_TEST_API XrBool32 trialxr_test_last_frame(TrialxrTestFrame* frame);

/* A view of the last projection layer submitted (by the last frame that had one): the
 * sub-image's rectangle of its array layer, as RGBA8 rows, top row first, as stored (sRGB
 * formats stay encoded; BGRA is swizzled to RGBA). Pass rgba = NULL to learn the size.
 * Returns XR_FALSE when there is no such view or rgba_capacity < width * height * 4. */
TRIALXR_TEST_API XrBool32 trialxr_test_read_view(uint32_t view_index, uint32_t* width,
                                                 uint32_t* height, uint8_t* rgba,
                                                 size_t rgba_capacity);

/* The depth a view of the last projection layer submitted chained (XrCompositionLayerDepthInfoKHR,
 * read when that frame ended): the depth sub-image's rectangle of its array layer, as floats,
 * top row first, as stored (D32_SFLOAT, the one depth format the runtime offers). Pass
 * depth = NULL to learn the size. Returns XR_FALSE when there is no such view, when it chained
 * no depth, or when depth_capacity (in floats) < width * height. */
TRIALXR_TEST_API XrBool32 trialxr_test_read_depth(uint32_t view_index, uint32_t* width,
                                                  uint32_t* height, float* depth,
                                                  size_t depth_capacity);

/* Function pointer types for dlsym. */
typedef void (*PFN_trialxr_test_reset)(void);
typedef XrBool32 (*PFN_trialxr_test_set_view_size)(uint32_t, uint32_t);
typedef void (*PFN_trialxr_test_set_fov)(XrFovf);
typedef void (*PFN_trialxr_test_set_ipd)(float);
typedef XrBool32 (*PFN_trialxr_test_set_blend_modes)(const XrEnvironmentBlendMode*, uint32_t);
typedef void (*PFN_trialxr_test_set_stage)(XrBool32, float, float);
typedef void (*PFN_trialxr_test_set_eye_height)(float);
typedef void (*PFN_trialxr_test_set_headset_connected)(XrBool32);
typedef void (*PFN_trialxr_test_set_depth_extension_offered)(XrBool32);
typedef void (*PFN_trialxr_test_set_head_pose)(XrPosef);
typedef void (*PFN_trialxr_test_set_controller_connected)(TrialxrTestHand, XrBool32);
typedef void (*PFN_trialxr_test_set_aim_pose)(TrialxrTestHand, XrPosef);
typedef void (*PFN_trialxr_test_set_select)(TrialxrTestHand, XrBool32);
typedef void (*PFN_trialxr_test_set_menu)(TrialxrTestHand, XrBool32);
typedef void (*PFN_trialxr_test_set_focus)(XrBool32);
typedef XrBool32 (*PFN_trialxr_test_lose_session)(void);
typedef XrBool32 (*PFN_trialxr_test_lose_instance)(void);
typedef TrialxrTestHaptics (*PFN_trialxr_test_haptics)(void);
typedef uint64_t (*PFN_trialxr_test_frames_ended)(void);
typedef XrBool32 (*PFN_trialxr_test_last_frame)(TrialxrTestFrame*);
typedef XrBool32 (*PFN_trialxr_test_read_view)(uint32_t, uint32_t*, uint32_t*, uint8_t*, size_t);
typedef XrBool32 (*PFN_trialxr_test_read_depth)(uint32_t, uint32_t*, uint32_t*, float*, size_t);

#ifdef __cplusplus
}
#endif

#endif /* TRIALXR_TEST_RUNTIME_H */
