#include "harness/report/terminal_report.h"

#include <catch2/catch.hpp>

#include "harness/analysis/display_width.h"
#include "tests/report/sample_report.h"

namespace kinship {
namespace {

// The whole report, exactly: columns align by display width (模型 is 4 columns wide).
constexpr const char* kGolden = R"golden(kinship panel report
run: 2024-05-01-demo
suites: demo v1.2, extra
models: 3  prompts: 2

Models
  model    ok  errors  mean chars
  -------  --  ------  ----------
  teacher   4       0        12.5
  student   3       1        10.0
  模型      4       0         8.4

Similarity: first-words
  share of the first 5 word tokens that agree
  mean over prompts both answered, n = 1-2 prompts per pair
  diagonal: self-similarity between a model's own samples
           teacher  student   模型
  -------  -------  -------  -----
  teacher    0.900    0.800  0.100
  student    0.800        -  0.200
  模型       0.100    0.200  1.000

Closest other model, relative to the rest of the panel
  model    closest  excess  runner-up  margin  raw nearest
  -------  -------  ------  ---------  ------  -----------
  teacher  student   +1.50  模型        +1.75  student
  student  teacher   +1.25  模型        +1.75  teacher
  模型     -             -  -               -  student
  excess: how much closer the model is to it than the rest of the panel is, in
  units of each measure's spread; raw nearest ignores the rest (hub effect)

Examples
  demo/capital: Capital of Kazakhstan?
    teacher: Astana.
    student: [error] HTTP 500
    模型: 阿斯塔纳。
)golden";

TEST_CASE("The terminal report of a fixed panel matches the golden text") {
  CHECK(RenderTerminal(testing::SampleReport(), false) == kGolden);
}

TEST_CASE("Without colour the terminal report holds no escape sequences") {
  CHECK(RenderTerminal(testing::SampleReport(), false).find('\x1b') == std::string::npos);
}

TEST_CASE("With colour, headings are bold and the closest model is green, widths unchanged") {
  const std::string colored = RenderTerminal(testing::SampleReport(), true);
  CHECK(colored.find("\x1b[1mModels\x1b[0m\n") != std::string::npos);
  CHECK(colored.find("\x1b[32mstudent\x1b[0m  ") != std::string::npos);
  std::string stripped;
  for (std::size_t i = 0; i < colored.size(); ++i) {
    if (colored[i] == '\x1b') {
      while (colored[i] != 'm') ++i;
      continue;
    }
    stripped.push_back(colored[i]);
  }
  CHECK(stripped == kGolden);
}

TEST_CASE("Hostile model text cannot inject escapes or break lines in the terminal") {
  PanelReport report = testing::SampleReport();
  report.models[0].name = "evil\x1b[2Jname";
  report.examples[0].answers[0].text = "line one\nline two\x1b]0;title\x07\xFF end";
  const std::string text = RenderTerminal(report, false);
  CHECK(text.find('\x1b') == std::string::npos);
  CHECK(text.find('\x07') == std::string::npos);
  CHECK(text.find("  evil\xEF\xBF\xBD[2Jname   4       0        12.5\n") != std::string::npos);
  CHECK(text.find("    teacher: line one line two\xEF\xBF\xBD]0;title\xEF\xBF\xBD\xEF\xBF\xBD end\n") !=
        std::string::npos);
}

TEST_CASE("Long answers are cut to one line of at most 100 columns") {
  PanelReport report = testing::SampleReport();
  report.examples[0].answers[2].text = std::string(300, 'x');
  report.examples[0].answers[1] = {"student", true, std::string(80, 'a') + "阿斯塔纳阿斯塔纳阿斯塔纳"};
  const std::string text = RenderTerminal(report, false);
  CHECK(text.find("    模型: " + std::string(99, 'x') + "…\n") != std::string::npos);
  // 80 + 2 * 9 = 98 columns of text; the next wide character would pass 99, so it stops.
  CHECK(text.find("    student: " + std::string(80, 'a') + "阿斯塔纳阿斯塔纳阿…\n") != std::string::npos);
}

TEST_CASE("A panel of two models says insufficient panel instead of a nearest table") {
  PanelReport report = testing::SampleReport();
  report.nearest = NearestTable{true, {}};
  const std::string text = RenderTerminal(report, false);
  CHECK(text.find("  insufficient panel: a relative answer needs at least 3 models\n") !=
        std::string::npos);
  CHECK(text.find("runner-up") == std::string::npos);
}

}  // namespace
}  // namespace kinship
