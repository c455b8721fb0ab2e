// Schedule lowering: a `schedule` object becomes a path of visits on the table — a track,
// a tick every week (every four weeks on long schedules), and for each visit a marker
// standing at its day with a translucent bar spanning its window — plus the text each
// visit shows when the patient chooses it: its day, its window and its procedures, in
// every language.
//
// Layout, in the schedule's own frame (its `at` is the start of the track, +X runs along
// it, +Y is up): the track spans the first to the last day any visit may fall on
// (windows included), `length` metres long. A visit stands at x = length × (day −
// first) / (last − first); a schedule of one day stands at the middle.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "trialxr/compiler/bundle_content.h"
#include "trialxr/compiler/scene_model.h"

namespace trialxr::compiler {

inline constexpr float kVisitMarkerRadius = 0.018f;  // metres
inline constexpr float kVisitMarkerHeight = 0.012f;
inline constexpr float kTrackWidth = 0.03f;
inline constexpr float kTrackHeight = 0.006f;

struct ScheduleLayout {
  std::int32_t first_day = 0;  // the track's start and end, windows included
  std::int32_t last_day = 0;
  std::vector<float> visit_x;       // per visit: metres along the track
  std::vector<std::int32_t> ticks;  // days with a tick mark
  std::int32_t tick_every = 7;      // days between ticks
  float x_of(std::int32_t day, float length) const;
};

ScheduleLayout layout_schedule(const ScheduleDecl& schedule);

// The schedule's nodes (after content.nodes' current end) and meshes: the root (named
// like the object) at its placement, "NAME.track", "NAME.tick-N" and for each visit
// "NAME.VISIT" (the marker; what `NAME.VISIT` names in cues) with its "NAME.VISIT.window".
// Returns the index of each visit's marker node. The root's transform and flags are left
// for the caller, like every object's.
struct ScheduleNodes {
  std::uint32_t root = 0;
  std::vector<std::uint32_t> visit_nodes;
};
ScheduleNodes append_schedule_nodes(const ScheduleDecl& schedule, const std::string& name,
                                    std::uint32_t object, BundleContent& content);

// `text` with each {name} replaced by values[name]; names not in `values` stay as written.
std::string fill_template(std::string_view text, const std::map<std::string, std::string>& values);

// The names in braces in `text`, in order.
std::vector<std::string> template_names(std::string_view text);

// What a visit shows when chosen, in one language: the day line (from day-text), the
// window line (from window-text, when the visit has a window), then one line per
// procedure, each after a bullet. Texts are already in that language.
std::string visit_details(const VisitDecl& visit, const std::string* day_text,
                          const std::string* window_text,
                          const std::vector<std::string>& procedures);

}  // namespace trialxr::compiler
