// The ranking score of a candidate teacher (issue 4; research §4.3 "effect sizes"): how far,
// in units of the controls' spread, S's similarity to T stands above S's similarity to the
// controls, averaged over the ranking signals (RankingSignals() in provenance_query.h: the
// lexical channel and stylometric-separability).
//
//   ControlZ(v, refs)  (v - mean(refs)) / sd(refs), the sd floored at 10% of |mean(refs)|
//                      plus 1e-3 so two near-identical controls cannot produce an unbounded
//                      z; with a single reference value the floor is the sd. NaN when v is
//                      NaN or there is no reference.
//   MeanSkippingNaN(v) the mean of a per-prompt series over the prompts with a value (a
//                      signal's mean similarity); NaN when there is none.
//   EvidenceZ(zs)      the mean of the z-scores, each clamped to [-5, 10] first (one extreme
//                      signal cannot dominate); NaN z-scores are skipped; NaN when none is
//                      left.
//
// Why this and not the p-values: on real panels every chat model resembles the popular
// assistants (the hub), so the relative tests rarely reject in both centrings and the
// combined p-value sits at ~1 for students and independent models alike; it cannot rank.
// A z of the S-centric means keeps a continuous order. Why the mean over these signals:
// word n-grams, the first-1/5/20 openings and the style classifier are each standardised by
// the same controls and measure different parts of the answer (the whole text's words, the
// opening, the style); the openings alone point the wrong way on one development file, the
// style classifier steadies the mean on both; averaging standardised scores with equal
// weights needs no labelled data to weight them. bench/README.md has the per-signal measurements.
//
// Pure functions; thread-safe; never throw.
#pragma once

#include <vector>

namespace kinship {

double ControlZ(double value, const std::vector<double>& reference);

double MeanSkippingNaN(const std::vector<double>& values);

double EvidenceZ(const std::vector<double>& z_scores);

}  // namespace kinship
