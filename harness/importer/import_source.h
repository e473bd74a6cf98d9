// The import sources: readers for answers recorded outside kinship, one per format, each
// turning a file into ImportedRows handed to a sink one at a time (formats: README.md, "Importing outputs recorded elsewhere").
//   jsonl        one {model, prompt_id, prompt, output[, sample, suite, reference]} per line
//   alpaca-eval  AlpacaEval's model_outputs.json: [{instruction, output, generator, ...}]
//   fastchat     FastChat llm_judge model_answer/<model>.jsonl, prompts from question.jsonl
// Every bad row throws ConfigError "file:line:col: field: message" before anything is
// written. Stateless functions; safe to call from several threads on different files.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "harness/core/hash.h"
#include "harness/importer/imported_row.h"

namespace kinship {

enum class ImportFormat { kJsonl, kAlpacaEval, kFastChat };

// "jsonl", "alpaca-eval", "fastchat", in that order.
const std::vector<std::string>& ImportFormatNames();
// Throws ConfigError("format: unknown import format 'x'; did you mean 'y'?").
ImportFormat ParseImportFormat(std::string_view name);

struct SourceOptions {
  std::string model;                 // --model: names the model of every row when not ""
  Sha256Stream* hasher = nullptr;   // fed every byte read, when set
};

void ReadJsonlRows(const std::filesystem::path& file, const SourceOptions& options,
                   const RowSink& sink);

// Model: --model, else `generator`, else the name of the file's folder. Prompt id: the
// row's `id` when present, else the first 12 hex digits of SHA-256(instruction), so the
// same instruction gets the same id in every model's file.
void ReadAlpacaEvalRows(const std::filesystem::path& file, const SourceOptions& options,
                        const RowSink& sink);
std::string AlpacaPromptId(std::string_view instruction);

// A question of FastChat's question.jsonl: the user's text of each turn, and the
// reference answer per turn where the benchmark gives one.
struct FastChatQuestion {
  std::vector<std::string> turns;
  std::vector<std::optional<std::string>> references;
};
using FastChatQuestions = std::unordered_map<std::string, FastChatQuestion>;  // by question_id

FastChatQuestions ReadFastChatQuestions(const std::filesystem::path& file,
                                        Sha256Stream* hasher);

// Turn i of question q becomes prompt "<q>-t<i+1>"; choice `index` becomes the sample.
// Model: --model, else `model_id`, else the file's stem. With `questions` null the prompt
// texts are unknown and left empty; with it, an unknown question_id is an error.
void ReadFastChatRows(const std::filesystem::path& file, const FastChatQuestions* questions,
                      const SourceOptions& options, const RowSink& sink);

}  // namespace kinship
