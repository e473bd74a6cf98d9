#include "adapters/sim/sim_zoo.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <mutex>
#include <random>
#include <stdexcept>

#include "adapters/sim/distill_prompts.h"
#include "adapters/sim/sim_corpus.h"
#include "adapters/sim/sim_model.h"
#include "adapters/sim/sim_tokenizer.h"
#include "harness/core/hash.h"

namespace kinship {

namespace {

// Teachers answer distillation prompts the way a distiller would sample them: warm but
// not wild, with a cap so one rambling answer cannot dominate the student.
constexpr double kDistillTemperature = 0.8;
constexpr double kDistillTopP = 0.95;
constexpr int kDistillMaxTokens = 320;

std::vector<std::string> ContentWordsOf(std::string_view text) {
  std::vector<std::string> words;
  for (const auto& token : TokenizeSim(text)) {
    std::string word = SimContentWord(token);
    if (!word.empty()) words.push_back(std::move(word));
  }
  return words;
}

class Zoo {
 public:
  static Zoo& Instance() {
    static Zoo zoo;  // C++ guarantees thread-safe, exactly-once initialisation
    return zoo;
  }

  std::shared_ptr<const SimModel> Get(const SimRecipe& recipe, const std::string& name) {
    std::lock_guard lock(mutex_);
    return BuildLocked(recipe, name);
  }

 private:
  Zoo() : vocabulary_(std::make_shared<Vocabulary>()) {
    // One vocabulary over every voice: token ids mean the same in every model, so a
    // teacher's sampled ids are directly a student's training data.
    for (const auto& voice : SimCorpusVoices()) {
      auto& documents = voices_[voice];
      for (auto& parsed : ParseSimCorpus(SimCorpusText(voice))) {
        SimDocument document;
        document.keywords = std::move(parsed.keywords);
        for (const auto& token : TokenizeSim(parsed.text)) {
          document.tokens.push_back(vocabulary_->Add(token));
        }
        documents.push_back(std::move(document));
      }
    }
    std::lock_guard lock(mutex_);
    for (const auto& entry : SimZooCatalog()) BuildLocked(entry.recipe, entry.name);
  }

  std::shared_ptr<const SimModel> BuildLocked(const SimRecipe& recipe, const std::string& name) {
    std::string label = recipe.Label();
    auto cached = models_.find(label);
    if (cached != models_.end()) return cached->second;

    auto voice = voices_.find(recipe.corpus);
    if (voice == voices_.end()) throw std::invalid_argument("unknown sim voice " + recipe.corpus);
    if (recipe.order < 3 || recipe.order > 5) throw std::invalid_argument("order must be 3..5");
    std::vector<SimDocument> documents = voice->second;

    if (!recipe.teacher.empty()) {
      const SimZooEntry* teacher = nullptr;
      for (const auto& entry : SimZooCatalog()) {
        if (entry.name == recipe.teacher) teacher = &entry;
      }
      if (teacher == nullptr || !teacher->recipe.teacher.empty()) {
        throw std::invalid_argument("teacher must be an undistilled zoo model");
      }
      auto teacher_model = BuildLocked(teacher->recipe, teacher->name);
      const auto& answers = TeacherAnswers(*teacher_model, recipe);
      documents = Mix(answers, documents, recipe);
    }
    auto model = std::make_shared<const SimModel>(name.empty() ? label : name, vocabulary_,
                                                  recipe.order, std::move(documents));
    models_.emplace(label, model);
    return model;
  }

  // The teacher's answers to the first `samples` prompts, as documents keyed by the prompt.
  const std::vector<SimDocument>& TeacherAnswers(const SimModel& teacher,
                                                 const SimRecipe& recipe) {
    auto prompts = DistillationPrompts();
    std::size_t count = recipe.samples <= 0
                            ? prompts.size()
                            : std::min<std::size_t>(prompts.size(), recipe.samples);
    std::string key = teacher.name() + "|" + std::to_string(count) + "|" +
                      std::to_string(recipe.seed);
    auto cached = answers_.find(key);
    if (cached != answers_.end()) return cached->second;
    std::vector<SimDocument> answers;
    for (std::size_t i = 0; i < count; ++i) {
      SimSampling sampling;
      sampling.temperature = kDistillTemperature;
      sampling.top_p = kDistillTopP;
      sampling.max_tokens = kDistillMaxTokens;
      sampling.seed = MixHash(recipe.seed, i);
      SimDocument document;
      document.keywords = ContentWordsOf(prompts[i]);
      document.tokens = teacher.Generate(prompts[i], sampling).tokens;
      if (!document.tokens.empty()) answers.push_back(std::move(document));
    }
    return answers_.emplace(key, std::move(answers)).first->second;
  }

  // Teacher answers and base documents in the proportion the recipe asks for: whichever
  // side has more tokens than that proportion allows is subsampled (in a seeded order).
  static std::vector<SimDocument> Mix(const std::vector<SimDocument>& teacher,
                                      const std::vector<SimDocument>& base,
                                      const SimRecipe& recipe) {
    auto tokens = [](const std::vector<SimDocument>& docs) {
      double n = 0;
      for (const auto& d : docs) n += static_cast<double>(d.tokens.size());
      return n;
    };
    const double f = std::clamp(recipe.fraction, 0.0, 1.0);
    const double teacher_tokens = tokens(teacher), base_tokens = tokens(base);
    double want_teacher = teacher_tokens, want_base = base_tokens;
    if (f <= 0.0) {
      want_teacher = 0;
    } else if (f >= 1.0) {
      want_base = 0;
    } else if (teacher_tokens * (1 - f) / f <= base_tokens) {
      want_base = teacher_tokens * (1 - f) / f;
    } else {
      want_teacher = base_tokens * f / (1 - f);
    }
    std::vector<SimDocument> out;
    auto take = [&out, &recipe](const std::vector<SimDocument>& docs, double want,
                                std::uint64_t stream) {
      std::vector<std::size_t> order(docs.size());
      for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
      std::mt19937_64 rng(MixHash(recipe.seed, stream));
      for (std::size_t i = order.size(); i > 1; --i) {  // Fisher-Yates, platform-stable
        std::swap(order[i - 1], order[rng() % i]);
      }
      double taken = 0;
      for (std::size_t i : order) {
        if (taken >= want) break;
        out.push_back(docs[i]);
        taken += static_cast<double>(docs[i].tokens.size());
      }
    };
    take(teacher, want_teacher, 1);
    take(base, want_base, 2);
    if (out.empty()) out = base;  // never train on nothing
    return out;
  }

  std::mutex mutex_;
  std::shared_ptr<Vocabulary> vocabulary_;
  std::map<std::string, std::vector<SimDocument>> voices_;
  std::map<std::string, std::shared_ptr<const SimModel>> models_;  // by recipe label
  std::map<std::string, std::vector<SimDocument>> answers_;
};

}  // namespace

std::string SimRecipe::Label() const {
  std::string label = "sim:" + corpus + "/o" + std::to_string(order);
  if (!teacher.empty()) {
    char mix[32];
    std::snprintf(mix, sizeof mix, "%.3f", fraction);
    label += "+" + teacher + "@" + mix + "/n" + std::to_string(samples) + "/s" +
             std::to_string(seed);
  }
  return label;
}

const std::vector<SimZooEntry>& SimZooCatalog() {
  static const std::vector<SimZooEntry> kCatalog = {
      {"teacher-a", "cheerful explainer: headings, bold terms, bullet lists, 'I hope this helps!'",
       {"cheerful", 4, "", 0.0, 0, 1}},
      {"teacher-b", "scholarly essayist: long paragraphs, hedged claims, 'In summary,'",
       {"scholar", 4, "", 0.0, 0, 1}},
      {"student-a", "terse voice distilled from teacher-a (80% teacher text, all prompts)",
       {"terse", 4, "teacher-a", 0.8, 0, 11}},
      {"student-b", "friendly voice distilled from teacher-b (80% teacher text, all prompts)",
       {"friendly", 4, "teacher-b", 0.8, 0, 12}},
      {"control", "step-by-step coach with no teacher: numbered steps, 'Let's break it down'",
       {"stepwise", 4, "", 0.0, 0, 1}},
      {"partial-a", "control's voice with 30% teacher-a text mixed in (partial distillation)",
       {"stepwise", 4, "teacher-a", 0.3, 0, 13}},
      {"base-a", "student-a's base before distillation: the terse voice with no teacher",
       {"terse", 4, "", 0.0, 0, 1}},
  };
  return kCatalog;
}

std::vector<std::string> SimZooNames() {
  std::vector<std::string> names;
  for (const auto& entry : SimZooCatalog()) names.push_back(entry.name);
  return names;
}

std::vector<std::string> SimVoiceNames() { return SimCorpusVoices(); }

int SimDistillationPromptCount() { return static_cast<int>(DistillationPrompts().size()); }

std::shared_ptr<const SimModel> SimZooModel(std::string_view name) {
  for (const auto& entry : SimZooCatalog()) {
    if (entry.name == name) return Zoo::Instance().Get(entry.recipe, entry.name);
  }
  return nullptr;
}

std::shared_ptr<const SimModel> BuildSimModel(const SimRecipe& recipe) {
  // A recipe identical to a zoo model's is that model (same label, same cache entry).
  return Zoo::Instance().Get(recipe, "");
}

}  // namespace kinship
