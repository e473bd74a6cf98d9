// kinship report: analyse a run directory and render its reports. Sends nothing.
#include <cstdlib>
#include <unistd.h>

#include <fmt/core.h>

#include "harness/cli/command.h"
#include "harness/cli/report_session.h"
#include "harness/core/config_error.h"
#include "harness/core/exit_code.h"
#include "harness/core/file_io.h"
#include "harness/config/suite_loader.h"
#include "harness/report/junit_report.h"
#include "harness/run/run_reader.h"
#include "harness/scoring/scorecard.h"

namespace kinship {

namespace {

bool StdoutWantsColor() { return ::isatty(STDOUT_FILENO) && std::getenv("NO_COLOR") == nullptr; }

int ReportMain(const ParsedFlags& flags) {
  if (flags.positionals.size() != 1) {
    throw ConfigError("report: give exactly one RUN_DIR (see 'kinship report --help')");
  }
  ReportRequest request;
  request.run_dir = flags.positionals[0];
  request.formats = flags.Values("format");
  request.out = flags.Value("out");
  request.color = StdoutWantsColor();
  request.examples = static_cast<int>(flags.Integer("examples", 0, 100000).value_or(3));
  request.provenance = !flags.Has("no-provenance");
  if (auto max_models = flags.Integer("provenance-max-models", 0, 100000)) {
    request.provenance_max_models = static_cast<std::size_t>(*max_models);
  }
  std::optional<double> min_pass_rate = flags.Number("min-pass-rate", 0.0, 1.0);
  std::vector<Suite> suites;
  for (const auto& file : flags.Values("suite")) suites.push_back(LoadSuite(ResolveSuitePath(file)));
  ReportResult result = MakeReports(request);

  // Assertions are scored here, from the recorded answers, every time the report is made.
  RunData run = ReadRun(request.run_dir);
  if (!suites.empty()) ApplySuiteAssertions(suites, &run);
  Scorecard card = ScoreRun(run);
  if (!result.terminal.empty() && !flags.Has("quiet")) {
    fmt::print("{}", result.terminal);
    if (!card.empty()) fmt::print("\n{}", RenderScorecardText(card));
  }
  if (!card.empty()) {
    for (const auto& file : result.files) {
      if (file.extension() == ".md") {
        WriteFileAtomically(file, ReadFileOrThrow(file) + "\n" + RenderScorecardMarkdown(card));
      }
    }
  }
  if (flags.Has("junit")) {
    WriteFileAtomically(flags.Value("junit"), RenderJUnit(ScorecardToJUnit(card), "kinship report"));
    result.files.emplace_back(flags.Value("junit"));
  }
  for (const auto& file : result.files) fmt::print("{}\n", file.string());
  if (min_pass_rate) {
    if (card.empty()) {
      throw ConfigError("--min-pass-rate: the run's prompts have no assertions to score");
    }
    if (MinPassRate(card) < *min_pass_rate) {
      fmt::print(stderr, "kinship: gate failed: lowest pass rate {:.1f}% is below --min-pass-rate {:.1f}%\n",
                 100 * MinPassRate(card), 100 * *min_pass_rate);
      return kExitGateFailed;
    }
  }
  return kExitOk;
}

}  // namespace

Command MakeReportCommand() {
  Command command;
  command.name = "report";
  command.summary = "analyse a run and write its reports (sends nothing)";
  command.usage = "kinship report RUN_DIR [--format terminal,markdown,html,json,csv] [--out PATH]";
  command.description =
      "Reads RUN_DIR (written by 'kinship run'), computes the pairwise output similarity of\n"
      "its models with every built-in measure and, for each model, the other model it is\n"
      "closest to relative to the rest of the panel. Prints the terminal summary and writes\n"
      "RUN_DIR/report.md, then prints the path of each file written. Reports can be made\n"
      "again at any time: nothing is sent to any model. Prompts with assertions are scored\n"
      "now, from the recorded answers: pass rates per model and suite, failing and flaky\n"
      "cases (--suite FILE re-reads edited assertions; no new requests).";
  command.examples =
      "  kinship report results/20261128-230501-demo\n"
      "  kinship report results/nightly --format markdown --out summary.md\n"
      "  kinship report results/nightly --format html,json,csv --out reports/\n"
      "  kinship report results/nightly --junit report.xml --min-pass-rate 0.9\n";
  command.flags = {
      {"format", FlagKind::kList, "LIST",
       "terminal, markdown, html, json, csv (default: terminal,markdown)"},
      {"out", FlagKind::kValue, "PATH", "file to write (one format) or folder (several)"},
      {"examples", FlagKind::kValue, "N", "prompts shown with every model's answer (default 3)"},
      {"no-provenance", FlagKind::kSwitch, "", "leave out the all-pairs provenance summary"},
      {"provenance-max-models", FlagKind::kValue, "N",
       "largest panel given the all-pairs provenance summary (default 12; it grows as N^3)"},
      {"quiet", FlagKind::kSwitch, "", "do not print the terminal summary"},
      {"junit", FlagKind::kValue, "PATH", "also write the assertion results as JUnit XML"},
      {"suite", FlagKind::kList, "FILE", "score with this suite file's current assertions"},
      {"min-pass-rate", FlagKind::kValue, "X",
       "exit 100 when a model's pass rate on a suite is below X (0..1)"},
  };
  command.run = ReportMain;
  return command;
}

}  // namespace kinship
