#include "harness/stats/exact_tests.h"

#include <algorithm>
#include <boost/math/distributions/binomial.hpp>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>

namespace kinship {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kRelativeTolerance = 1 + 1e-7;

double LogChoose(int n, int k) {
  return std::lgamma(n + 1.0) - std::lgamma(k + 1.0) - std::lgamma(n - k + 1.0);
}

double UpperNormal(double z) { return 0.5 * std::erfc(z / std::sqrt(2.0)); }

}  // namespace

double BinomialTestP(int k, int n, double p0, Alternative alternative) {
  if (n < 0 || k < 0 || k > n || !(p0 >= 0 && p0 <= 1)) {
    throw std::invalid_argument("BinomialTestP: need 0 <= k <= n and 0 <= p0 <= 1");
  }
  if (n == 0) return kNaN;
  const boost::math::binomial_distribution<double> dist(n, p0);
  // Boost evaluates the tails through the incomplete beta function, accurate far into the
  // tails where summing pmfs would lose everything to rounding.
  const double upper = k == 0 ? 1.0 : boost::math::cdf(boost::math::complement(dist, k - 1));
  const double lower = boost::math::cdf(dist, k);
  switch (alternative) {
    case Alternative::kGreater:
      return upper;
    case Alternative::kLess:
      return lower;
    case Alternative::kTwoSided: {
      const double observed = boost::math::pdf(dist, k) * kRelativeTolerance;
      double p = 0;
      for (int x = 0; x <= n; ++x) {
        const double px = boost::math::pdf(dist, x);
        if (px <= observed) p += px;
      }
      return std::min(1.0, p);
    }
  }
  return kNaN;
}

double McNemarExactP(int b, int c, Alternative alternative) {
  if (b < 0 || c < 0) throw std::invalid_argument("McNemarExactP: negative count");
  if (b + c == 0) return kNaN;
  if (alternative == Alternative::kTwoSided) {
    const double smaller_tail = BinomialTestP(std::min(b, c), b + c, 0.5, Alternative::kLess);
    return std::min(1.0, 2 * smaller_tail);
  }
  return BinomialTestP(b, b + c, 0.5, alternative);
}

double FisherExactP(int a, int b, int c, int d, Alternative alternative) {
  if (a < 0 || b < 0 || c < 0 || d < 0) {
    throw std::invalid_argument("FisherExactP: negative count");
  }
  const int row1 = a + b;
  const int row2 = c + d;
  const int col1 = a + c;
  const int total = row1 + row2;
  if (total == 0) return kNaN;
  const int lo = std::max(0, col1 - row2);
  const int hi = std::min(row1, col1);
  const double log_denominator = LogChoose(total, col1);
  auto probability = [&](int x) {
    return std::exp(LogChoose(row1, x) + LogChoose(row2, col1 - x) - log_denominator);
  };
  double p = 0;
  switch (alternative) {
    case Alternative::kGreater:
      for (int x = a; x <= hi; ++x) p += probability(x);
      break;
    case Alternative::kLess:
      for (int x = lo; x <= a; ++x) p += probability(x);
      break;
    case Alternative::kTwoSided: {
      const double observed = probability(a) * kRelativeTolerance;
      for (int x = lo; x <= hi; ++x) {
        const double px = probability(x);
        if (px <= observed) p += px;
      }
      break;
    }
  }
  return std::min(1.0, p);
}

WilcoxonResult WilcoxonSignedRank(const std::vector<double>& diffs, Alternative alternative,
                                  int exact_up_to_n) {
  WilcoxonResult result;
  std::vector<double> d;
  for (double x : diffs) {
    if (!std::isnan(x) && x != 0) d.push_back(x);
  }
  const int n = static_cast<int>(d.size());
  result.n = n;
  if (n == 0) {
    result.statistic = kNaN;
    result.p_value = kNaN;
    return result;
  }

  // Mid-ranks of |d|, kept doubled (2 * rank is an integer) so the exact distribution
  // can be enumerated on integers.
  std::vector<int> order(static_cast<std::size_t>(n));
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(),
            [&](int i, int j) { return std::fabs(d[i]) < std::fabs(d[j]); });
  std::vector<int> doubled_rank(static_cast<std::size_t>(n));
  double tie_term = 0;  // sum over tie groups of t^3 - t
  for (int start = 0; start < n;) {
    int end = start;
    while (end + 1 < n && std::fabs(d[order[end + 1]]) == std::fabs(d[order[start]])) ++end;
    const int t = end - start + 1;
    tie_term += static_cast<double>(t) * t * t - t;
    for (int k = start; k <= end; ++k) doubled_rank[order[k]] = start + end + 2;
    start = end + 1;
  }
  long long doubled_v = 0;
  long long doubled_total = 0;
  for (int i = 0; i < n; ++i) {
    doubled_total += doubled_rank[i];
    if (d[i] > 0) doubled_v += doubled_rank[i];
  }
  result.statistic = doubled_v / 2.0;

  if (n <= exact_up_to_n) {
    // counts[s] = number of sign patterns whose positive ranks sum to s / 2. Doubles hold
    // counts up to 2^53 exactly, so n <= 52 is exact.
    std::vector<double> counts(static_cast<std::size_t>(doubled_total + 1), 0.0);
    counts[0] = 1;
    long long reach = 0;
    for (int i = 0; i < n; ++i) {
      const int r = doubled_rank[i];
      for (long long s = reach; s >= 0; --s) counts[s + r] += counts[s];
      reach += r;
    }
    const double patterns = std::ldexp(1.0, n);
    double upper = 0;  // P(V >= v)
    double lower = 0;  // P(V <= v)
    for (long long s = 0; s <= doubled_total; ++s) {
      if (s >= doubled_v) upper += counts[s];
      if (s <= doubled_v) lower += counts[s];
    }
    upper /= patterns;
    lower /= patterns;
    result.exact = true;
    result.p_value = alternative == Alternative::kGreater ? upper
                     : alternative == Alternative::kLess  ? lower
                                                          : std::min(1.0, 2 * std::min(upper, lower));
    return result;
  }

  const double mean = n * (n + 1.0) / 4.0;
  const double variance = n * (n + 1.0) * (2.0 * n + 1.0) / 24.0 - tie_term / 48.0;
  const double sd = std::sqrt(variance);
  const double v = result.statistic;
  if (sd == 0) {
    result.p_value = kNaN;
    return result;
  }
  switch (alternative) {
    case Alternative::kGreater:
      result.p_value = UpperNormal((v - mean - 0.5) / sd);
      break;
    case Alternative::kLess:
      result.p_value = UpperNormal((mean - v - 0.5) / sd);
      break;
    case Alternative::kTwoSided: {
      const double z = (std::fabs(v - mean) - 0.5) / sd;
      result.p_value = std::min(1.0, 2 * UpperNormal(std::max(z, 0.0)));
      break;
    }
  }
  return result;
}

}  // namespace kinship
