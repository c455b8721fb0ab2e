#include "schedule_lowering.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "trialxr/compiler/color.h"
#include "trialxr/compiler/primitives.h"

namespace trialxr::compiler {

namespace {

std::array<float, 4> srgb(float r, float g, float b, float a = 1.0f) {
  return {srgb_to_linear(r), srgb_to_linear(g), srgb_to_linear(b), a};
}

bundle::NodeRecord plain_node(BundleContent& content, const std::string& name, std::uint32_t parent,
                              std::uint32_t object, std::uint32_t mesh) {
  bundle::NodeRecord node{};
  node.name = content.strings.intern(name);
  node.parent = parent;
  node.object = object;
  node.mesh = mesh;
  node.skin = bundle::kNone;
  node.rotation[3] = 1.0f;
  node.scale[0] = node.scale[1] = node.scale[2] = 1.0f;
  return node;
}

}  // namespace

float ScheduleLayout::x_of(std::int32_t day, float length) const {
  if (last_day == first_day) return length * 0.5f;
  return length * static_cast<float>(day - first_day) / static_cast<float>(last_day - first_day);
}

ScheduleLayout layout_schedule(const ScheduleDecl& schedule) {
  ScheduleLayout l;
  if (schedule.visits.empty()) return l;
  l.first_day = l.last_day = schedule.visits.front().day;
  for (const VisitDecl& v : schedule.visits) {
    l.first_day = std::min(l.first_day, v.day - static_cast<std::int32_t>(v.window_before));
    l.last_day = std::max(l.last_day, v.day + static_cast<std::int32_t>(v.window_after));
  }
  for (const VisitDecl& v : schedule.visits) l.visit_x.push_back(l.x_of(v.day, schedule.length));
  // A tick a week, counted from day 1, or every four weeks when weeks would crowd.
  const std::int32_t span = l.last_day - l.first_day;
  l.tick_every = span > 26 * 7 ? 28 : 7;
  auto floor_div = [](std::int32_t a, std::int32_t b) {
    return a >= 0 ? a / b : -((-a + b - 1) / b);
  };
  for (std::int32_t k = floor_div(l.first_day - 1, l.tick_every) + 1;
       1 + k * l.tick_every < l.last_day; ++k) {
    l.ticks.push_back(1 + k * l.tick_every);
  }
  return l;
}

ScheduleNodes append_schedule_nodes(const ScheduleDecl& schedule, const std::string& name,
                                    std::uint32_t object, BundleContent& content) {
  const ScheduleLayout l = layout_schedule(schedule);
  const float length = schedule.length;
  ScheduleNodes out;
  out.root = static_cast<std::uint32_t>(content.nodes.size());
  content.nodes.push_back(plain_node(content, name, bundle::kNone, object, bundle::kNone));

  // Meshes shared by the nodes that look alike; bars are one metre long and scaled.
  const std::uint32_t track = append_primitive(
      {ShapeKind::box, {length + 2.0f * kVisitMarkerRadius, kTrackHeight, kTrackWidth}},
      srgb(0.93f, 0.91f, 0.86f), content);
  const std::uint32_t tick =
      append_primitive({ShapeKind::box, {0.003f, kTrackHeight * 1.5f, kTrackWidth * 1.25f}},
                       srgb(0.55f, 0.53f, 0.5f), content);
  PrimitiveShape marker_shape{ShapeKind::cylinder};
  marker_shape.radius = kVisitMarkerRadius;
  marker_shape.height = kVisitMarkerHeight;
  const std::uint32_t marker = append_primitive(marker_shape, srgb(0.18f, 0.56f, 0.62f), content);
  const std::uint32_t bar =
      append_primitive({ShapeKind::box, {1.0f, kTrackHeight * 0.5f, kTrackWidth * 1.6f}},
                       srgb(0.61f, 0.81f, 0.84f, 0.7f), content);

  bundle::NodeRecord t = plain_node(content, name + ".track", out.root, object, track);
  t.translation[0] = length * 0.5f;
  t.translation[1] = kTrackHeight * 0.5f;
  content.nodes.push_back(t);
  for (std::int32_t day : l.ticks) {
    bundle::NodeRecord n =
        plain_node(content, fmt::format("{}.tick-{}", name, day), out.root, object, tick);
    n.translation[0] = l.x_of(day, length);
    n.translation[1] = kTrackHeight * 0.75f;
    content.nodes.push_back(n);
  }
  for (std::size_t i = 0; i < schedule.visits.size(); ++i) {
    const VisitDecl& v = schedule.visits[i];
    const std::string visit_name = fmt::format("{}.{}", name, v.name.text);
    const auto node = static_cast<std::uint32_t>(content.nodes.size());
    out.visit_nodes.push_back(node);
    bundle::NodeRecord m = plain_node(content, visit_name, out.root, object, marker);
    m.translation[0] = l.visit_x[i];
    m.translation[1] = kTrackHeight + kVisitMarkerHeight * 0.5f;
    content.nodes.push_back(m);
    if (v.window_before + v.window_after == 0) continue;
    const float from = l.x_of(v.day - static_cast<std::int32_t>(v.window_before), length);
    const float to = l.x_of(v.day + static_cast<std::int32_t>(v.window_after), length);
    bundle::NodeRecord w = plain_node(content, visit_name + ".window", node, object, bar);
    w.translation[0] = (from + to) * 0.5f - l.visit_x[i];
    w.translation[1] = kTrackHeight * 0.25f - kVisitMarkerHeight * 0.5f;
    w.scale[0] = std::max(to - from, 0.001f);
    content.nodes.push_back(w);
  }
  return out;
}

std::vector<std::string> template_names(std::string_view text) {
  std::vector<std::string> names;
  for (std::size_t open = text.find('{'); open != std::string_view::npos;
       open = text.find('{', open + 1)) {
    const std::size_t close = text.find('}', open);
    if (close == std::string_view::npos) break;
    names.emplace_back(text.substr(open + 1, close - open - 1));
  }
  return names;
}

std::string fill_template(std::string_view text, const std::map<std::string, std::string>& values) {
  std::string out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t open = text.find('{', pos);
    const std::size_t close = open == std::string_view::npos ? open : text.find('}', open);
    if (close == std::string_view::npos) break;
    out.append(text.substr(pos, open - pos));
    auto it = values.find(std::string(text.substr(open + 1, close - open - 1)));
    out.append(it != values.end() ? std::string_view(it->second)
                                  : text.substr(open, close - open + 1));
    pos = close + 1;
  }
  out.append(text.substr(std::min(pos, text.size())));
  return out;
}

std::string visit_details(const VisitDecl& visit, const std::string* day_text,
                          const std::string* window_text,
                          const std::vector<std::string>& procedures) {
  const auto day = static_cast<std::int64_t>(visit.day);
  const std::map<std::string, std::string> values = {
      {"day", fmt::format("{}", day)},
      {"first", fmt::format("{}", day - visit.window_before)},
      {"last", fmt::format("{}", day + visit.window_after)},
      {"before", fmt::format("{}", visit.window_before)},
      {"after", fmt::format("{}", visit.window_after)}};
  std::vector<std::string> lines;
  if (day_text != nullptr) lines.push_back(fill_template(*day_text, values));
  if (window_text != nullptr && visit.window_before + visit.window_after > 0)
    lines.push_back(fill_template(*window_text, values));
  for (const std::string& p : procedures) lines.push_back("\u2022 " + p);
  return fmt::format("{}", fmt::join(lines, "\n"));
}

}  // namespace trialxr::compiler
