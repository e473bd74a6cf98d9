// The provenance query (issue 4; research/provenance-methods.md §4.3-§4.4): for a suspect S
// and candidate teachers T, is S closer to T than to every control, and closer to T than the
// controls are? Runs the relative test of harness/stats on every available signal, combines
// the signals (Cauchy), places the result on the calibrated probability scale
// (calibration.h), assigns a verdict bucket (verdict.h) and, for likely teachers, looks for
// asymmetric direction cues (§4.4; direction_cues.h).
//
// Ownership: the result is plain data holding names and numbers only; it does not refer to
// the panel. The panel must outlive the RunProvenance call.
// Threads: RunProvenance is re-entrant; internally the relative tests of one suspect run on
// `options.threads` threads. Deterministic given (panel, query, options): each test draws from
// a seed derived from the options seed and the (candidate, signal) position.
// Failure: unknown model indices are programming errors (std::invalid_argument); the CLI
// resolves names first (ResolveModel) and reports ConfigError with a did-you-mean. Too
// little data is a verdict ("insufficient"), never an exception.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "harness/provenance/calibration.h"
#include "harness/provenance/verdict.h"
#include "harness/signals/signal_panel.h"

namespace kinship {

struct ProvenanceOptions {
  // Signals tested for the verdict; empty = DefaultVerdictSignals(). Unavailable ones are
  // reported as such and skipped.
  std::vector<std::string> signals;
  int permutation_iterations = 10000;
  int bootstrap_resamples = 2000;
  int min_prompts = 20;
  std::uint64_t seed = 1;
  unsigned threads = 2;
  bool direction = true;  // compute §4.4 cues for moderate/strong candidates
};

// One suspect's question. Indices into panel.answers.models.
struct ProvenanceQuery {
  int suspect = 0;
  std::vector<int> candidates;  // empty: every other model
  std::vector<int> controls;    // empty: every model that is neither suspect nor candidate
  // Set by CompleteQuery when neither list was given: every other model is a candidate, and
  // each candidate T is tested against all the other models (candidates included) as
  // controls, since there are no non-candidates left.
  bool candidates_are_controls = false;

  // The controls T is tested against.
  std::vector<int> ControlsFor(int candidate) const;
};

struct SignalVerdictRow {
  std::string name;
  std::string channel;                 // independent evidence family ("lexical", ...)
  bool available = true;
  std::string unavailable_reason;
  bool insufficient = false;           // too few prompts for this signal
  bool ranking_only = false;           // feeds evidence_z only; no relative test, p is NaN
  double p_value = 1;                  // intersection-union over controls and centrings
  double effect = 0;                   // mean sim(S,T) - max_j mean sim(S,C_j)
  std::array<double, 2> ci95 = {0, 0};
  double rho = 0;
  // S-centric z: (mean sim(S,T) - mean_j mean sim(S,C_j)) / sd_j, with the sd floor of
  // calibration.h; a standardised effect comparable across signals (the ranking score
  // averages it). Filled in for insufficient signals too (descriptive only).
  double z = 0;
  int controls_beaten = 0;
  int n_prompts = 0;
};

inline constexpr std::size_t kSharedPhrasesShown = 12;

struct CandidateVerdict {
  std::string model;
  Verdict verdict = Verdict::kInconclusive;
  std::string reason;                  // one line: why this bucket
  double probability = 0;              // calibrated P(S trained on T-derived data)
  double score = 0;                    // the logit behind the probability
  double evidence_z = 0;               // the ranking key (evidence_score.h; NaN: no z)
  double p_value = 1;                  // Cauchy combination of the available signals
  double primary_p_value = 1;          // the primary signal's IUT p-value
  double s_centric_p_value = 1;        // the primary signal, S-centric test only: max over
                                       // controls of the one-sided p (S closer to T than C_j)
  double effect = 0;                   // primary signal
  std::array<double, 2> ci95 = {0, 0};
  double z_s = 0;                      // CalibrationFeatures::z_s
  double against_p_value = 1;          // S farther from T than the median control
  int controls_beaten = 0;             // primary signal, Holm-adjusted per control
  int controls_total = 0;
  int channels_agreeing = 0;           // channels with a signal beating every control
  // Human-readable evidence for a strong or moderate candidate: phrases distinctive of both
  // S and T against the pooled controls (the mannerisms signal's evidence), the most
  // distinctive first, at most kSharedPhrasesShown; empty otherwise or without mannerisms.
  std::vector<std::string> shared_phrases;
  std::vector<SignalVerdictRow> signals;
  CalibrationFeatures features;
};

struct DirectionCue {
  std::string name;        // "mannerisms-asymmetry"
  double asymmetry = 0;    // mean [s(S->T) - s(T->S)] minus the controls' mean asymmetry
  double p_value = 1;      // one-sided sign-flip over prompts
  bool agrees = false;     // supports "S <- T"
};

struct DirectionResult {
  std::string teacher;
  std::vector<DirectionCue> cues;  // every cue examined, agreeing or not
  int agreeing = 0;
  bool stated = false;             // agreeing >= 3: "S <- T"
};

struct SuspectVerdict {
  std::string suspect;
  int n_prompts = 0;                       // prompts the suspect answered
  std::vector<std::string> controls;
  std::vector<CandidateVerdict> candidates;  // in query order
  std::vector<std::string> ranking;          // candidates, most likely teacher first (by
                                             // evidence_z; insufficient ones last)
  std::optional<DirectionResult> direction;  // for the top-ranked candidate, when examined
  bool direction_asked = true;               // false: ProvenanceOptions::direction was off
  std::vector<std::string> warnings;
};

// The signals tested by default, in pre-registered order: word-ngram-1-3 (primary; see
// README.md "Provenance" for why), first-1, first-5, first-20 (with the primary, the lexical
// channel whose mean z ranks the candidates), mannerisms, greedy-agreement, mmd-spectrum,
// capa, cross-likelihood. stylometric-loo is opt-in (--signal): it fits one classifier per fold
// and held-out model, minutes on a 30-model panel, and when asked for it also serves as the
// LOO-attribution direction cue.
const std::vector<std::string>& DefaultVerdictSignals();
// The signals whose mean z ranks the candidates (evidence_score.h): the lexical channel
// (word-ngram-idf, first-1, first-5, first-20) and stylometric-separability. word-ngram-idf
// stands for the primary word-ngram-1-3 in the ranking (bench/README.md, "Choosing the
// score"); the primary is still the tested signal. With an explicit signal list that leaves
// out word-ngram-idf, word-ngram-1-3 ranks in its place.
const std::vector<std::string>& RankingSignals();
// The primary signal's name.
const std::string& PrimarySignal();

// Fills the defaults of a query for `models` models (candidates, controls) following the
// validation protocol: controls are the non-candidates; other candidates are not controls.
// With neither candidates nor controls given, every other model is a candidate and each
// candidate's controls are all the remaining models (candidates_are_controls).
ProvenanceQuery CompleteQuery(ProvenanceQuery query, std::size_t models);

// Answers several queries on one panel; signals are prepared once for all of them.
std::vector<SuspectVerdict> RunProvenance(const SignalPanel& panel,
                                          const std::vector<ProvenanceQuery>& queries,
                                          const ProvenanceOptions& options = {});

}  // namespace kinship
