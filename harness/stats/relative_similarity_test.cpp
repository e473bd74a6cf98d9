#include "harness/stats/relative_similarity_test.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "harness/core/hash.h"
#include "harness/stats/bootstrap.h"
#include "harness/stats/multiple_testing.h"
#include "harness/stats/permutation_test.h"

namespace kinship {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Stream ids for the per-test generators: control j uses 2j (S-centric) and 2j+1
// (T-centric); the bootstrap uses its own id. Part of the result format.
constexpr std::uint64_t kBootstrapStream = 0xb007'57a9'0000'0001ULL;

void CheckLengths(const RelativeTestInput& input) {
  const std::size_t n = input.s_t.size();
  if (input.s_c.size() != input.c_t.size()) {
    throw std::invalid_argument("RunRelativeTest: s_c and c_t list different controls");
  }
  for (std::size_t j = 0; j < input.s_c.size(); ++j) {
    if (input.s_c[j].size() != n || input.c_t[j].size() != n) {
      throw std::invalid_argument("RunRelativeTest: a control's vector is not one per prompt");
    }
  }
  if (!input.t_self.empty() && input.t_self.size() != n) {
    throw std::invalid_argument("RunRelativeTest: t_self is not one per prompt");
  }
}

// The analysed prompts as a row-major table: column 0 = sim(S,T), 1..J = sim(S,C_j),
// J+1 = sim(T,T') when present, all in similarity orientation. Missing cells are stored as
// 0 with a 0 in a parallel count block, so that a resample's means are plain sums (the
// inner loop over columns vectorises; no branches per cell).
struct MeanTable {
  int rows = 0;
  int columns = 0;
  bool any_missing = false;
  std::vector<double> cells;  // rows x (2 * columns): values, then presence flags

  double* Row(int r) { return cells.data() + static_cast<std::size_t>(r) * 2 * columns; }
  const double* Row(int r) const {
    return cells.data() + static_cast<std::size_t>(r) * 2 * columns;
  }
};

// Means of each column over the given rows (NaN for a column with no value there).
void ColumnMeans(const MeanTable& table, const std::vector<int>& rows, std::vector<double>& acc,
                 std::vector<double>& means) {
  const int width = table.any_missing ? 2 * table.columns : table.columns;
  std::fill(acc.begin(), acc.end(), 0.0);
  double* a = acc.data();
  for (int r : rows) {
    const double* row = table.Row(r);
    for (int c = 0; c < width; ++c) a[c] += row[c];
  }
  for (int c = 0; c < table.columns; ++c) {
    const double count = table.any_missing ? a[table.columns + c] : rows.size();
    means[c] = count > 0 ? a[c] / count : kNaN;
  }
}

struct Effects {
  double effect = kNaN;
  double rho = kNaN;
  double anchor = kNaN;
};

// means: [s_t, s_c_1..J, (t_self)]. `ceiling` is used when there is no t_self column.
Effects EffectsFromMeans(const std::vector<double>& means, int controls, bool has_t_self,
                         double ceiling) {
  Effects e;
  double max_sc = -std::numeric_limits<double>::infinity();
  double sum_sc = 0;
  for (int j = 0; j < controls; ++j) {
    const double m = means[1 + j];
    if (std::isnan(m)) return e;  // a control with no data in this resample
    max_sc = std::max(max_sc, m);
    sum_sc += m;
  }
  if (controls == 0 || std::isnan(means[0])) return e;
  const double mean_sc = sum_sc / controls;
  e.effect = means[0] - max_sc;
  e.anchor = has_t_self ? means[1 + controls] : ceiling;
  const double scale = e.anchor - mean_sc;
  if (scale > 0) e.rho = (means[0] - mean_sc) / scale;
  return e;
}

double MeanOfDiffs(const std::vector<double>& d) {
  double sum = 0;
  int n = 0;
  for (double x : d) {
    if (!std::isnan(x)) {
      sum += x;
      ++n;
    }
  }
  return n > 0 ? sum / n : kNaN;
}

}  // namespace

RelativeTestResult RunRelativeTest(const RelativeTestInput& input,
                                   const RelativeTestOptions& options) {
  CheckLengths(input);
  const double sign = input.higher_is_more_similar ? 1.0 : -1.0;
  const int controls = static_cast<int>(input.s_c.size());
  const std::size_t n_all = input.s_t.size();

  RelativeTestResult result;
  result.p_value = kNaN;
  result.effect_ci = {kNaN, kNaN};
  result.rho_ci = {kNaN, kNaN};

  // ---- the analysed prompts and their table of similarities ----
  std::vector<std::size_t> analysed;
  for (std::size_t p = 0; p < n_all; ++p) {
    if (!std::isnan(input.s_t[p])) analysed.push_back(p);
  }
  result.n_prompts = static_cast<int>(analysed.size());

  bool has_t_self = false;
  for (std::size_t p : analysed) {
    if (!input.t_self.empty() && !std::isnan(input.t_self[p])) has_t_self = true;
  }
  if (has_t_self) {
    result.rho_anchor = RhoAnchor::kTSelf;
  } else if (std::isfinite(options.rho_ceiling)) {
    result.rho_anchor = RhoAnchor::kCeiling;
  }

  MeanTable table;
  table.rows = result.n_prompts;
  table.columns = 1 + controls + (has_t_self ? 1 : 0);
  table.cells.assign(static_cast<std::size_t>(table.rows) * 2 * table.columns, 0.0);
  for (int r = 0; r < table.rows; ++r) {
    const std::size_t p = analysed[r];
    double* row = table.Row(r);
    auto put = [&](int c, double value) {
      if (std::isnan(value)) {
        table.any_missing = true;
        return;
      }
      row[c] = sign * value;
      row[table.columns + c] = 1;
    };
    put(0, input.s_t[p]);
    for (int j = 0; j < controls; ++j) put(1 + j, input.s_c[j][p]);
    if (has_t_self) put(1 + controls, input.t_self[p]);
  }
  std::vector<int> identity(static_cast<std::size_t>(table.rows));
  for (int r = 0; r < table.rows; ++r) identity[r] = r;
  std::vector<double> acc(static_cast<std::size_t>(2 * table.columns));
  std::vector<double> means(static_cast<std::size_t>(table.columns));
  ColumnMeans(table, identity, acc, means);
  const Effects point = EffectsFromMeans(means, controls, has_t_self, sign * options.rho_ceiling);
  result.mean_s_t = sign * means[0];
  result.effect = point.effect;
  result.rho = point.rho;
  result.anchor = result.rho_anchor == RhoAnchor::kNone ? kNaN : sign * point.anchor;

  // ---- per-control descriptive numbers and sufficiency ----
  std::vector<std::vector<double>> diffs_s(static_cast<std::size_t>(controls));
  std::vector<std::vector<double>> diffs_t(static_cast<std::size_t>(controls));
  result.controls.resize(static_cast<std::size_t>(controls));
  int thinnest = result.n_prompts;
  bool degenerate = false;  // some control's differences are all zero: no information
  for (int j = 0; j < controls; ++j) {
    ControlResult& c = result.controls[j];
    c.control = j;
    diffs_s[j].reserve(analysed.size());
    diffs_t[j].reserve(analysed.size());
    double sum_ct = 0;
    int n_ct = 0;
    for (std::size_t p : analysed) {
      const double st = sign * input.s_t[p];
      const double sc = sign * input.s_c[j][p];
      const double ct = sign * input.c_t[j][p];
      diffs_s[j].push_back(st - sc);  // NaN propagates: pairwise-complete
      diffs_t[j].push_back(st - ct);
      c.n_s_centric += std::isnan(sc) ? 0 : 1;
      if (!std::isnan(ct)) {
        ++c.n_t_centric;
        sum_ct += ct;
        ++n_ct;
      }
    }
    c.mean_s_c = sign * means[1 + j];
    c.mean_c_t = n_ct > 0 ? sign * sum_ct / n_ct : kNaN;
    c.delta_s = MeanOfDiffs(diffs_s[j]);
    c.delta_t = MeanOfDiffs(diffs_t[j]);
    auto informative = [](const std::vector<double>& d) {
      return std::any_of(d.begin(), d.end(), [](double x) { return !std::isnan(x) && x != 0; });
    };
    degenerate = degenerate || !informative(diffs_s[j]) || !informative(diffs_t[j]);
    c.p_s_centric = c.p_t_centric = c.p_control = c.p_holm = kNaN;
    thinnest = std::min({thinnest, c.n_s_centric, c.n_t_centric});
  }

  if (controls == 0) {
    result.insufficient = true;
    result.insufficient_reason =
        "no control models: similarity to T means nothing without them";
  } else if (result.n_prompts < options.min_prompts) {
    result.insufficient = true;
    result.insufficient_reason = "only " + std::to_string(result.n_prompts) +
                                 " prompts with sim(S,T); at least " +
                                 std::to_string(options.min_prompts) + " are needed";
  } else if (thinnest < options.min_prompts) {
    result.insufficient = true;
    result.insufficient_reason = "a control has only " + std::to_string(thinnest) +
                                 " complete prompt pairs; at least " +
                                 std::to_string(options.min_prompts) + " are needed";
  } else if (degenerate) {
    // Every paired difference is zero (e.g. greedy answers that never agree with anyone):
    // the sign-flip null is a point mass and p = 1 would be an artefact, not evidence --
    // and a p of 1 would swamp a Cauchy combination. Say there is no information instead.
    result.insufficient = true;
    result.insufficient_reason =
        "the signal does not differ between T and a control on any prompt (no information)";
  }
  if (result.insufficient) return result;

  // ---- the tests ----
  std::vector<double> p_controls(static_cast<std::size_t>(controls));
  result.exact = true;
  for (int j = 0; j < controls; ++j) {
    ControlResult& c = result.controls[j];
    PermutationOptions permutation;
    permutation.iterations = options.permutation_iterations;
    permutation.exact_up_to_n = options.exact_up_to_n;
    permutation.seed = MixHash(options.seed, 2 * static_cast<std::uint64_t>(j));
    const PermutationResult s_centric = PairedSignFlipTest(diffs_s[j], permutation);
    permutation.seed = MixHash(options.seed, 2 * static_cast<std::uint64_t>(j) + 1);
    const PermutationResult t_centric = PairedSignFlipTest(diffs_t[j], permutation);
    c.p_s_centric = s_centric.p_value;
    c.p_t_centric = t_centric.p_value;
    c.p_control = std::max(c.p_s_centric, c.p_t_centric);
    p_controls[j] = c.p_control;
    result.exact = result.exact && s_centric.exact && t_centric.exact;
  }
  const std::vector<double> holm = HolmAdjust(p_controls);
  for (int j = 0; j < controls; ++j) {
    ControlResult& c = result.controls[j];
    c.p_holm = holm[j];
    c.beaten = c.p_holm < options.alpha;
    result.controls_beaten += c.beaten ? 1 : 0;
  }
  result.p_value = IntersectionUnionP(p_controls);

  // ---- bootstrap intervals for effect and rho, from the same resamples ----
  if (options.bootstrap_resamples > 0) {
    BootstrapOptions bootstrap;
    bootstrap.resamples = options.bootstrap_resamples;
    bootstrap.seed = MixHash(options.seed, kBootstrapStream);
    bootstrap.level = options.ci_level;
    const double ceiling = sign * options.rho_ceiling;
    const std::vector<BootstrapInterval> intervals = ClusterBootstrapCis(
        table.rows, 2,
        [&](const std::vector<int>& rows, std::vector<double>& out) {
          ColumnMeans(table, rows, acc, means);
          const Effects e = EffectsFromMeans(means, controls, has_t_self, ceiling);
          out[0] = e.effect;
          out[1] = e.rho;
        },
        bootstrap);
    result.effect_ci = {intervals[0].low, intervals[0].high};
    result.rho_ci = {intervals[1].low, intervals[1].high};
  }
  return result;
}

}  // namespace kinship
