#include "adapters/sim/sim_adapter.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <exception>
#include <limits>

#include "adapters/adapter_registry.h"
#include "adapters/sim/sim_model.h"
#include "adapters/sim/sim_tokenizer.h"
#include "adapters/sim/sim_zoo.h"
#include "harness/core/config_error.h"
#include "harness/core/did_you_mean.h"
#include "harness/core/hash.h"

namespace kinship {

namespace {

class SimAdapter : public Adapter {
 public:
  SimAdapter(std::shared_ptr<const SimModel> model, std::string served_model)
      : model_(std::move(model)), served_model_(std::move(served_model)),
        model_salt_(StableHash64(served_model_)) {}

  Completion Generate(const ModelRequest& request) override {
    Completion completion;
    try {
      std::string prompt;
      std::int64_t input_tokens = 0;
      for (const auto& message : request.messages) {
        input_tokens += static_cast<std::int64_t>(TokenizeSim(message.content).size());
        if (message.role != Role::kUser) continue;
        if (!prompt.empty()) prompt += "\n";
        prompt += message.content;
      }
      SimSampling sampling;
      sampling.temperature = request.sampling.temperature.value_or(kDefaultTemperature);
      sampling.top_p = request.sampling.top_p.value_or(1.0);
      sampling.max_tokens = request.sampling.max_tokens.value_or(kDefaultMaxTokens);
      // The model's identity joins the seed: two models given the same item seed must
      // not share random draws, or their answers would look alike for no real reason.
      sampling.seed = MixHash(request.seed, model_salt_);
      SimGeneration generation = model_->Generate(prompt, sampling);
      std::vector<std::string> texts;
      texts.reserve(generation.tokens.size());
      for (TokenId id : generation.tokens) texts.push_back(model_->vocabulary().Text(id));
      completion.ok = true;
      completion.output = DetokenizeSim(texts);
      completion.finish_reason = generation.truncated ? "length" : "stop";
      completion.input_tokens = input_tokens;
      completion.output_tokens = static_cast<std::int64_t>(generation.tokens.size());
      completion.served_model = served_model_;
    } catch (const std::exception& error) {
      completion = {};
      completion.error = std::string("sim model failed: ") + error.what();
      completion.error_kind = "internal";
    } catch (...) {
      completion = {};
      completion.error = "sim model failed";
      completion.error_kind = "internal";
    }
    return completion;
  }

 private:
  std::shared_ptr<const SimModel> model_;
  std::string served_model_;
  std::uint64_t model_salt_;
};

[[noreturn]] void Fail(const ModelConfig& config, const std::string& key,
                       const std::string& message) {
  throw ConfigError(config.OptionLocation(key), key, message);
}

std::string StringOption(const ModelConfig& config, const std::string& key) {
  const auto& value = config.options.at(key);
  if (!value.is_string()) Fail(config, key, "expected a name");
  return value.get<std::string>();
}

double NumberOption(const ModelConfig& config, const std::string& key, double low,
                    double high) {
  const auto& value = config.options.at(key);
  if (!value.is_number()) Fail(config, key, "expected a number");
  double number = value.get<double>();
  if (!(number >= low && number <= high)) {
    char range[64];
    std::snprintf(range, sizeof range, "must be between %g and %g", low, high);
    Fail(config, key, range);
  }
  return number;
}

std::int64_t IntegerOption(const ModelConfig& config, const std::string& key, double low,
                           double high) {
  double number = NumberOption(config, key, low, high);
  if (std::floor(number) != number) Fail(config, key, "expected a whole number");
  return static_cast<std::int64_t>(number);
}

}  // namespace

const std::vector<std::string>& SimOptionKeys() {
  static const std::vector<std::string> kKeys = {"corpus",  "order",   "teacher",
                                                 "fraction", "samples", "seed"};
  return kKeys;
}

std::unique_ptr<Adapter> CreateSimAdapter(const ModelConfig& config) {
  RejectUnknownOptions(config, SimOptionKeys());
  const auto zoo_names = SimZooNames();
  const SimZooEntry* zoo = nullptr;
  for (const auto& entry : SimZooCatalog()) {
    if (entry.name == config.model) zoo = &entry;
  }
  const bool has_options = config.options.is_object() && !config.options.empty();
  if (!has_options) {
    if (zoo == nullptr) {
      throw ConfigError(config.where, "model",
                        "unknown sim model '" + config.model + "'" +
                            DidYouMean(config.model, zoo_names) +
                            " (or give a recipe with 'corpus')");
    }
    return std::make_unique<SimAdapter>(SimZooModel(zoo->name), zoo->name);
  }

  SimRecipe recipe = zoo != nullptr ? zoo->recipe : SimRecipe{};
  const auto& options = config.options;
  if (options.contains("corpus")) {
    recipe.corpus = StringOption(config, "corpus");
    const auto voices = SimVoiceNames();
    if (std::find(voices.begin(), voices.end(), recipe.corpus) == voices.end()) {
      std::string list;
      for (const auto& v : voices) list += (list.empty() ? "" : ", ") + v;
      Fail(config, "corpus", "unknown voice '" + recipe.corpus + "'" +
                                 DidYouMean(recipe.corpus, voices) + " (voices: " + list + ")");
    }
  } else if (zoo == nullptr) {
    throw ConfigError(config.where, "model",
                      "unknown sim model '" + config.model + "'" +
                          DidYouMean(config.model, zoo_names) +
                          "; a sim recipe needs 'corpus'");
  }
  if (options.contains("order")) recipe.order = static_cast<int>(IntegerOption(config, "order", 3, 5));
  if (options.contains("teacher")) {
    recipe.teacher = StringOption(config, "teacher");
    const SimZooEntry* teacher = nullptr;
    for (const auto& entry : SimZooCatalog()) {
      if (entry.name == recipe.teacher) teacher = &entry;
    }
    if (teacher == nullptr) {
      Fail(config, "teacher", "unknown teacher '" + recipe.teacher + "'" +
                                  DidYouMean(recipe.teacher, zoo_names));
    }
    if (!teacher->recipe.teacher.empty()) {
      Fail(config, "teacher", "'" + recipe.teacher +
                                  "' is itself a student; choose an undistilled zoo model");
    }
  }
  if (options.contains("fraction")) recipe.fraction = NumberOption(config, "fraction", 0, 1);
  if (options.contains("samples")) {
    recipe.samples = static_cast<int>(
        IntegerOption(config, "samples", 1, SimDistillationPromptCount()));
  }
  if (options.contains("seed")) {
    recipe.seed = static_cast<std::uint64_t>(
        IntegerOption(config, "seed", 0, 9007199254740992.0 /* 2^53: exact in JSON */));
  }
  if (recipe.teacher.empty()) {
    for (const char* key : {"fraction", "samples"}) {
      if (options.contains(key)) Fail(config, key, "only meaningful with a 'teacher'");
    }
  } else if (!options.contains("fraction") && (zoo == nullptr || zoo->recipe.teacher.empty())) {
    Fail(config, "teacher", "a student needs 'fraction' (share of teacher text, 0..1)");
  }
  auto model = BuildSimModel(recipe);
  return std::make_unique<SimAdapter>(model, recipe.Label());
}

}  // namespace kinship
