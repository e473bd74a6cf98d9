#include "harness/config/suite_loader.h"

#include <algorithm>
#include <cstdlib>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <system_error>
#include <unordered_map>

#include "harness/config/assertion.h"
#include "harness/config/config_node.h"
#include "harness/config/sampling_schema.h"
#include "harness/config/template.h"
#include "harness/core/build_info.h"
#include "harness/core/did_you_mean.h"
#include "harness/core/file_io.h"
#include "harness/core/hash.h"
#include "harness/core/utf8.h"

namespace kinship {

namespace {

namespace fs = std::filesystem;

const std::vector<std::string> kSuiteKeys = {"name",     "version", "description", "defaults",
                                             "prompts",  "dataset", "vars",    "threshold"};
const std::vector<std::string> kDefaultsKeys = {"system", "temperature", "top_p", "max_tokens",
                                                "samples", "seed",       "stop",   "assert"};
const std::vector<std::string> kPromptKeys = {
    "id",   "prompt",      "messages", "system",     "tags",    "reference", "split",
    "vars", "template",    "temperature", "top_p",   "max_tokens", "samples", "seed", "stop",
    "assert", "threshold"};
const std::vector<std::string> kMessageKeys = {"role", "content"};
const std::vector<std::string> kRoles = {"system", "user", "assistant"};
const std::vector<std::string> kSplits = {"dev", "test"};

// A text field that templating may rewrite, with where it was written.
struct Text {
  std::string value;
  SourceLocation where;
  std::string field;
};

struct Turn {
  Role role = Role::kUser;
  Text content;
};

// One prompt as written, before templating and final checks.
struct RawPrompt {
  SourceLocation where;
  std::string field;  // "prompts[3]" inline, "" for a dataset row (file:line says which)
  Text id;
  std::vector<Turn> turns;
  bool has_system_turn = false;
  std::optional<Text> system;
  std::vector<std::string> tags;
  std::optional<Text> reference;
  std::string split = "test";
  SamplingParams overrides;
  std::optional<int> samples;
  std::optional<std::vector<TemplateVars>> vars;
  bool templated = true;
  std::vector<Assertion> assertions;
  std::optional<double> threshold;
};

struct Defaults {
  std::optional<Text> system;
  SamplingParams sampling;
  int samples = 1;
  std::vector<Assertion> assertions;  // applied to every prompt, before its own
  std::optional<double> threshold;    // the suite's top-level `threshold`
};

Text DecodeText(const ConfigNode& node, const std::string& field) {
  return Text{DecodeString(node, field), node.where, field};
}

[[noreturn]] void Missing(const ConfigNode& map, const std::string& field,
                          const std::string& hint = "") {
  throw ConfigError(map.where, field, "missing required key" + hint);
}

bool IsBlank(std::string_view text) {
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; });
}

bool IsValidSuiteName(std::string_view name) {
  auto lower_or_digit = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
  if (name.empty() || !lower_or_digit(name.front())) return false;
  return std::all_of(name.begin(), name.end(), [&](char c) {
    return lower_or_digit(c) || c == '_' || c == '.' || c == '-';
  });
}

bool IsValidVarName(std::string_view name) {
  auto start = [](char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_'; };
  if (name.empty() || !start(name.front())) return false;
  return std::all_of(name.begin(), name.end(),
                     [&](char c) { return start(c) || (c >= '0' && c <= '9'); });
}

std::vector<TemplateVars> DecodeVars(const ConfigNode& node, const std::string& field) {
  ExpectList(node, field);
  if (node.items.empty()) {
    throw ConfigError(node.where, field, "expected at least one row of variables");
  }
  std::vector<TemplateVars> rows;
  for (std::size_t i = 0; i < node.items.size(); ++i) {
    const ConfigNode& row = node.items[i];
    std::string row_field = field + "[" + std::to_string(i) + "]";
    ExpectMap(row, row_field);
    TemplateVars vars;
    for (const auto& entry : row.entries) {
      if (!IsValidVarName(entry.key)) {
        throw ConfigError(entry.key_where, JoinField(row_field, entry.key),
                          "bad variable name (use letters, digits and _, not starting with a digit)");
      }
      vars[entry.key] = DecodeString(entry.value, JoinField(row_field, entry.key));
    }
    rows.push_back(std::move(vars));
  }
  return rows;
}

Defaults DecodeDefaults(const ConfigNode& node) {
  Defaults defaults;
  ExpectMap(node, "defaults");
  RejectUnknownKeys(node, kDefaultsKeys, "defaults");
  for (const auto& entry : node.entries) {
    std::string field = JoinField("defaults", entry.key);
    if (entry.key == "system") {
      defaults.system = DecodeText(entry.value, field);
    } else if (entry.key == "samples") {
      defaults.samples = DecodeSamples(entry.value, field);
    } else if (entry.key == "assert") {
      defaults.assertions = DecodeAssertions(entry.value, field);
    } else {
      DecodeSamplingKey(entry.key, entry.value, field, &defaults.sampling);
    }
  }
  return defaults;
}

std::vector<Turn> DecodeMessages(const ConfigNode& node, const std::string& field) {
  ExpectList(node, field);
  if (node.items.empty()) {
    throw ConfigError(node.where, field, "expected at least one message");
  }
  std::vector<Turn> turns;
  for (std::size_t i = 0; i < node.items.size(); ++i) {
    const ConfigNode& message = node.items[i];
    std::string message_field = field + "[" + std::to_string(i) + "]";
    ExpectMap(message, message_field);
    RejectUnknownKeys(message, kMessageKeys, message_field);
    const ConfigNode* role_node = message.Find("role");
    if (!role_node) Missing(message, JoinField(message_field, "role"));
    const ConfigNode* content_node = message.Find("content");
    if (!content_node) Missing(message, JoinField(message_field, "content"));
    std::string role_field = JoinField(message_field, "role");
    std::string role_name = DecodeString(*role_node, role_field);
    std::optional<Role> role = ParseRole(role_name);
    if (!role) {
      throw ConfigError(role_node->where, role_field,
                        "unknown role '" + SanitizeUtf8(role_name) +
                            "' (expected system, user or assistant)" + DidYouMean(role_name, kRoles));
    }
    if (*role == Role::kSystem && i != 0) {
      throw ConfigError(role_node->where, role_field,
                        "a system message may only come first");
    }
    turns.push_back({*role, DecodeText(*content_node, JoinField(message_field, "content"))});
  }
  if (turns.back().role != Role::kUser) {
    throw ConfigError(node.items.back().where, field,
                      "the conversation must end with a user message");
  }
  return turns;
}

RawPrompt DecodePrompt(const ConfigNode& node, const std::string& prefix) {
  RawPrompt raw;
  raw.where = node.where;
  raw.field = prefix;
  if (!node.IsMap()) {
    throw ConfigError(node.where, prefix,
                      "expected a prompt (a map with id and prompt), got " + DescribeNode(node));
  }
  RejectUnknownKeys(node, kPromptKeys, prefix);
  const ConfigNode* id = node.Find("id");
  if (!id) Missing(node, JoinField(prefix, "id"));
  raw.id = DecodeText(*id, JoinField(prefix, "id"));

  const ConfigNode* prompt = node.Find("prompt");
  const ConfigNode* messages = node.Find("messages");
  if (prompt && messages) {
    throw ConfigError(messages->where, JoinField(prefix, "messages"),
                      "give either 'prompt' or 'messages', not both");
  }
  if (!prompt && !messages) {
    Missing(node, JoinField(prefix, "prompt"), " (give 'prompt' or 'messages')");
  }
  if (prompt) {
    raw.turns.push_back({Role::kUser, DecodeText(*prompt, JoinField(prefix, "prompt"))});
  } else {
    raw.turns = DecodeMessages(*messages, JoinField(prefix, "messages"));
    raw.has_system_turn = raw.turns.front().role == Role::kSystem;
  }

  for (const auto& entry : node.entries) {
    std::string field = JoinField(prefix, entry.key);
    const ConfigNode& value = entry.value;
    if (entry.key == "system") {
      if (raw.has_system_turn) {
        throw ConfigError(entry.key_where, field,
                          "give the system prompt either as 'system' or as the first message, "
                          "not both");
      }
      raw.system = DecodeText(value, field);
    } else if (entry.key == "tags") {
      raw.tags = DecodeStringList(value, field, /*allow_single=*/false);
      for (const auto& tag : raw.tags) {
        if (IsBlank(tag)) throw ConfigError(value.where, field, "tags must not be empty");
      }
    } else if (entry.key == "reference") {
      raw.reference = DecodeText(value, field);
    } else if (entry.key == "split") {
      raw.split = DecodeString(value, field);
      if (raw.split != "dev" && raw.split != "test") {
        throw ConfigError(value.where, field,
                          "must be 'dev' or 'test', got '" + SanitizeUtf8(raw.split) + "'" +
                              DidYouMean(raw.split, kSplits));
      }
    } else if (entry.key == "samples") {
      raw.samples = DecodeSamples(value, field);
    } else if (entry.key == "vars") {
      raw.vars = DecodeVars(value, field);
    } else if (entry.key == "template") {
      raw.templated = DecodeBool(value, field);
    } else if (entry.key == "assert") {
      raw.assertions = DecodeAssertions(value, field);
    } else if (entry.key == "threshold") {
      raw.threshold = DecodeThreshold(value, field);
    } else {
      DecodeSamplingKey(entry.key, value, field, &raw.overrides);
    }
  }
  return raw;
}

// Checks that `relative` names a file inside `suite_dir` and returns its path for reading
// and for messages (suite_dir/relative, as the user would type it).
fs::path ResolveDataset(const fs::path& suite_dir, const Text& relative) {
  if (relative.value.empty()) {
    throw ConfigError(relative.where, relative.field, "empty dataset path");
  }
  fs::path path(relative.value);
  if (path.is_absolute()) {
    throw ConfigError(relative.where, relative.field,
                      "dataset path '" + relative.value +
                          "' is absolute; give a path relative to the suite's folder");
  }
  // Compare resolved paths so that `..` and symlinks pointing outside are both caught.
  std::error_code error;
  fs::path base = fs::weakly_canonical(suite_dir.empty() ? fs::path(".") : suite_dir, error);
  fs::path target = fs::weakly_canonical((suite_dir.empty() ? fs::path(".") : suite_dir) / path,
                                         error);
  auto [base_end, target_it] = std::mismatch(base.begin(), base.end(), target.begin(), target.end());
  if (error || base_end != base.end() || target_it == target.end()) {
    throw ConfigError(relative.where, relative.field,
                      "dataset path '" + relative.value + "' escapes the suite's folder");
  }
  fs::path shown = (suite_dir / path).lexically_normal();
  if (!fs::is_regular_file(shown)) {
    throw ConfigError(relative.where, relative.field,
                      "dataset file '" + shown.string() + "' does not exist or is not a file");
  }
  return shown;
}

// Reads one JSONL dataset into raw prompts and returns its bytes (for the content hash).
std::string ReadDataset(const fs::path& path, const Text& relative,
                        const std::function<void(RawPrompt&&)>& add) {
  std::string bytes = ReadFileOrThrow(path);
  std::string file = path.string();
  if (auto bad = FindInvalidUtf8(bytes, file)) {
    throw ConfigError(*bad, "", "invalid UTF-8 (files must be UTF-8 encoded)");
  }
  std::size_t rows = 0;
  int line_number = 0;
  for (std::size_t start = 0; start < bytes.size();) {
    std::size_t end = bytes.find('\n', start);
    if (end == std::string::npos) end = bytes.size();
    std::string_view line(bytes.data() + start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    ++line_number;
    start = end + 1;
    if (IsBlank(line)) continue;
    ConfigNode row = ParseJsonLine(line, file, line_number);
    add(DecodePrompt(row, ""));
    ++rows;
  }
  if (rows == 0) {
    throw ConfigError(relative.where, relative.field,
                      "dataset '" + relative.value + "' has no prompts");
  }
  return bytes;
}

// The texts of a prompt that templating rewrites, including the system prompt in effect.
std::vector<const Text*> TemplatedTexts(const RawPrompt& raw, const Defaults& defaults) {
  std::vector<const Text*> texts = {&raw.id};
  if (raw.system) {
    texts.push_back(&*raw.system);
  } else if (!raw.has_system_turn && defaults.system) {
    texts.push_back(&*defaults.system);
  }
  for (const auto& turn : raw.turns) texts.push_back(&turn.content);
  if (raw.reference) texts.push_back(&*raw.reference);
  return texts;
}

Prompt BuildPrompt(const RawPrompt& raw, const Defaults& defaults, const std::string& suite,
                   const TemplateVars* row) {
  auto expand = [&](const Text& text) {
    return row ? ExpandTemplate(text.value, *row, text.where, text.field) : text.value;
  };
  Prompt prompt;
  prompt.suite = suite;
  prompt.id = expand(raw.id);
  prompt.where = raw.where;
  const Text* system = raw.system ? &*raw.system
                       : (!raw.has_system_turn && defaults.system) ? &*defaults.system
                                                                   : nullptr;
  // An explicit empty `system` means "send no system prompt", overriding the default.
  if (system && !system->value.empty()) {
    prompt.messages.push_back({Role::kSystem, expand(*system)});
  }
  for (const auto& turn : raw.turns) {
    std::string content = expand(turn.content);
    if (IsBlank(content)) {
      throw ConfigError(turn.content.where, turn.content.field,
                        row ? "empty prompt text after template expansion" : "empty prompt text");
    }
    prompt.messages.push_back({turn.role, std::move(content)});
  }
  if (raw.reference) prompt.reference = expand(*raw.reference);
  prompt.tags = raw.tags;
  prompt.split = raw.split;
  prompt.sampling = defaults.sampling;
  prompt.sampling.OverrideWith(raw.overrides);
  prompt.samples = raw.samples;
  prompt.assertions = defaults.assertions;
  prompt.assertions.insert(prompt.assertions.end(), raw.assertions.begin(), raw.assertions.end());
  prompt.threshold = raw.threshold ? raw.threshold : defaults.threshold;

  if (IsBlank(prompt.id)) {
    throw ConfigError(raw.id.where, raw.id.field, row ? "empty id after template expansion" : "empty id");
  }
  for (char c : prompt.id) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) {
      throw ConfigError(raw.id.where, raw.id.field, "ids must not contain control characters");
    }
  }
  return prompt;
}

// Expands one raw prompt into its prompts (one per vars row for a template).
std::vector<Prompt> Expand(const RawPrompt& raw, const Defaults& defaults,
                           const std::optional<std::vector<TemplateVars>>& suite_vars,
                           const std::string& suite) {
  bool is_template = false;
  const Text* first_template = nullptr;
  if (raw.templated) {
    for (const Text* text : TemplatedTexts(raw, defaults)) {
      TemplateVariables(text->value, text->where, text->field);  // syntax errors first
      if (IsTemplate(text->value) && !first_template) first_template = text;
    }
    is_template = first_template != nullptr;
  }
  if (!is_template) return {BuildPrompt(raw, defaults, suite, nullptr)};

  const auto& rows = raw.vars ? raw.vars : suite_vars;
  if (!rows) {
    throw ConfigError(first_template->where, first_template->field,
                      "template uses variables but neither the prompt nor the suite defines "
                      "'vars' (or set 'template: false' to keep '{{' literally)");
  }
  std::vector<Prompt> out;
  for (std::size_t r = 0; r < rows->size(); ++r) {
    Prompt prompt = BuildPrompt(raw, defaults, suite, &(*rows)[r]);
    for (std::size_t earlier = 0; earlier < out.size(); ++earlier) {
      if (out[earlier].id == prompt.id) {
        throw ConfigError(raw.id.where, raw.id.field,
                          "template produced the id '" + SanitizeUtf8(prompt.id) +
                              "' for vars rows " + std::to_string(earlier + 1) + " and " +
                              std::to_string(r + 1) +
                              "; put a {{variable}} in the id so each row gets its own");
      }
    }
    out.push_back(std::move(prompt));
  }
  return out;
}

std::vector<fs::path> SearchDirs() {
  std::vector<fs::path> dirs;
  if (const char* env = std::getenv("KINSHIP_SUITES_DIR")) {
    std::string_view list(env);
    while (!list.empty()) {
      std::size_t colon = list.find(':');
      std::string_view dir = list.substr(0, colon);
      if (!dir.empty()) dirs.emplace_back(std::string(dir));
      if (colon == std::string_view::npos) break;
      list.remove_prefix(colon + 1);
    }
  }
  dirs.emplace_back(std::string(BuiltinSuitesDir()));
  return dirs;
}

}  // namespace

Suite LoadSuite(const fs::path& file) {
  const std::string file_name = file.string();
  const std::string bytes = ReadFileOrThrow(file);
  ConfigNode root = ParseYaml(bytes, file_name);
  if (!root.IsMap()) {
    throw ConfigError(root.where, "",
                      "a suite file must be a map (name, version, prompts, ...), got " +
                          DescribeNode(root));
  }
  RejectUnknownKeys(root, kSuiteKeys, "");

  Suite suite;
  suite.path = file_name;
  const ConfigNode* name = root.Find("name");
  if (!name) Missing(root, "name");
  suite.name = DecodeString(*name, "name");
  if (!IsValidSuiteName(suite.name)) {
    throw ConfigError(name->where, "name",
                      "'" + SanitizeUtf8(suite.name) +
                          "' is not a valid suite name (lower-case letters, digits, '_', '.', "
                          "'-', starting with a letter or digit)");
  }
  const ConfigNode* version = root.Find("version");
  if (!version) Missing(root, "version");
  suite.version = DecodeString(*version, "version");
  if (IsBlank(suite.version)) throw ConfigError(version->where, "version", "must not be empty");
  if (const ConfigNode* description = root.Find("description")) {
    suite.description = DecodeString(*description, "description");
  }

  Defaults defaults;
  if (const ConfigNode* node = root.Find("defaults")) defaults = DecodeDefaults(*node);
  suite.samples = defaults.samples;
  if (const ConfigNode* node = root.Find("threshold")) {
    defaults.threshold = DecodeThreshold(*node, "threshold");
    suite.threshold = defaults.threshold;
  }
  std::optional<std::vector<TemplateVars>> suite_vars;
  if (const ConfigNode* node = root.Find("vars")) suite_vars = DecodeVars(*node, "vars");

  const ConfigNode* prompts = root.Find("prompts");
  const ConfigNode* dataset = root.Find("dataset");
  if (!prompts && !dataset) {
    Missing(root, "prompts", " (give 'prompts', 'dataset' or both)");
  }
  // Each prompt is expanded as soon as it is decoded, so only one raw prompt is alive at a
  // time (they are large; holding them all doubled the memory a big suite touched) and the
  // first error in the file's order is the one reported.
  std::size_t raw_count = 0;
  std::unordered_map<std::string, SourceLocation> seen;  // id -> where first defined
  auto add = [&](RawPrompt&& one) {
    ++raw_count;
    for (Prompt& prompt : Expand(one, defaults, suite_vars, suite.name)) {
      auto [it, inserted] = seen.try_emplace(prompt.id, one.id.where);
      if (!inserted) {
        throw ConfigError(one.id.where, one.id.field,
                          "duplicate id '" + SanitizeUtf8(prompt.id) + "' (first defined at " +
                              it->second.ToString() + ")");
      }
      suite.prompts.push_back(std::move(prompt));
    }
  };
  if (prompts) {
    ExpectList(*prompts, "prompts");
    seen.reserve(prompts->items.size());
    suite.prompts.reserve(prompts->items.size());
    for (std::size_t i = 0; i < prompts->items.size(); ++i) {
      add(DecodePrompt(prompts->items[i], "prompts[" + std::to_string(i) + "]"));
    }
  }
  std::string hashed;  // the suite's bytes and its datasets', when it has any
  if (dataset) {
    hashed = bytes;
    std::vector<Text> paths;
    if (dataset->IsList()) {
      for (std::size_t i = 0; i < dataset->items.size(); ++i) {
        paths.push_back(DecodeText(dataset->items[i], "dataset[" + std::to_string(i) + "]"));
      }
    } else if (dataset->IsScalar()) {
      paths.push_back(DecodeText(*dataset, "dataset"));
    } else {
      throw ConfigError(dataset->where, "dataset",
                        "expected a path or a list of paths, got " + DescribeNode(*dataset));
    }
    for (const Text& relative : paths) {
      fs::path path = ResolveDataset(file.parent_path(), relative);
      hashed += ReadDataset(path, relative, add);
      suite.datasets.push_back(relative.value);
    }
  }
  if (raw_count == 0) {
    throw ConfigError(prompts ? prompts->where : root.where, "prompts", "the suite has no prompts");
  }
  suite.content_hash = Sha256Hex(dataset ? std::string_view(hashed) : std::string_view(bytes));
  return suite;
}

fs::path ResolveSuitePath(std::string_view name_or_path) {
  fs::path direct{std::string(name_or_path)};
  std::error_code error;
  if (fs::is_regular_file(direct, error)) return direct;
  std::string name(name_or_path);
  bool looks_like_path = name.find('/') != std::string::npos ||
                         direct.extension() == ".yaml" || direct.extension() == ".yml";
  if (looks_like_path) {
    throw ConfigError(name + ": no such suite file");
  }
  std::vector<fs::path> dirs = SearchDirs();
  std::string searched;
  for (const auto& dir : dirs) {
    fs::path candidate = dir / (name + ".yaml");
    if (fs::is_regular_file(candidate, error)) return candidate;
    searched += (searched.empty() ? "" : ", ") + dir.string();
  }
  throw ConfigError("unknown suite '" + SanitizeUtf8(name) + "' (looked in " + searched + ")" +
                    DidYouMean(name, ListBuiltinSuites()));
}

std::vector<std::string> ListBuiltinSuites() {
  std::set<std::string> names;
  for (const auto& dir : SearchDirs()) {
    std::error_code error;
    for (fs::directory_iterator it(dir, error), end; !error && it != end; it.increment(error)) {
      if (it->path().extension() == ".yaml" && it->is_regular_file(error)) {
        names.insert(it->path().stem().string());
      }
    }
  }
  return {names.begin(), names.end()};
}

}  // namespace kinship
