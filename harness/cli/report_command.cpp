// kinship report: analyse a run directory and render its reports. Sends nothing.
#include <cstdlib>
#include <unistd.h>

#include <fmt/core.h>

#include "harness/cli/command.h"
#include "harness/cli/report_session.h"
#include "harness/core/config_error.h"
#include "harness/core/exit_code.h"

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
  ReportResult result = MakeReports(request);
  if (!result.terminal.empty() && !flags.Has("quiet")) fmt::print("{}", result.terminal);
  for (const auto& file : result.files) fmt::print("{}\n", file.string());
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
      "again at any time: nothing is sent to any model.";
  command.examples =
      "  kinship report results/20261128-230501-demo\n"
      "  kinship report results/nightly --format markdown --out summary.md\n"
      "  kinship report results/nightly --format html,json,csv --out reports/\n";
  command.flags = {
      {"format", FlagKind::kList, "LIST",
       "terminal, markdown, html, json, csv (default: terminal,markdown)"},
      {"out", FlagKind::kValue, "PATH", "file to write (one format) or folder (several)"},
      {"examples", FlagKind::kValue, "N", "prompts shown with every model's answer (default 3)"},
      {"quiet", FlagKind::kSwitch, "", "do not print the terminal summary"},
  };
  command.run = ReportMain;
  return command;
}

}  // namespace kinship
