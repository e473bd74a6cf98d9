#include "harness/compare/score_delta.h"

#include <algorithm>

#include "harness/scoring/scorecard.h"
#include "harness/stats/exact_tests.h"

namespace kinship {

std::vector<ModelScoreDelta> ScoreDeltas(const RunAlignment& alignment,
                                         const BootstrapOptions& options) {
  std::vector<ModelScoreDelta> out;
  for (const auto& model : alignment.models) {
    ModelScoreDelta d;
    d.model = model.model;
    std::vector<double> base_rates, cur_rates;
    for (const auto& p : model.prompts) {
      if (p.prompt->assertions.empty() || p.paired_samples.empty()) continue;
      CaseScore base = ScoreCase(*p.prompt, p.baseline_paired);
      CaseScore cur = ScoreCase(*p.prompt, p.current_paired);
      base_rates.push_back(base.pass_rate);
      cur_rates.push_back(cur.pass_rate);
      if (base.pass != cur.pass) {
        d.flips.push_back({p.prompt->suite, p.prompt->id, base.pass_rate, cur.pass_rate, base.pass});
        if (base.pass) {
          ++d.pass_to_fail;
        } else {
          ++d.fail_to_pass;
        }
      }
    }
    d.prompts = static_cast<int>(base_rates.size());
    if (d.prompts == 0) continue;
    for (int i = 0; i < d.prompts; ++i) {
      d.baseline_pass_rate += base_rates[i] / d.prompts;
      d.current_pass_rate += cur_rates[i] / d.prompts;
    }
    d.delta = ClusterBootstrapCi(
        d.prompts,
        [&](const std::vector<int>& indices) {
          double sum = 0;
          for (int i : indices) sum += cur_rates[i] - base_rates[i];
          return sum / static_cast<double>(indices.size());
        },
        options);
    d.mcnemar_p = d.pass_to_fail + d.fail_to_pass == 0
                      ? 1.0
                      : McNemarExactP(d.pass_to_fail, d.fail_to_pass, Alternative::kTwoSided);
    std::stable_sort(d.flips.begin(), d.flips.end(),
                     [](const Flip& a, const Flip& b) { return a.regressed > b.regressed; });
    out.push_back(std::move(d));
  }
  return out;
}

}  // namespace kinship
