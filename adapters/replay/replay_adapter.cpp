#include "adapters/replay/replay_adapter.h"

#include <filesystem>
#include <fstream>
#include <optional>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "harness/core/config_error.h"

namespace kinship {

namespace {

namespace fs = std::filesystem;

// Key parts are joined with a unit separator, which never occurs in ids or texts that
// reach us through JSON string fields in practice (the same convention as RecordKey).
std::string Key(std::string_view a, std::string_view b, int sample) {
  std::string key;
  key.reserve(a.size() + b.size() + 8);
  key.append(a).push_back('\x1f');
  key.append(b).push_back('\x1f');
  key.append(std::to_string(sample));
  return key;
}

// The answers of one model, indexed three ways.
struct Recording {
  std::unordered_map<std::string, std::string> by_item;  // (suite, id, sample)
  // (id, sample), for requests whose suite name differs from the recording's; an id
  // recorded under several suites is ambiguous and left out (mapped to nullopt).
  std::unordered_map<std::string, std::optional<std::string>> by_id;
  std::unordered_map<std::string, std::string> by_text;  // (last user text, sample)
};

class ReplayAdapter : public Adapter {
 public:
  ReplayAdapter(std::shared_ptr<const Recording> recording, std::string model)
      : recording_(std::move(recording)), model_(std::move(model)) {}

  Completion Generate(const ModelRequest& request) override {
    const Recording& r = *recording_;
    const std::string* output = nullptr;
    if (auto it = r.by_item.find(Key(request.suite, request.prompt_id, request.sample_index));
        it != r.by_item.end()) {
      output = &it->second;
    } else if (auto id = r.by_id.find(Key("", request.prompt_id, request.sample_index));
               id != r.by_id.end() && id->second) {
      output = &*id->second;
    } else if (const ChatMessage* last = LastUserTurn(request)) {
      if (auto text = r.by_text.find(Key("", last->content, request.sample_index));
          text != r.by_text.end()) {
        output = &text->second;
      }
    }
    Completion c;
    if (output == nullptr) {
      c.error = "no recorded answer of '" + model_ + "' for prompt '" + request.prompt_id +
                "' (suite '" + request.suite + "', sample " +
                std::to_string(request.sample_index) + ")";
      c.error_kind = "not_recorded";
      return c;
    }
    c.ok = true;
    c.output = *output;
    c.finish_reason = "stop";
    c.served_model = model_;
    return c;
  }

 private:
  static const ChatMessage* LastUserTurn(const ModelRequest& request) {
    const ChatMessage* last = nullptr;
    for (const auto& message : request.messages) {
      if (message.role == Role::kUser) last = &message;
    }
    return last;
  }

  std::shared_ptr<const Recording> recording_;
  std::string model_;
};

std::string OptionString(const ModelConfig& config, const std::string& key) {
  if (!config.options.is_object() || !config.options.contains(key)) return "";
  const auto& value = config.options[key];
  if (!value.is_string()) throw ConfigError(config.OptionLocation(key), key, "expected a string");
  return value.get<std::string>();
}

// Calls fn(line, line_number) for each non-empty line of the file.
template <typename Fn>
void ForEachLine(const fs::path& file, Fn fn) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw ConfigError(file.string() + ": cannot read");
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    fn(line, number);
  }
}

class RecordingBuilder {
 public:
  explicit RecordingBuilder(std::string model) : model_(std::move(model)) {}

  void Add(const std::string& suite, const std::string& id, int sample, const std::string& text,
           const std::string& output) {
    // The last answer wins, as for run readers (a retried item supersedes the first).
    recording_->by_item[Key(suite, id, sample)] = output;
    std::string id_key = Key("", id, sample);
    auto [it, inserted] = id_suite_.try_emplace(id_key, suite);
    if (inserted || it->second == suite) {
      recording_->by_id[id_key] = output;
    } else {
      recording_->by_id[id_key] = std::nullopt;
    }
    if (!text.empty()) recording_->by_text[Key("", text, sample)] = output;
    ++count_;
  }

  const std::string& model() const { return model_; }
  int count() const { return count_; }
  std::shared_ptr<const Recording> Finish() { return std::move(recording_); }

 private:
  std::string model_;
  std::shared_ptr<Recording> recording_ = std::make_shared<Recording>();
  std::unordered_map<std::string, std::string> id_suite_;
  int count_ = 0;
};

std::string LastUserText(const nlohmann::json& messages) {
  std::string text;
  if (!messages.is_array()) return text;
  for (const auto& m : messages) {
    if (m.is_object() && m.value("role", "") == "user" && m.contains("content") &&
        m["content"].is_string()) {
      text = m["content"].get<std::string>();
    }
  }
  return text;
}

// A run directory: ok records of the model from responses.jsonl, with the prompt texts
// from prompts.jsonl. Unparsable lines are skipped, as every run reader does (a torn
// last line after a crash).
void LoadRunDirectory(const fs::path& dir, RecordingBuilder* builder) {
  std::unordered_map<std::string, std::string> texts;  // (suite, id) -> last user text
  if (fs::exists(dir / "prompts.jsonl")) {
    ForEachLine(dir / "prompts.jsonl", [&](const std::string& line, int) {
      auto j = nlohmann::json::parse(line, nullptr, false);
      if (!j.is_object() || !j.contains("id") || !j["id"].is_string()) return;
      texts[Key(j.value("suite", ""), j["id"].get<std::string>(), 0)] =
          LastUserText(j.value("messages", nlohmann::json()));
    });
  }
  const fs::path responses = dir / "responses.jsonl";
  if (!fs::exists(responses)) throw ConfigError(responses.string() + ": no such file");
  ForEachLine(responses, [&](const std::string& line, int) {
    auto j = nlohmann::json::parse(line, nullptr, false);
    if (!j.is_object() || j.value("status", "") != "ok") return;
    if (!j.contains("model") || j["model"] != builder->model()) return;
    if (!j.contains("prompt_id") || !j["prompt_id"].is_string()) return;
    if (!j.contains("output") || !j["output"].is_string()) return;
    std::string suite = j.value("suite", "");
    std::string id = j["prompt_id"].get<std::string>();
    auto text = texts.find(Key(suite, id, 0));
    builder->Add(suite, id, j.value("sample", 0), text == texts.end() ? "" : text->second,
                 j["output"].get<std::string>());
  });
}

// A JSONL file in the import format. Here a bad line is the user's file, so it is an error.
void LoadJsonlFile(const fs::path& file, RecordingBuilder* builder) {
  ForEachLine(file, [&](const std::string& line, int number) {
    SourceLocation where{file.string(), number, 0};
    auto j = nlohmann::json::parse(line, nullptr, false);
    if (!j.is_object()) throw ConfigError(where, "", "not a JSON object");
    for (const char* field : {"model", "prompt_id", "output"}) {
      if (!j.contains(field) || !j[field].is_string()) {
        throw ConfigError(where, field, "missing, or not a string");
      }
    }
    if (j.contains("status") && j["status"] != "ok") return;
    if (j["model"] != builder->model()) return;
    int sample = 0;
    if (j.contains("sample")) {
      if (!j["sample"].is_number_integer()) throw ConfigError(where, "sample", "expected an integer");
      sample = j["sample"].get<int>();
    }
    std::string text = j.contains("prompt") && j["prompt"].is_string()
                           ? j["prompt"].get<std::string>()
                           : "";
    builder->Add(j.value("suite", ""), j["prompt_id"].get<std::string>(), sample, text,
                 j["output"].get<std::string>());
  });
}

}  // namespace

const std::vector<std::string>& ReplayOptionKeys() {
  static const std::vector<std::string> keys = {"source", "recorded_model"};
  return keys;
}

std::unique_ptr<Adapter> CreateReplayAdapter(const ModelConfig& config) {
  const std::string source = OptionString(config, "source");
  if (source.empty()) {
    throw ConfigError(config.where, "source",
                      "the replay adapter needs `source`: a run directory or a JSONL file");
  }
  std::string recorded = OptionString(config, "recorded_model");
  if (recorded.empty()) recorded = config.model.empty() ? config.name : config.model;
  RecordingBuilder builder(recorded);
  const fs::path path(source);
  if (fs::is_directory(path)) {
    LoadRunDirectory(path, &builder);
  } else if (fs::is_regular_file(path)) {
    LoadJsonlFile(path, &builder);
  } else {
    throw ConfigError(config.OptionLocation("source"), "source",
                      "'" + source + "' is neither a run directory nor a file");
  }
  if (builder.count() == 0) {
    throw ConfigError(config.OptionLocation("recorded_model"), "recorded_model",
                      "no recorded answer of model '" + recorded + "' in '" + source + "'");
  }
  return std::make_unique<ReplayAdapter>(builder.Finish(), recorded);
}

}  // namespace kinship
