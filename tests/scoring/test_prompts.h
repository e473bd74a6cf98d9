// Builders of prompts with assertions and of records, for the scoring and compare tests.
#pragma once

#include <string>
#include <vector>

#include "harness/config/assertion.h"
#include "harness/run/run_reader.h"

namespace kinship::testing {

inline Assertion Check(AssertionKind kind, std::vector<std::string> values = {}, bool negate = false) {
  Assertion a;
  a.kind = kind;
  a.values = std::move(values);
  a.negate = negate;
  return a;
}

inline Prompt ScoredPrompt(const std::string& id, std::vector<Assertion> assertions,
                           const std::string& suite = "qa") {
  Prompt p;
  p.suite = suite;
  p.id = id;
  p.messages.push_back({Role::kUser, "question " + id});
  p.assertions = std::move(assertions);
  return p;
}

inline ResponseRecord Answer(const std::string& model, const std::string& prompt_id, int sample,
                             const std::string& output, const std::string& suite = "qa") {
  ResponseRecord r;
  r.model = model;
  r.suite = suite;
  r.prompt_id = prompt_id;
  r.sample = sample;
  r.status = "ok";
  r.output = output;
  return r;
}

inline RunData MakeRun(const std::vector<std::string>& models, std::vector<Prompt> prompts,
                       std::vector<ResponseRecord> records, const std::string& dir = "run") {
  RunData run;
  run.dir = dir;
  run.manifest = {{"models", nlohmann::json::array()}};
  for (const auto& m : models) run.manifest["models"].push_back({{"name", m}});
  run.prompts = std::move(prompts);
  run.records = std::move(records);
  return run;
}

}  // namespace kinship::testing
