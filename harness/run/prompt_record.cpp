#include "harness/run/prompt_record.h"

#include <nlohmann/json.hpp>

#include "harness/core/json_text.h"
#include "harness/run/sampling_json.h"

namespace kinship {

// Written by hand (json_text.h), not through an ordered_json: a run writes one line per
// planned prompt before its first request, and the DOM made that a visible share of a
// short run. Keys and their order are those of results/README.md.
std::string PromptToJsonLine(const Prompt& p) {
  std::string line;
  std::size_t size = 256 + p.suite.size() + p.id.size();
  for (const auto& m : p.messages) size += m.content.size() + 32;
  line.reserve(size);
  line.append("{\"suite\":");
  AppendJsonString(p.suite, &line);
  line.append(",\"id\":");
  AppendJsonString(p.id, &line);
  line.append(",\"messages\":[");
  for (std::size_t i = 0; i < p.messages.size(); ++i) {
    if (i > 0) line.push_back(',');
    line.append("{\"role\":");
    AppendJsonString(RoleName(p.messages[i].role), &line);
    line.append(",\"content\":");
    AppendJsonString(p.messages[i].content, &line);
    line.push_back('}');
  }
  line.append("],\"tags\":");
  AppendJsonStringArray(p.tags, &line);
  line.append(",\"reference\":");
  if (p.reference) {
    AppendJsonString(*p.reference, &line);
  } else {
    line.append("null");
  }
  line.append(",\"split\":");
  AppendJsonString(p.split, &line);
  line.append(",\"sampling\":");
  AppendSamplingJson(p.sampling, &line);
  if (p.samples) {
    line.append(",\"samples\":");
    AppendJsonInteger(*p.samples, &line);
  }
  // Carried so that `report` scores answers without the suite file (suites/README.md).
  if (!p.assertions.empty()) {
    nlohmann::ordered_json checks = nlohmann::ordered_json::array();
    for (const auto& a : p.assertions) checks.push_back(nlohmann::ordered_json::parse(AssertionToJson(a)));
    const nlohmann::ordered_json block = {
        {"threshold", p.threshold ? nlohmann::ordered_json(*p.threshold) : nlohmann::ordered_json(nullptr)},
        {"checks", checks}};
    line.append(",\"assertions\":");
    line.append(block.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace));
  }
  line.push_back('}');
  return line;
}

std::optional<Prompt> PromptFromJsonLine(std::string_view line, std::string* error) {
  nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
  if (j.is_discarded() || !j.is_object()) {
    if (error) *error = "not a JSON object";
    return std::nullopt;
  }
  try {
    Prompt p;
    p.suite = j.at("suite").get<std::string>();
    p.id = j.at("id").get<std::string>();
    for (const auto& m : j.at("messages")) {
      auto role = ParseRole(m.at("role").get<std::string>());
      if (!role) {
        if (error) *error = "unknown role";
        return std::nullopt;
      }
      p.messages.push_back({*role, m.at("content").get<std::string>()});
    }
    p.tags = j.value("tags", std::vector<std::string>{});
    if (j.contains("reference") && j["reference"].is_string()) p.reference = j["reference"].get<std::string>();
    p.split = j.value("split", "test");
    if (j.contains("sampling")) p.sampling = SamplingFromJson(j["sampling"]);
    if (j.contains("samples")) p.samples = j["samples"].get<int>();
    if (j.contains("assertions") && j["assertions"].is_object()) {
      const auto& block = j["assertions"];
      if (block.contains("threshold") && block["threshold"].is_number()) {
        p.threshold = block["threshold"].get<double>();
      }
      for (const auto& check : block.value("checks", nlohmann::json::array())) {
        auto a = AssertionFromJson(check.dump(), error);
        if (!a) return std::nullopt;
        p.assertions.push_back(std::move(*a));
      }
    }
    return p;
  } catch (const nlohmann::json::exception& e) {
    if (error) *error = e.what();
    return std::nullopt;
  }
}

}  // namespace kinship
