#include "harness/compare/compare_report.h"

#include <cmath>

#include <fmt/core.h>

namespace kinship {

namespace {

std::string P(double p) { return std::isnan(p) ? "n/a" : fmt::format("{:.3g}", p); }

std::string DeltaText(const ModelScoreDelta& d) {
  return fmt::format("{:+.1f} [{:+.1f}, {:+.1f}]", 100 * d.delta.estimate, 100 * d.delta.low,
                     100 * d.delta.high);
}

std::string DriftVerdict(const ModelDrift& d) {
  if (d.method == "none") return "not testable";
  return d.drift ? "DRIFT" : "same";
}

std::string Header(const CompareResult& r) {
  std::string out;
  if (!r.only_baseline.empty() || !r.only_current.empty() || r.prompts_only_baseline > 0 ||
      r.prompts_only_current > 0) {
    out += fmt::format("Not compared: {} models only in the baseline, {} only in the current run; "
                       "{} prompts only in the baseline, {} only in the current run.\n",
                       r.only_baseline.size(), r.only_current.size(), r.prompts_only_baseline,
                       r.prompts_only_current);
  }
  return out;
}

}  // namespace

std::string RenderCompareText(const CompareResult& r, const GateOptions& gate, const GateOutcome& outcome) {
  std::string out = fmt::format("kinship compare\n  baseline: {}\n  current:  {}\n", r.baseline, r.current);
  out += Header(r);
  if (!r.scores.empty()) {
    out += "\nAssertion pass rate (paired by prompt; change in points with 95% bootstrap CI)\n";
    out += fmt::format("  {:<20} {:>7} {:>9} {:>9} {:>24} {:>6} {:>6} {:>9}\n", "model", "prompts",
                       "baseline", "current", "change", "p->f", "f->p", "McNemar p");
    for (const auto& d : r.scores) {
      out += fmt::format("  {:<20} {:>7} {:>8.1f}% {:>8.1f}% {:>24} {:>6} {:>6} {:>9}{}\n", d.model,
                         d.prompts, 100 * d.baseline_pass_rate, 100 * d.current_pass_rate,
                         DeltaText(d), d.pass_to_fail, d.fail_to_pass, P(d.mcnemar_p),
                         IsRegression(d, gate.max_drop) ? "  REGRESSION" : "");
    }
    for (const auto& d : r.scores) {
      for (const auto& f : d.flips) {
        out += fmt::format("  {} {} / {} / {}: {:.0f}% -> {:.0f}%\n", f.regressed ? "pass->fail" : "fail->pass",
                           d.model, f.suite, f.prompt_id, 100 * f.baseline_pass_rate,
                           100 * f.current_pass_rate);
      }
    }
  } else {
    out += "\nNo assertions in the current run's prompts: no score comparison.\n";
  }
  out += "\nOutput drift (same model behind the endpoint?)\n";
  out += fmt::format("  {:<20} {:<18} {:>7} {:>8} {:>8} {:>9} {:>8}  {}\n", "model", "method", "prompts",
                     "within", "between", "statistic", "p", "verdict");
  for (const auto& d : r.drift) {
    out += fmt::format("  {:<20} {:<18} {:>7} {:>8.4f} {:>8.4f} {:>9.4f} {:>8}  {}\n", d.model, d.method,
                       d.prompts, d.within, d.between, d.statistic, P(d.p_value), DriftVerdict(d));
    if (d.method != "within-vs-between") out += "    " + d.note + "\n";
  }
  if (gate.regression || gate.drift) {
    out += outcome.failed ? "\nGate FAILED:\n" : "\nGate passed.\n";
    for (const auto& reason : outcome.reasons) out += "  " + reason + "\n";
  }
  return out;
}

std::string RenderCompareMarkdown(const CompareResult& r, const GateOptions& gate, const GateOutcome& outcome) {
  std::string out = "# kinship compare\n\n";
  out += fmt::format("Baseline `{}` vs current `{}`.\n\n", r.baseline, r.current);
  if (gate.regression || gate.drift) {
    out += outcome.failed ? "**Gate failed.**\n\n" : "**Gate passed.**\n\n";
    for (const auto& reason : outcome.reasons) out += "- " + reason + "\n";
    if (!outcome.reasons.empty()) out += "\n";
  }
  std::string header = Header(r);
  if (!header.empty()) out += header + "\n";
  if (!r.scores.empty()) {
    out += "## Assertion pass rate\n\nPaired by prompt; change in percentage points with a 95% "
           "prompt-level bootstrap interval; McNemar's exact test on flipped cases.\n\n";
    out += "| model | prompts | baseline | current | change [95% CI] | pass→fail | fail→pass | McNemar p |\n";
    out += "|---|---:|---:|---:|---|---:|---:|---:|\n";
    for (const auto& d : r.scores) {
      out += fmt::format("| {}{} | {} | {:.1f}% | {:.1f}% | {} | {} | {} | {} |\n", d.model,
                         IsRegression(d, gate.max_drop) ? " ⚠" : "", d.prompts,
                         100 * d.baseline_pass_rate, 100 * d.current_pass_rate, DeltaText(d),
                         d.pass_to_fail, d.fail_to_pass, P(d.mcnemar_p));
    }
    std::string flips;
    for (const auto& d : r.scores) {
      for (const auto& f : d.flips) {
        flips += fmt::format("| {} | {} | `{}` | {} | {:.0f}% → {:.0f}% |\n", d.model, f.suite, f.prompt_id,
                             f.regressed ? "pass→fail" : "fail→pass", 100 * f.baseline_pass_rate,
                             100 * f.current_pass_rate);
      }
    }
    if (!flips.empty()) {
      out += "\n### Flipped cases\n\n| model | suite | prompt | flip | pass rate |\n|---|---|---|---|---|\n" + flips;
    }
    out += "\n";
  }
  out += "## Output drift\n\nPer prompt: mean similarity of answers within a run minus across runs; "
         "permutation test of the run labels within each prompt.\n\n";
  out += "| model | method | prompts | within | between | statistic | p | verdict |\n";
  out += "|---|---|---:|---:|---:|---:|---:|---|\n";
  for (const auto& d : r.drift) {
    out += fmt::format("| {} | {} | {} | {:.4f} | {:.4f} | {:.4f} | {} | {} |\n", d.model, d.method, d.prompts,
                       d.within, d.between, d.statistic, P(d.p_value), DriftVerdict(d));
  }
  return out;
}

std::vector<JUnitSuite> CompareToJUnit(const CompareResult& r, const GateOptions& gate) {
  JUnitSuite regression{"compare: assertion regression", {}};
  for (const auto& d : r.scores) {
    JUnitCase c;
    c.name = d.model;
    c.classname = "kinship.compare.regression";
    c.details = fmt::format("pass rate {:.1f}% -> {:.1f}%, change {} points, {} pass->fail, {} fail->pass, McNemar p {}\n",
                            100 * d.baseline_pass_rate, 100 * d.current_pass_rate, DeltaText(d),
                            d.pass_to_fail, d.fail_to_pass, P(d.mcnemar_p));
    for (const auto& f : d.flips) {
      c.details += fmt::format("{} {} / {}\n", f.regressed ? "pass->fail" : "fail->pass", f.suite, f.prompt_id);
    }
    if (gate.regression && IsRegression(d, gate.max_drop)) {
      c.failure = fmt::format("pass rate fell {:.1f} points", -100 * d.delta.estimate);
    }
    regression.cases.push_back(std::move(c));
  }
  JUnitSuite drift{"compare: output drift", {}};
  for (const auto& d : r.drift) {
    JUnitCase c;
    c.name = d.model;
    c.classname = "kinship.compare.drift";
    c.details = fmt::format("{}: statistic {:.4f}, p {}; {}\n", d.method, d.statistic, P(d.p_value), d.note);
    c.skipped = d.method == "none";
    if (gate.drift && d.drift) c.failure = fmt::format("outputs drifted (p = {})", P(d.p_value));
    drift.cases.push_back(std::move(c));
  }
  std::vector<JUnitSuite> out;
  if (!regression.cases.empty()) out.push_back(std::move(regression));
  out.push_back(std::move(drift));
  return out;
}

}  // namespace kinship
