#include "harness/run/prompt_record.h"

#include <nlohmann/json.hpp>

#include "harness/run/sampling_json.h"

namespace kinship {

std::string PromptToJsonLine(const Prompt& p) {
  nlohmann::ordered_json j;
  j["suite"] = p.suite;
  j["id"] = p.id;
  nlohmann::ordered_json messages = nlohmann::ordered_json::array();
  for (const auto& m : p.messages) {
    messages.push_back({{"role", std::string(RoleName(m.role))}, {"content", m.content}});
  }
  j["messages"] = messages;
  j["tags"] = p.tags;
  j["reference"] = p.reference ? nlohmann::ordered_json(*p.reference) : nlohmann::ordered_json(nullptr);
  j["split"] = p.split;
  j["sampling"] = SamplingToJson(p.sampling);
  if (p.samples) j["samples"] = *p.samples;
  // Carried so that `report` scores answers without the suite file (suites/README.md).
  if (!p.assertions.empty()) {
    nlohmann::ordered_json checks = nlohmann::ordered_json::array();
    for (const auto& a : p.assertions) checks.push_back(nlohmann::ordered_json::parse(AssertionToJson(a)));
    j["assertions"] = {{"threshold", p.threshold ? nlohmann::ordered_json(*p.threshold)
                                                 : nlohmann::ordered_json(nullptr)},
                       {"checks", checks}};
  }
  return j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
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
