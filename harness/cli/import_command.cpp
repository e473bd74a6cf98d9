// kinship import: answers recorded elsewhere -> a run directory that every analysis reads.
#include <chrono>

#include <fmt/core.h>

#include "harness/cli/command.h"
#include "harness/core/clock.h"
#include "harness/core/config_error.h"
#include "harness/core/exit_code.h"
#include "harness/importer/run_importer.h"

namespace kinship {

namespace {

int ImportMain(const ParsedFlags& flags) {
  if (flags.positionals.empty()) {
    throw ConfigError("import: give at least one FILE (see 'kinship import --help')");
  }
  if (!flags.Has("format")) {
    throw ConfigError(SourceLocation{}, "--format",
                      "missing; give jsonl, alpaca-eval or fastchat");
  }
  ImportRequest request;
  for (const auto& file : flags.positionals) request.files.emplace_back(file);
  request.format = ParseImportFormat(flags.Value("format"));
  request.suite = flags.Value("suite", "imported");
  request.out = flags.Value("out");
  if (request.out.empty()) request.out = std::filesystem::path("results") / NewRunId(request.suite);
  request.model = flags.Value("model");
  request.questions = flags.Value("questions");
  request.dedupe = flags.Has("dedupe");
  request.argv = flags.argv;
  const auto start = std::chrono::steady_clock::now();
  ImportSummary summary = ImportRun(request);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (!flags.Has("quiet")) {
    fmt::print(stderr, "imported {} answers: {} models x {} prompts{} in {:.2f} s\n",
               summary.records, summary.models, summary.prompts,
               summary.replaced > 0 ? fmt::format(" ({} duplicates replaced)", summary.replaced)
                                    : "",
               seconds);
  }
  fmt::print("{}\n", summary.dir.string());
  return kExitOk;
}

}  // namespace

Command MakeImportCommand() {
  Command command;
  command.name = "import";
  command.summary = "turn outputs recorded elsewhere into a run directory (sends nothing)";
  command.usage =
      "kinship import FILE... --format jsonl|alpaca-eval|fastchat [--out DIR] [options]";
  command.description =
      "Reads answers recorded outside kinship and writes them as a complete run directory\n"
      "(manifest.json, prompts.jsonl, responses.jsonl), so 'kinship report' and every\n"
      "analysis work on them. Formats:\n"
      "  jsonl        one {\"model\", \"prompt_id\", \"prompt\", \"output\"} object per line\n"
      "               (optional: \"sample\", \"suite\", \"reference\")\n"
      "  alpaca-eval  AlpacaEval model_outputs.json: [{\"instruction\", \"output\",\n"
      "               \"generator\"}]; prompt id = first 12 hex digits of SHA-256(instruction)\n"
      "  fastchat     FastChat llm_judge model_answer/<model>.jsonl; with --questions the\n"
      "               prompt texts come from question.jsonl; turn i of question q becomes\n"
      "               prompt '<q>-t<i>', stored as a single user turn\n"
      "Text is kept byte-exact; bad rows are reported as file:line: field. Duplicate\n"
      "(model, prompt, sample) answers are an error unless --dedupe keeps the last. The\n"
      "models get the 'replay' adapter, pointing at the new run. Prints the run directory.";
  command.examples =
      "  kinship import answers.jsonl --format jsonl --out results/imported\n"
      "  kinship import results/*/model_outputs.json --format alpaca-eval --out runs/alpaca\n"
      "  kinship import model_answer/*.jsonl --format fastchat --questions question.jsonl \\\n"
      "      --suite mt-bench --out runs/mt-bench\n"
      "  kinship report runs/mt-bench\n";
  command.flags = {
      {"format", FlagKind::kValue, "NAME", "jsonl, alpaca-eval or fastchat (required)"},
      {"out", FlagKind::kValue, "DIR", "run directory to create (default results/<run-id>)"},
      {"suite", FlagKind::kValue, "NAME", "suite name of the prompts (default imported)"},
      {"model", FlagKind::kValue, "NAME", "model name for every answer (overrides the files)"},
      {"questions", FlagKind::kValue, "FILE", "fastchat: question.jsonl with the prompt texts"},
      {"dedupe", FlagKind::kSwitch, "", "on duplicate answers keep the last instead of failing"},
      {"quiet", FlagKind::kSwitch, "", "do not print the summary line on stderr"},
  };
  command.run = ImportMain;
  return command;
}

}  // namespace kinship
