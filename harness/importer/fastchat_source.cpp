// The fastchat import format: FastChat llm_judge's model_answer/<model>.jsonl rows
// {question_id, answer_id, model_id, choices: [{index, turns: [...]}], tstamp}, with the
// prompt texts from question.jsonl rows {question_id, category, turns, reference?}.
#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include "harness/importer/import_source.h"
#include "harness/importer/json_lines.h"
#include "harness/importer/row_fields.h"

namespace kinship {

namespace {

const std::vector<std::string>& AnswerKeys() {
  static const std::vector<std::string> kKeys = {"question_id", "answer_id", "model_id",
                                                 "choices", "tstamp"};
  return kKeys;
}

const std::vector<std::string>& QuestionKeys() {
  static const std::vector<std::string> kKeys = {"question_id", "category", "turns", "reference"};
  return kKeys;
}

std::string RequireId(const nlohmann::json& row, const SourceLocation& where,
                      const std::vector<std::string>& keys) {
  auto id = OptionalId(row, "question_id", where);
  if (!id) (void)RequireString(row, "question_id", where, keys);  // throws: missing
  if (id->empty()) throw ConfigError(where, "question_id", "must not be empty");
  return *id;
}

// The strings of an array field, each one checked.
std::vector<std::string> StringArray(const nlohmann::json& value, const std::string& field,
                                     const SourceLocation& where) {
  if (!value.is_array()) throw ConfigError(where, field, "expected an array of strings");
  std::vector<std::string> out;
  out.reserve(value.size());
  for (std::size_t i = 0; i < value.size(); ++i) {
    if (!value[i].is_string()) {
      throw ConfigError(where, fmt::format("{}[{}]", field, i), "expected a string");
    }
    out.push_back(value[i].get<std::string>());
  }
  return out;
}

}  // namespace

FastChatQuestions ReadFastChatQuestions(const std::filesystem::path& file,
                                        Sha256Stream* hasher) {
  FastChatQuestions questions;
  ForEachJsonLine(file, hasher, [&](const nlohmann::json& json, const SourceLocation& where) {
    std::string id = RequireId(json, where, QuestionKeys());
    auto turns = json.find("turns");
    if (turns == json.end()) (void)RequireString(json, "turns", where, QuestionKeys());
    FastChatQuestion question;
    question.turns = StringArray(*turns, "turns", where);
    question.references.resize(question.turns.size());
    if (auto ref = json.find("reference"); ref != json.end() && ref->is_array()) {
      for (std::size_t i = 0; i < ref->size() && i < question.turns.size(); ++i) {
        if ((*ref)[i].is_string()) question.references[i] = (*ref)[i].get<std::string>();
      }
    }
    if (!questions.emplace(id, std::move(question)).second) {
      throw ConfigError(where, "question_id", "duplicate question_id " + id);
    }
  });
  return questions;
}

void ReadFastChatRows(const std::filesystem::path& file, const FastChatQuestions* questions,
                      const SourceOptions& options, const RowSink& sink) {
  const std::string stem = file.stem().string();
  ForEachJsonLine(file, options.hasher, [&](const nlohmann::json& json,
                                             const SourceLocation& where) {
    std::string qid = RequireId(json, where, AnswerKeys());
    std::string model = options.model;
    if (model.empty()) model = OptionalString(json, "model_id", where).value_or(stem);
    if (model.empty()) throw ConfigError(where, "model_id", "must not be empty");
    const FastChatQuestion* question = nullptr;
    if (questions != nullptr) {
      auto found = questions->find(qid);
      if (found == questions->end()) {
        throw ConfigError(where, "question_id",
                          "question " + qid + " is not in the --questions file");
      }
      question = &found->second;
    }
    auto choices = json.find("choices");
    if (choices == json.end()) (void)RequireString(json, "choices", where, AnswerKeys());
    if (!choices->is_array() || choices->empty()) {
      throw ConfigError(where, "choices", "expected a non-empty array of {index, turns}");
    }
    for (std::size_t c = 0; c < choices->size(); ++c) {
      const auto& choice = (*choices)[c];
      std::string field = fmt::format("choices[{}]", c);
      if (!choice.is_object()) throw ConfigError(where, field, "expected an object");
      int index = static_cast<int>(c);
      if (auto it = choice.find("index"); it != choice.end() && !it->is_null()) {
        if (!it->is_number_integer() || it->get<long long>() < 0 ||
            it->get<long long>() > 1000000) {
          throw ConfigError(where, field + ".index", "expected an integer from 0 to 1000000");
        }
        index = it->get<int>();
      }
      auto turns = choice.find("turns");
      if (turns == choice.end()) throw ConfigError(where, field + ".turns", "missing");
      std::vector<std::string> answers = StringArray(*turns, field + ".turns", where);
      if (question != nullptr && answers.size() > question->turns.size()) {
        throw ConfigError(where, field + ".turns",
                          fmt::format("{} answers but question {} has {} turns", answers.size(),
                                      qid, question->turns.size()));
      }
      for (std::size_t t = 0; t < answers.size(); ++t) {
        ImportedRow row;
        row.where = where;
        row.model = model;
        row.prompt_id = fmt::format("{}-t{}", qid, t + 1);
        // Turn t is stored as one user turn with its own text: every model answered it
        // after its OWN earlier answers, so there is no shared conversation to store.
        if (question != nullptr) {
          row.prompt = question->turns[t];
          row.reference = question->references[t];
        }
        row.output = std::move(answers[t]);
        row.sample = index;
        sink(std::move(row));
      }
    }
  });
}

}  // namespace kinship
