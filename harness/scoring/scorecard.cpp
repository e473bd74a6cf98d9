#include "harness/scoring/scorecard.h"

#include <algorithm>
#include <map>
#include <unordered_map>

#include <fmt/core.h>

#include "harness/core/config_error.h"
#include "harness/scoring/assertion_check.h"

namespace kinship {

namespace {

std::string Percent(double x) { return fmt::format("{:.1f}%", 100 * x); }

}  // namespace

CaseScore ScoreCase(const Prompt& prompt, const std::vector<const ResponseRecord*>& records) {
  CaseScore c;
  c.suite = prompt.suite;
  c.prompt_id = prompt.id;
  const double threshold = prompt.threshold.value_or(1.0);
  double total_weight = 0;
  for (const auto& a : prompt.assertions) total_weight += a.weight;
  std::vector<const ResponseRecord*> sorted = records;
  std::sort(sorted.begin(), sorted.end(),
            [](const ResponseRecord* a, const ResponseRecord* b) { return a->sample < b->sample; });
  int passes = 0;
  double score_sum = 0;
  for (const ResponseRecord* record : sorted) {
    if (c.model.empty()) c.model = record->model;
    SampleScore s;
    s.sample = record->sample;
    s.answered = record->ok();
    if (!s.answered) {
      s.failures.push_back("no answer: " + (record->error.empty() ? record->status : record->error));
    } else {
      double passed_weight = 0;
      for (const auto& a : prompt.assertions) {
        AssertionOutcome outcome = CheckAssertion(a, record->output);
        if (outcome.pass) {
          passed_weight += a.weight;
        } else {
          s.failures.push_back(AssertionLabel(a) + ": " + outcome.reason);
        }
      }
      s.score = total_weight > 0 ? passed_weight / total_weight : 1.0;
      // The relative slack keeps "3 of 3 weights" from missing a threshold of 1 by rounding.
      s.pass = s.score >= threshold - 1e-12;
    }
    if (s.pass) ++passes;
    score_sum += s.score;
    c.samples.push_back(std::move(s));
  }
  const int n = static_cast<int>(c.samples.size());
  c.pass_rate = n > 0 ? static_cast<double>(passes) / n : 0;
  c.mean_score = n > 0 ? score_sum / n : 0;
  c.pass = n > 0 && passes == n;
  c.flaky = passes > 0 && passes < n;
  return c;
}

Scorecard ScoreRun(const RunData& run) {
  Scorecard card;
  std::unordered_map<std::string, std::vector<const ResponseRecord*>> by_case;
  for (const auto& record : run.records) {
    by_case[record.model + "\n" + record.suite + "\n" + record.prompt_id].push_back(&record);
  }
  std::vector<std::string> models = run.ModelNames();
  std::map<std::pair<std::string, std::string>, SuiteScore> totals;
  std::vector<std::pair<std::string, std::string>> order;
  for (const auto& model : models) {
    for (const auto& prompt : run.prompts) {
      if (prompt.assertions.empty()) continue;
      auto it = by_case.find(model + "\n" + prompt.suite + "\n" + prompt.id);
      if (it == by_case.end()) continue;  // not run (yet): nothing to score
      CaseScore c = ScoreCase(prompt, it->second);
      auto key = std::make_pair(model, prompt.suite);
      auto [total, inserted] = totals.try_emplace(key);
      if (inserted) {
        order.push_back(key);
        total->second.model = model;
        total->second.suite = prompt.suite;
      }
      SuiteScore& t = total->second;
      ++t.cases;
      if (c.pass) {
        ++t.passed;
      } else {
        ++t.failed;
      }
      if (c.flaky) ++t.flaky;
      t.pass_rate += c.pass_rate;
      t.mean_score += c.mean_score;
      card.cases.push_back(std::move(c));
    }
  }
  for (const auto& key : order) {
    SuiteScore t = totals[key];
    t.pass_rate /= t.cases;
    t.mean_score /= t.cases;
    card.suites.push_back(t);
  }
  return card;
}

void ApplySuiteAssertions(const std::vector<Suite>& suites, RunData* run) {
  for (const auto& suite : suites) {
    std::unordered_map<std::string, const Prompt*> by_id;
    for (const auto& prompt : suite.prompts) by_id[prompt.id] = &prompt;
    int matched = 0;
    for (auto& prompt : run->prompts) {
      if (prompt.suite != suite.name) continue;
      auto it = by_id.find(prompt.id);
      if (it == by_id.end()) continue;
      prompt.assertions = it->second->assertions;
      prompt.threshold = it->second->threshold;
      ++matched;
    }
    if (matched == 0) {
      throw ConfigError("--suite: " + suite.path + " (suite '" + suite.name +
                        "') matches no prompt of the run " + run->dir.string());
    }
  }
}

double MinPassRate(const Scorecard& card) {
  double low = 1;
  for (const auto& s : card.suites) low = std::min(low, s.pass_rate);
  return low;
}

namespace {

std::string CaseLine(const CaseScore& c) {
  std::string first;
  for (const auto& s : c.samples) {
    if (!s.failures.empty()) {
      first = fmt::format("sample {}: {}", s.sample, s.failures[0]);
      break;
    }
  }
  return first;
}

int PassedSamples(const CaseScore& c) {
  return static_cast<int>(std::count_if(c.samples.begin(), c.samples.end(),
                                        [](const SampleScore& s) { return s.pass; }));
}

}  // namespace

std::string RenderScorecardText(const Scorecard& card, int max_cases) {
  if (card.empty()) return "";
  std::string out = "Assertions (scored now from the recorded answers)\n";
  out += fmt::format("  {:<20} {:<14} {:>6} {:>6} {:>6} {:>6} {:>10} {:>7}\n", "model", "suite",
                     "cases", "passed", "failed", "flaky", "pass rate", "score");
  for (const auto& s : card.suites) {
    out += fmt::format("  {:<20} {:<14} {:>6} {:>6} {:>6} {:>6} {:>10} {:>7.3f}\n", s.model,
                       s.suite, s.cases, s.passed, s.failed, s.flaky, Percent(s.pass_rate),
                       s.mean_score);
  }
  int shown = 0;
  for (const auto& c : card.cases) {
    if (c.pass) continue;
    if (shown++ == max_cases) {
      out += "  ... (more failing cases in the Markdown report and JUnit file)\n";
      break;
    }
    out += fmt::format("  {} {} / {} / {}: {}/{} samples pass; {}\n", c.flaky ? "FLAKY" : "FAIL ",
                       c.model, c.suite, c.prompt_id, PassedSamples(c), c.samples.size(), CaseLine(c));
  }
  return out;
}

std::string RenderScorecardMarkdown(const Scorecard& card, int max_cases) {
  if (card.empty()) return "";
  std::string out = "## Assertions\n\n";
  out += "| model | suite | cases | passed | failed | flaky | pass rate | mean score |\n";
  out += "|---|---|---:|---:|---:|---:|---:|---:|\n";
  for (const auto& s : card.suites) {
    out += fmt::format("| {} | {} | {} | {} | {} | {} | {} | {:.3f} |\n", s.model, s.suite, s.cases,
                       s.passed, s.failed, s.flaky, Percent(s.pass_rate), s.mean_score);
  }
  std::string rows;
  int shown = 0;
  for (const auto& c : card.cases) {
    if (c.pass || shown++ >= max_cases) continue;
    std::string why = CaseLine(c);
    std::replace(why.begin(), why.end(), '|', '/');
    std::replace(why.begin(), why.end(), '\n', ' ');
    rows += fmt::format("| {} | {} | `{}` | {}/{} | {} | {} |\n", c.model, c.suite, c.prompt_id,
                        PassedSamples(c), c.samples.size(), c.flaky ? "flaky" : "fail", why);
  }
  if (!rows.empty()) {
    out += "\n| model | suite | prompt | samples passing | outcome | first failure |\n|---|---|---|---:|---|---|\n" + rows;
  }
  return out + "\n";
}

std::vector<JUnitSuite> ScorecardToJUnit(const Scorecard& card) {
  std::vector<JUnitSuite> out;
  std::map<std::pair<std::string, std::string>, std::size_t> index;
  for (const auto& c : card.cases) {
    auto key = std::make_pair(c.model, c.suite);
    auto [it, inserted] = index.try_emplace(key, out.size());
    if (inserted) out.push_back(JUnitSuite{c.model + " / " + c.suite, {}});
    JUnitCase test;
    test.name = c.prompt_id;
    test.classname = "kinship." + c.suite + "." + c.model;
    std::string details;
    for (const auto& s : c.samples) {
      details += fmt::format("sample {}: {} (score {:.3f})\n", s.sample, s.pass ? "pass" : "fail", s.score);
      for (const auto& failure : s.failures) details += "  " + failure + "\n";
    }
    test.details = details;
    if (!c.pass) {
      test.failure = fmt::format("{}: {}/{} samples pass", c.flaky ? "flaky" : "failed",
                                 PassedSamples(c), c.samples.size());
    }
    out[it->second].cases.push_back(std::move(test));
  }
  return out;
}

}  // namespace kinship
