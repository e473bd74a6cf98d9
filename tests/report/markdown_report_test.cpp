#include "harness/report/markdown_report.h"

#include <catch2/catch.hpp>

#include "tests/report/sample_report.h"

namespace kinship {
namespace {

constexpr const char* kGolden = R"golden(# kinship panel report: 2024-05-01-demo

- Suites: demo v1.2, extra
- Models: 3
- Prompts: 2

## Models

| model | ok | errors | mean chars |
|:--|--:|--:|--:|
| teacher | 4 | 0 | 12.5 |
| student | 3 | 1 | 10.0 |
| 模型 | 4 | 0 | 8.4 |

## Similarity: first-words

Measure: share of the first 5 word tokens that agree. Mean over the prompts both models answered (n = 1-2 prompts per pair); the diagonal is each model's self-similarity between its own samples.

|  | teacher | student | 模型 |
|:--|--:|--:|--:|
| **teacher** | 0.900 | 0.800 | 0.100 |
| **student** | 0.800 | - | 0.200 |
| **模型** | 0.100 | 0.200 | 1.000 |

## Closest other model, relative to the rest of the panel

Excess: how much closer the model is to the candidate than the rest of the panel is, in units of each measure's spread, averaged over measures. Raw nearest ignores the rest of the panel and so favours hubs that resemble everyone.

| model | closest | excess | runner-up | margin | raw nearest |
|:--|:--|--:|:--|--:|:--|
| teacher | student | +1.50 | 模型 | +1.75 | student |
| student | teacher | +1.25 | 模型 | +1.75 | teacher |
| 模型 | - | - | - | - | student |

## Examples

### demo/capital

Prompt:

```text
Capital of Kazakhstan?
```

**teacher**

```text
Astana.
```

**student** (error)

```text
HTTP 500
```

**模型**

```text
阿斯塔纳。
```
)golden";

TEST_CASE("The Markdown report of a fixed panel matches the golden text") {
  CHECK(RenderMarkdown(testing::SampleReport()) == kGolden);
}

TEST_CASE("Hostile names cannot break a table row or open HTML") {
  PanelReport report = testing::SampleReport();
  report.models[1].name = "a | b\n| c <img src=x onerror=alert(1)> \\";
  const std::string text = RenderMarkdown(report);
  CHECK(text.find("| a \\| b \\| c &lt;img src=x onerror=alert(1)&gt; \\\\ | 3 | 1 | 10.0 |\n") !=
        std::string::npos);
  CHECK(text.find("<img") == std::string::npos);
  // Every table line still has its own number of unescaped pipes.
  std::size_t start = text.find("| model | ok |");
  const std::size_t end = text.find("\n\n", start);
  for (std::size_t line = start; line < end;) {
    const std::size_t eol = text.find('\n', line);
    int pipes = 0;
    for (std::size_t i = line; i < eol; ++i) {
      if (text[i] == '|' && text[i - 1] != '\\') ++pipes;
    }
    CHECK(pipes == 5);
    line = eol + 1;
  }
}

TEST_CASE("Answers in Kazakh, Russian, Chinese and Arabic appear byte-exact in the file") {
  const std::vector<std::string> answers = {
      "Қазақстанның астанасы — Астана.\nӘ ғ қ ң ө ұ ү һ і",
      "Столица Казахстана — Астана.\n```\n<b>не HTML</b> | & \\",
      "哈萨克斯坦的首都是阿斯塔纳。",
      "عاصمة كازاخستان هي أستانا.",
  };
  PanelReport report = testing::SampleReport();
  report.examples[0].answers.clear();
  for (const std::string& answer : answers) report.examples[0].answers.push_back({"m", true, answer});
  const std::string text = RenderMarkdown(report);
  for (const std::string& answer : answers) {
    CHECK(text.find("\n" + answer + "\n") != std::string::npos);
  }
  CHECK(text.find("\n````text\nСтолица") != std::string::npos);
}

TEST_CASE("A two-model panel reads insufficient panel in Markdown") {
  PanelReport report = testing::SampleReport();
  report.nearest = NearestTable{true, {}};
  const std::string text = RenderMarkdown(report);
  CHECK(text.find("Insufficient panel: a relative answer needs at least 3 models.\n") !=
        std::string::npos);
  CHECK(text.find("| runner-up |") == std::string::npos);
}

}  // namespace
}  // namespace kinship
