#include "harness/run/run_manifest.h"

#include <cstdlib>

#include "harness/core/config_error.h"
#include "harness/core/file_io.h"
#include "harness/run/sampling_json.h"

namespace kinship {

namespace {

nlohmann::json CountersToJson(const ModelCounters& c) {
  return {{"ok", c.ok},
          {"errors", c.errors},
          {"retries", c.retries},
          {"rate_limited", c.rate_limited},
          {"cached", c.cached},
          {"input_tokens", c.input_tokens},
          {"output_tokens", c.output_tokens},
          {"reasoning_tokens", c.reasoning_tokens},
          {"cost_usd", c.cost_usd ? nlohmann::json(*c.cost_usd) : nlohmann::json(nullptr)}};
}

ModelCounters CountersFromJson(const nlohmann::json& j) {
  ModelCounters c;
  c.ok = j.value("ok", 0);
  c.errors = j.value("errors", 0);
  c.retries = j.value("retries", 0);
  c.rate_limited = j.value("rate_limited", 0);
  c.cached = j.value("cached", 0);
  c.input_tokens = j.value("input_tokens", std::int64_t{0});
  c.output_tokens = j.value("output_tokens", std::int64_t{0});
  c.reasoning_tokens = j.value("reasoning_tokens", std::int64_t{0});
  if (j.contains("cost_usd") && j["cost_usd"].is_number()) c.cost_usd = j["cost_usd"].get<double>();
  return c;
}

}  // namespace

nlohmann::json ManifestToJson(const RunManifest& m) {
  nlohmann::ordered_json j;
  j["format"] = m.format;
  j["run_id"] = m.run_id;
  j["tool"] = {{"name", "kinship"}, {"version", m.tool_version}, {"git_hash", m.git_hash}};
  j["argv"] = m.argv;
  nlohmann::ordered_json suites = nlohmann::ordered_json::array();
  for (const auto& s : m.suites) {
    suites.push_back({{"name", s.name},
                      {"version", s.version},
                      {"path", s.path},
                      {"content_hash", s.content_hash},
                      {"prompts", s.prompts}});
  }
  j["suites"] = suites;
  nlohmann::ordered_json models = nlohmann::ordered_json::array();
  for (const auto& model : m.models) models.push_back(nlohmann::ordered_json::parse(ModelConfigToJson(model).dump()));
  j["models"] = models;
  j["sampling_overrides"] = SamplingToJson(m.sampling_overrides);
  j["samples_override"] = m.samples_override ? nlohmann::ordered_json(*m.samples_override)
                                             : nlohmann::ordered_json(nullptr);
  // Only written for the audit protocol, so manifests of plain runs are unchanged.
  if (m.greedy_first_sample) {
    j["sampling_protocol"] = {{"greedy_first_sample", true},
                              {"sampled_temperature", m.sampled_temperature}};
  }
  j["seed"] = m.seed_from_flag ? nlohmann::ordered_json(m.seed) : nlohmann::ordered_json(nullptr);
  j["planned"] = m.planned;
  j["shard"] = m.shard ? nlohmann::ordered_json{{"index", m.shard->index}, {"count", m.shard->count}}
                       : nlohmann::ordered_json(nullptr);
  j["status"] = m.status;
  j["started_at"] = m.started_at;
  j["finished_at"] = m.finished_at;
  j["resumed_at"] = m.resumed_at;
  nlohmann::ordered_json counters = nlohmann::ordered_json::object();
  for (const auto& model : m.models) {
    auto it = m.counters.find(model.name);
    counters[model.name] = CountersToJson(it == m.counters.end() ? ModelCounters{} : it->second);
  }
  j["counters"] = counters;
  return nlohmann::json::parse(j.dump());
}

RunManifest ManifestFromJson(const nlohmann::json& j, const std::string& file) {
  try {
    RunManifest m;
    m.format = j.at("format").get<std::string>();
    if (m.format != kRunFormat) {
      throw ConfigError(SourceLocation{file}, "format",
                        "unsupported run format '" + m.format + "' (this kinship reads " +
                            kRunFormat + ")");
    }
    m.run_id = j.at("run_id").get<std::string>();
    m.tool_version = j.at("tool").value("version", "");
    m.git_hash = j.at("tool").value("git_hash", "");
    m.argv = j.value("argv", std::vector<std::string>{});
    for (const auto& s : j.at("suites")) {
      m.suites.push_back({s.at("name").get<std::string>(), s.value("version", ""),
                          s.value("path", ""), s.value("content_hash", ""), s.value("prompts", 0)});
    }
    for (const auto& model : j.at("models")) m.models.push_back(ModelConfigFromJson(model));
    m.sampling_overrides = SamplingFromJson(j.value("sampling_overrides", nlohmann::json::object()));
    if (j.contains("samples_override") && j["samples_override"].is_number()) {
      m.samples_override = j["samples_override"].get<int>();
    }
    if (j.contains("sampling_protocol") && j["sampling_protocol"].is_object()) {
      const auto& protocol = j["sampling_protocol"];
      m.greedy_first_sample = protocol.value("greedy_first_sample", false);
      m.sampled_temperature = protocol.value("sampled_temperature", 1.0);
    }
    if (j.contains("seed") && j["seed"].is_number()) {
      m.seed = j["seed"].get<std::uint64_t>();
      m.seed_from_flag = true;
    }
    m.planned = j.value("planned", 0);
    if (j.contains("shard") && j["shard"].is_object()) {
      m.shard = Shard{j["shard"].at("index").get<int>(), j["shard"].at("count").get<int>()};
    }
    m.status = j.value("status", "running");
    m.started_at = j.value("started_at", "");
    m.finished_at = j.value("finished_at", "");
    m.resumed_at = j.value("resumed_at", std::vector<std::string>{});
    if (j.contains("counters")) {
      for (const auto& [name, c] : j["counters"].items()) m.counters[name] = CountersFromJson(c);
    }
    return m;
  } catch (const nlohmann::json::exception& e) {
    throw ConfigError(SourceLocation{file}, "", std::string("malformed manifest: ") + e.what());
  }
}

void WriteManifest(const std::filesystem::path& run_dir, const RunManifest& manifest,
                   Durability durability) {
  WriteFileAtomically(run_dir / "manifest.json", ManifestToJson(manifest).dump(2) + "\n", durability);
}

RunManifest ReadManifest(const std::filesystem::path& run_dir) {
  auto path = run_dir / "manifest.json";
  if (!std::filesystem::exists(path)) {
    throw ConfigError(run_dir.string() + ": not a run directory (no manifest.json)");
  }
  std::string text = ReadFileOrThrow(path);
  nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded()) throw ConfigError(path.string() + ": not valid JSON");
  return ManifestFromJson(j, path.string());
}

std::vector<std::string> RedactArgv(const std::vector<std::string>& argv,
                                    const std::vector<std::string>& secret_env_names) {
  std::vector<std::string> secrets;
  for (const auto& name : secret_env_names) {
    const char* value = name.empty() ? nullptr : std::getenv(name.c_str());
    if (value && std::string_view(value).size() >= 4) secrets.emplace_back(value);
  }
  std::vector<std::string> out = argv;
  for (auto& arg : out) {
    for (const auto& secret : secrets) {
      for (auto pos = arg.find(secret); pos != std::string::npos; pos = arg.find(secret, pos)) {
        arg.replace(pos, secret.size(), "[REDACTED]");
        pos += 10;
      }
    }
  }
  return out;
}

}  // namespace kinship
