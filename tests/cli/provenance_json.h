// Reading the JSON files an audit writes (provenance.json, manifest.json) in CLI tests.
#pragma once

#include <filesystem>
#include <string>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "harness/core/file_io.h"

namespace kinship::testing {

inline nlohmann::json ReadJson(const std::filesystem::path& file) {
  return nlohmann::json::parse(kinship::ReadFileOrThrow(file));
}

// The verdict object of `model` among a provenance JSON's candidates (fails the test if absent).
inline const nlohmann::json& Candidate(const nlohmann::json& provenance, const std::string& model) {
  for (const auto& candidate : provenance["candidates"]) {
    if (candidate["model"] == model) return candidate;
  }
  FAIL("no candidate " << model);
  return provenance;
}

}  // namespace kinship::testing
