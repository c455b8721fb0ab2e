#include "trialxr/app/storyboard_index.h"

#include <fmt/format.h>
#include <cmath>
#include <nlohmann/json.hpp>

namespace trialxr::app {

std::string index_json(const StoryboardIndex& index) {
  nlohmann::ordered_json j;
  j["bundle"] = index.bundle;
  j["bundle_hash"] = index.bundle_hash;
  j["scene"] = index.scene_id;
  j["title"] = index.title;
  j["language"] = index.language;
  j["signature"] = index.signature;
  j["steps"] = nlohmann::ordered_json::array();
  for (const StoryboardEntry& e : index.entries) {
    nlohmann::ordered_json s;
    s["step"] = e.step;
    s["time"] = std::round(e.time_seconds * 1000.0) / 1000.0;
    s["moment"] = e.moment;
    s["image"] = e.image;
    s["subtitle"] = e.subtitle;
    s["labels"] = e.labels;
    s["question"] = e.question;
    s["options"] = e.options;
    j["steps"].push_back(std::move(s));
  }
  return j.dump(2) + "\n";
}

namespace {

std::string escape(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

}  // namespace

std::string index_html(const StoryboardIndex& index) {
  std::string html = fmt::format(
      "<!doctype html>\n<html lang=\"{0}\"><head><meta charset=\"utf-8\">\n"
      "<title>{1} — storyboard</title>\n<style>\n"
      "body{{font-family:sans-serif;margin:2em;color:#222}}\n"
      ".step{{display:inline-block;vertical-align:top;width:420px;margin:0 1.5em 2em 0;"
      "page-break-inside:avoid}}\n"
      ".step img{{width:100%;border:1px solid #999}}\n.meta{{color:#555;font-size:90%}}\n"
      "</style></head><body>\n<h1>{1}</h1>\n"
      "<p class=\"meta\">scene {2} · language {0} · bundle {3} · BLAKE2b-256 <code>{4}</code> · "
      "signature: {5}</p>\n",
      escape(index.language), escape(index.title), escape(index.scene_id), escape(index.bundle),
      escape(index.bundle_hash), escape(index.signature));
  for (std::size_t i = 0; i < index.entries.size(); ++i) {
    const StoryboardEntry& e = index.entries[i];
    html += fmt::format(
        "<div class=\"step\"><img src=\"{0}\" alt=\"step {1}\">\n<h2>{2}. {1}</h2>\n"
        "<p class=\"meta\">{3:.2f} s · {4}</p>\n",
        escape(e.image), escape(e.step), i + 1, e.time_seconds, escape(e.moment));
    if (!e.subtitle.empty()) html += fmt::format("<p>Narration: “{}”</p>\n", escape(e.subtitle));
    for (const auto& l : e.labels) html += fmt::format("<p>Label: “{}”</p>\n", escape(l));
    if (!e.question.empty()) {
      html += fmt::format("<p>Question: “{}”</p>\n<ul>\n", escape(e.question));
      for (const auto& o : e.options) html += fmt::format("<li>{}</li>\n", escape(o));
      html += "</ul>\n";
    }
    html += "</div>\n";
  }
  html += "</body></html>\n";
  return html;
}

}  // namespace trialxr::app
