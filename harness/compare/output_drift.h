// Output drift: "is this endpoint still serving the same model?" -- an equality test of
// the distributions of a model's answers in two runs of the same prompts.
//
// Statistic (several samples per prompt in at least one run). For prompt p, pool the
// baseline's and the current run's answers, compute their pairwise similarities once
// (a built-in measure, default char-3gram-cosine: harness/analysis/builtin_measures.h), and
//   d_p = mean similarity of pairs from the SAME run - mean similarity of pairs ACROSS runs
// (prompts need >= 3 answers in all, >= 1 in each run). T = mean_p d_p. If both runs draw
// from one distribution, the run labels are exchangeable within each prompt, so
//   H0: the labels carry no information; null distribution of T = T under independent
//       random relabellings of each prompt's answers (group sizes kept),
// estimated with `permutations` draws (harness/stats/auc.h EmpiricalNull / EmpiricalPValue,
// one-sided: a changed model makes across-run pairs less alike, so T > 0). The test is
// exact in the Monte-Carlo sense at any n, pairs by prompt (ARCHITECTURE.md decision 5),
// and needs no model of the similarity's distribution.
// Verdict: drift when p < alpha AND T >= min_effect. The effect floor keeps a large suite
// from alarming on differences too small to matter; alpha = 0.01 bounds the false-alarm
// rate of identical models at 1% per model and compare (the measured calibration is in
// README.md, "Comparing two runs").
//
// Single answers (one sample per prompt in both runs): there is no within-run variation to
// compare against, so for greedy runs (temperature 0 in every record) the test is on the
// exact-match rate m/n of the paired answers: one-sided binomial test of m against the
// baseline's own determinism, which is assumed to be `greedy_determinism` (0.9; hosted
// APIs are not bit-deterministic at temperature 0). Sampled single answers are reported as
// untestable ("too little data"), never as a verdict.
//
// Pure; deterministic given the options; never throws.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "harness/compare/run_alignment.h"

namespace kinship {

struct DriftOptions {
  std::string measure = "char-3gram-cosine";
  int permutations = 2000;
  std::uint64_t seed = 1;
  double alpha = 0.01;
  double min_effect = 0.01;        // in similarity units (the measure's [0, 1])
  double greedy_determinism = 0.9;
};

struct ModelDrift {
  std::string model;
  std::string method;       // "within-vs-between", "exact-match" or "none"
  int prompts = 0;          // prompts that entered the test
  double within = 0;        // mean over prompts of the same-run similarity
  double between = 0;       // mean over prompts of the across-run similarity
  double statistic = 0;     // T (within - between), or the exact-match rate
  double p_value = 1;       // NaN when not testable
  bool drift = false;
  std::string note;         // why not testable, or what was assumed
};

std::vector<ModelDrift> OutputDrift(const RunAlignment& alignment, const DriftOptions& options = {});

}  // namespace kinship
