#include "harness/compare/compare_gate.h"

#include <cmath>
#include <cstdlib>

#include <fmt/core.h>

#include "harness/core/config_error.h"
#include "harness/core/did_you_mean.h"

namespace kinship {

GateOptions ParseGate(const std::string& fail_on, const std::string& max_drop) {
  GateOptions gate;
  if (!fail_on.empty()) {
    static const std::vector<std::string> kValues = {"regression", "drift", "any"};
    if (fail_on == "regression") {
      gate.regression = true;
    } else if (fail_on == "drift") {
      gate.drift = true;
    } else if (fail_on == "any") {
      gate.regression = gate.drift = true;
    } else {
      throw ConfigError("--fail-on: unknown gate '" + fail_on + "' (regression, drift or any)" +
                        DidYouMean(fail_on, kValues));
    }
  }
  if (!max_drop.empty()) {
    char* end = nullptr;
    double value = std::strtod(max_drop.c_str(), &end);
    if (end == max_drop.c_str() || *end != '\0' || !(value >= 0 && value <= 1)) {
      throw ConfigError("--max-drop: expected a pass-rate drop between 0 and 1 (e.g. 0.05), got '" +
                        max_drop + "'");
    }
    gate.max_drop = value;
    gate.regression = true;
  }
  return gate;
}

bool IsRegression(const ModelScoreDelta& delta, double max_drop) {
  return -delta.delta.estimate > max_drop + 1e-12 && delta.delta.high < 0;
}

GateOutcome EvaluateGates(const CompareResult& result, const GateOptions& gate) {
  GateOutcome outcome;
  if (gate.regression) {
    for (const auto& d : result.scores) {
      if (IsRegression(d, gate.max_drop)) {
        outcome.reasons.push_back(fmt::format(
            "regression: {} pass rate {:.1f}% -> {:.1f}% (change {:+.1f} points, 95% CI {:+.1f} to "
            "{:+.1f}; tolerated drop {:.1f}); {} cases flipped to fail",
            d.model, 100 * d.baseline_pass_rate, 100 * d.current_pass_rate, 100 * d.delta.estimate,
            100 * d.delta.low, 100 * d.delta.high, 100 * gate.max_drop, d.pass_to_fail));
      }
    }
  }
  if (gate.drift) {
    for (const auto& d : result.drift) {
      if (d.drift) {
        outcome.reasons.push_back(fmt::format("drift: {} outputs changed ({} statistic {:.4f}, p = {:.4g})",
                                              d.model, d.method, d.statistic, d.p_value));
      }
    }
  }
  outcome.failed = !outcome.reasons.empty();
  return outcome;
}

}  // namespace kinship
