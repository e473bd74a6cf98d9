#include "harness/provenance/provenance_query.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <memory>
#include <mutex>
#include <numeric>
#include <set>
#include <stdexcept>
#include <tuple>

#include <nlohmann/json.hpp>

#include "harness/core/hash.h"
#include "harness/provenance/calibration.h"
#include "harness/provenance/direction_cues.h"
#include "harness/provenance/evidence_score.h"
#include "harness/signals/builtin_signals.h"
#include "harness/core/parallel_for.h"
#include "harness/stats/multiple_testing.h"
#include "harness/stats/permutation_test.h"
#include "harness/stats/relative_similarity_test.h"

namespace kinship {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kChannelAlpha = 0.01;  // a signal "beats every control" below this IUT p
constexpr double kCueAlpha = 0.05;
constexpr const char* kIdfRankingSignal = "word-ngram-idf";

// Independent evidence families: two signals of one family (word n-grams and first words)
// are not two channels. Mannerisms count apart from the n-gram overlap because they are
// selected against the controls' background, and the stylometric classifier reads
// character n-grams and layout rather than shared words.
std::string ChannelOf(const std::string& signal) {
  if (signal == "word-ngram-1-3" || signal.rfind("first-", 0) == 0) return "lexical";
  if (signal == "mannerisms") return "phrases";
  if (signal.rfind("stylometric", 0) == 0) return "style";
  if (signal == "greedy-agreement" || signal == "capa") return "agreement";
  if (signal.rfind("mmd", 0) == 0) return "distribution";
  if (signal == "cross-likelihood") return "likelihood";
  return signal;
}

// Signals bounded above by 1, for which rho is reported against that ceiling.
bool BoundedByOne(const std::string& signal) {
  return signal == "word-ngram-1-3" || signal.rfind("first-", 0) == 0 ||
         signal == "mannerisms" || signal.rfind("stylometric", 0) == 0 ||
         signal == "greedy-agreement" || signal == "capa";
}

// Per-prompt values of every (signal, a, b) a query needs, computed once.
class PairCache {
 public:
  PairCache(std::vector<const PreparedSignal*> prepared, std::size_t prompts)
      : prepared_(std::move(prepared)), prompts_(prompts) {}

  void Request(std::size_t signal, int a, int b) {
    if (prepared_[signal] != nullptr) wanted_.emplace(signal, a, b);
  }
  void Compute(unsigned threads) {
    std::vector<std::tuple<std::size_t, int, int>> todo;
    for (const auto& key : wanted_) {
      if (values_.find(key) == values_.end()) todo.push_back(key);
    }
    std::vector<std::vector<double>> out(todo.size());
    ParallelFor(todo.size(), threads, [&](std::size_t i) {
      const auto& [s, a, b] = todo[i];
      out[i] = prepared_[s]->PerPrompt(a, b);
    });
    for (std::size_t i = 0; i < todo.size(); ++i) values_[todo[i]] = std::move(out[i]);
    wanted_.clear();
  }
  const std::vector<double>& Get(std::size_t signal, int a, int b) const {
    auto it = values_.find({signal, a, b});
    if (it == values_.end()) return empty_;
    return it->second;
  }
  std::size_t prompts() const { return prompts_; }

 private:
  std::vector<const PreparedSignal*> prepared_;
  std::size_t prompts_;
  std::set<std::tuple<std::size_t, int, int>> wanted_;
  std::map<std::tuple<std::size_t, int, int>, std::vector<double>> values_;
  std::vector<double> empty_;
};

// The phrases the mannerisms signal finds distinctive of both s and t, most distinctive
// first, at most kSharedPhrasesShown (its Evidence, mannerisms_signal.h).
std::vector<std::string> SharedPhrases(const PreparedSignal& mannerisms, int s, int t) {
  std::vector<std::string> out;
  const nlohmann::json evidence = mannerisms.Evidence(s, t);
  const auto rows = evidence.find("shared_phrases");
  if (rows == evidence.end() || !rows->is_array()) return out;
  for (const auto& row : *rows) {
    if (out.size() >= kSharedPhrasesShown) break;
    const auto phrase = row.find("phrase");
    if (phrase != row.end() && phrase->is_string()) out.push_back(phrase->get<std::string>());
  }
  return out;
}

// One-sided sign-flip test that S is farther from T than the median control, per prompt.
double AgainstP(const std::vector<double>& s_t, const std::vector<std::vector<double>>& s_c,
                std::uint64_t seed, int iterations) {
  std::vector<double> diffs;
  for (std::size_t p = 0; p < s_t.size(); ++p) {
    std::vector<double> row;
    for (const auto& c : s_c) {
      if (p < c.size() && !std::isnan(c[p])) row.push_back(c[p]);
    }
    if (row.empty() || std::isnan(s_t[p])) {
      diffs.push_back(kNaN);
      continue;
    }
    std::sort(row.begin(), row.end());
    const std::size_t n = row.size();
    const double median = n % 2 == 1 ? row[n / 2] : 0.5 * (row[n / 2 - 1] + row[n / 2]);
    diffs.push_back(median - s_t[p]);
  }
  PermutationOptions options;
  options.iterations = iterations;
  options.seed = seed;
  const PermutationResult r = PairedSignFlipTest(diffs, options);
  return std::isnan(r.p_value) ? 1.0 : r.p_value;
}

struct TestTask {
  std::size_t query = 0;
  std::size_t candidate = 0;  // position in the query's candidates
  std::size_t signal = 0;
  RelativeTestInput input;
  RelativeTestOptions options;
  RelativeTestResult result;
};

int AnsweredPrompts(const SignalPanel& panel, int model) {
  int n = 0;
  for (std::size_t p = 0; p < panel.Prompts(); ++p) {
    if (!panel.Answers(model, p).empty()) ++n;
  }
  return n;
}

// §4.4 direction cues for "S <- T": the asymmetries of the directed signals, then the
// cross-continuation and capability cues of direction_cues.h.
DirectionResult ExamineDirection(const SignalPanel& panel, int s, int t,
                                 const std::vector<int>& controls, const ProvenanceOptions& opt,
                                 const std::vector<std::string>& signals) {
  DirectionResult direction;
  direction.teacher = panel.answers.models[t];
  // The LOO classifier needs S as a class to attribute T's answers to S, so the directed
  // signals are prepared for this pair with S and T both as candidates.
  SignalRoles roles;
  roles.candidates = {s, t};
  roles.controls = controls;
  const std::vector<std::pair<std::string, std::string>> cues = {
      {"identity", "identity-asymmetry"},
      {"stylometric-loo", "loo-attribution-asymmetry"},
      {"mannerisms", "mannerism-asymmetry"},
      {"cross-likelihood", "cross-likelihood-asymmetry"},
  };
  for (const auto& [signal_name, cue_name] : cues) {
    // The LOO classifier is costly (one fit per fold and held-out model); it is a cue only
    // when the caller asked for it as a signal.
    if (signal_name == "stylometric-loo" &&
        std::find(signals.begin(), signals.end(), signal_name) == signals.end()) {
      continue;
    }
    const Signal* signal = FindSignal(signal_name);
    if (signal == nullptr || signal->Unavailable(panel).has_value()) continue;
    auto prepared = signal->Prepare(panel, &roles);
    const std::vector<double> st = prepared->PerPrompt(s, t);
    const std::vector<double> ts = prepared->PerPrompt(t, s);
    std::vector<std::vector<double>> ct, tc;
    for (int c : controls) {
      ct.push_back(prepared->PerPrompt(c, t));
      tc.push_back(prepared->PerPrompt(t, c));
    }
    std::vector<double> diffs(st.size(), kNaN);
    for (std::size_t p = 0; p < st.size(); ++p) {
      double control_sum = 0;
      int control_n = 0;
      for (std::size_t j = 0; j < controls.size(); ++j) {
        if (!std::isnan(ct[j][p]) && !std::isnan(tc[j][p])) {
          control_sum += ct[j][p] - tc[j][p];
          ++control_n;
        }
      }
      if (std::isnan(st[p]) || std::isnan(ts[p])) continue;
      const double control = control_n == 0 ? 0.0 : control_sum / control_n;
      diffs[p] = (st[p] - ts[p]) - control;
    }
    PermutationOptions popt;
    popt.iterations = opt.permutation_iterations;
    popt.seed = MixHash(opt.seed, StableHash64(cue_name));
    const PermutationResult r = PairedSignFlipTest(diffs, popt);
    if (r.n < opt.min_prompts) continue;  // too little data for this cue: not examined
    DirectionCue cue;
    cue.name = cue_name;
    cue.asymmetry = r.statistic;
    cue.p_value = r.p_value;
    cue.agrees = r.statistic > 0 && r.p_value < kCueAlpha;
    direction.agreeing += cue.agrees ? 1 : 0;
    direction.cues.push_back(cue);
  }
  CueTestOptions cue_options;
  cue_options.min_prompts = opt.min_prompts;
  cue_options.permutation_iterations = opt.permutation_iterations;
  cue_options.seed = opt.seed;
  cue_options.alpha = kCueAlpha;
  for (auto cue : {CrossContinuationCue(panel, s, t, controls, cue_options),
                   CapabilityCue(panel, s, t, cue_options)}) {
    if (!cue) continue;  // too little data for this cue: not examined
    direction.agreeing += cue->agrees ? 1 : 0;
    direction.cues.push_back(std::move(*cue));
  }
  direction.stated = direction.agreeing >= 3;
  return direction;
}

}  // namespace

const std::vector<std::string>& DefaultVerdictSignals() {
  static const std::vector<std::string> kSignals = {
      "word-ngram-1-3", "first-1", "first-5",      "first-20",        "mannerisms",
      "greedy-agreement", "mmd-spectrum", "capa", "cross-likelihood"};
  return kSignals;
}

const std::vector<std::string>& RankingSignals() {
  static const std::vector<std::string> kSignals = {
      kIdfRankingSignal, "first-1", "first-5", "first-20", "stylometric-separability"};
  return kSignals;
}

const std::string& PrimarySignal() {
  static const std::string kPrimary = "word-ngram-1-3";
  return kPrimary;
}

std::vector<int> ProvenanceQuery::ControlsFor(int candidate) const {
  if (!candidates_are_controls) return controls;
  std::vector<int> out;
  for (int c : candidates) {
    if (c != candidate) out.push_back(c);
  }
  return out;
}

ProvenanceQuery CompleteQuery(ProvenanceQuery query, std::size_t models) {
  const int n = static_cast<int>(models);
  auto check = [n](int index) {
    if (index < 0 || index >= n) throw std::invalid_argument("model index out of range");
  };
  check(query.suspect);
  for (int c : query.candidates) check(c);
  for (int c : query.controls) check(c);
  if (query.candidates.empty() && query.controls.empty()) {
    for (int m = 0; m < n; ++m) {
      if (m != query.suspect) query.candidates.push_back(m);
    }
    query.candidates_are_controls = true;
    return query;
  }
  if (query.candidates.empty()) {
    for (int m = 0; m < n; ++m) {
      if (m != query.suspect && std::find(query.controls.begin(), query.controls.end(), m) ==
                                    query.controls.end()) {
        query.candidates.push_back(m);
      }
    }
  }
  std::erase(query.candidates, query.suspect);
  if (query.controls.empty()) {
    for (int m = 0; m < n; ++m) {
      if (m != query.suspect && std::find(query.candidates.begin(), query.candidates.end(),
                                          m) == query.candidates.end()) {
        query.controls.push_back(m);
      }
    }
  }
  std::erase(query.controls, query.suspect);
  return query;
}

std::vector<SuspectVerdict> RunProvenance(const SignalPanel& panel,
                                          const std::vector<ProvenanceQuery>& raw_queries,
                                          const ProvenanceOptions& options) {
  std::vector<ProvenanceQuery> queries;
  SignalRoles roles;
  for (const auto& raw : raw_queries) {
    queries.push_back(CompleteQuery(raw, panel.Models()));
    const auto& q = queries.back();
    roles.suspects.push_back(q.suspect);
    roles.candidates.insert(roles.candidates.end(), q.candidates.begin(), q.candidates.end());
    roles.controls.insert(roles.controls.end(), q.controls.begin(), q.controls.end());
    if (q.candidates_are_controls) {
      roles.controls.insert(roles.controls.end(), q.candidates.begin(), q.candidates.end());
    }
  }
  for (auto* list : {&roles.suspects, &roles.candidates, &roles.controls}) {
    std::sort(list->begin(), list->end());
    list->erase(std::unique(list->begin(), list->end()), list->end());
  }

  // Prepare each signal once for every query. With the default signals, the ranking signals
  // that are not tested are appended after the tested ones: they only get S's similarities
  // (no relative test). An explicit signal list is taken as given.
  std::vector<std::string> names =
      options.signals.empty() ? DefaultVerdictSignals() : options.signals;
  const std::size_t tested = names.size();
  for (const auto& name : RankingSignals()) {
    if (options.signals.empty() && std::find(names.begin(), names.end(), name) == names.end()) {
      names.push_back(name);
    }
  }
  // word-ngram-idf ranks in place of the primary; when it is not computed (an explicit
  // signal list without it), the primary's unweighted overlap stands in.
  const bool idf_ranks =
      std::find(names.begin(), names.end(), kIdfRankingSignal) != names.end();
  auto is_ranking = [&](const std::string& name) {
    if (name == PrimarySignal() && !idf_ranks) return true;
    return std::find(RankingSignals().begin(), RankingSignals().end(), name) !=
           RankingSignals().end();
  };
  std::vector<std::unique_ptr<PreparedSignal>> owned(names.size());
  std::vector<const PreparedSignal*> prepared(names.size(), nullptr);
  std::vector<std::string> unavailable(names.size());
  for (std::size_t i = 0; i < names.size(); ++i) {
    const Signal& signal = SignalByName(names[i]);
    if (auto why = signal.Unavailable(panel)) {
      unavailable[i] = *why;
      continue;
    }
    owned[i] = signal.Prepare(panel, &roles);
    prepared[i] = owned[i].get();
  }

  const PreparedSignal* mannerisms = nullptr;  // for the shared phrases of the verdicts
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (names[i] == "mannerisms") mannerisms = prepared[i];
  }

  // Only the pairs the queries need: (S,T), (S,C_j), and (C_j,T) for the tested signals.
  // A ranking-only signal is a learned classifier per pair; skipping the T-centric pairs
  // keeps it to candidates + controls classifiers per suspect.
  PairCache cache(prepared, panel.Prompts());
  for (const auto& q : queries) {
    for (std::size_t i = 0; i < names.size(); ++i) {
      for (int t : q.candidates) {
        cache.Request(i, q.suspect, t);
        for (int c : q.ControlsFor(t)) {
          if (i < tested) cache.Request(i, c, t);
          cache.Request(i, q.suspect, c);
        }
      }
    }
  }
  cache.Compute(options.threads);

  // Every relative test, in parallel.
  std::vector<TestTask> tasks;
  for (std::size_t qi = 0; qi < queries.size(); ++qi) {
    const auto& q = queries[qi];
    for (std::size_t ci = 0; ci < q.candidates.size(); ++ci) {
      const int t = q.candidates[ci];
      for (std::size_t si = 0; si < tested; ++si) {
        if (prepared[si] == nullptr) continue;
        TestTask task;
        task.query = qi;
        task.candidate = ci;
        task.signal = si;
        task.input.s_t = cache.Get(si, q.suspect, t);
        for (int c : q.ControlsFor(t)) {
          task.input.s_c.push_back(cache.Get(si, q.suspect, c));
          task.input.c_t.push_back(cache.Get(si, c, t));
        }
        task.options.permutation_iterations = options.permutation_iterations;
        task.options.bootstrap_resamples = options.bootstrap_resamples;
        task.options.min_prompts = options.min_prompts;
        task.options.seed = MixHash(options.seed, StableHash64(names[si]));
        if (BoundedByOne(names[si])) task.options.rho_ceiling = 1.0;
        tasks.push_back(std::move(task));
      }
    }
  }
  ParallelFor(tasks.size(), options.threads, [&](std::size_t i) {
    tasks[i].result = RunRelativeTest(tasks[i].input, tasks[i].options);
  });
  std::map<std::tuple<std::size_t, std::size_t, std::size_t>, std::size_t> task_at;
  for (std::size_t i = 0; i < tasks.size(); ++i) {
    task_at[{tasks[i].query, tasks[i].candidate, tasks[i].signal}] = i;
  }

  // A signal's z for candidate ci: S's mean similarity to T among S's mean similarities to
  // the controls and to the other candidates of the query (the naive baseline's reference,
  // research §4.3). The other candidates widen the reference where controls are few, and
  // make the score candidate-relative: a model S resembles as much as it resembles the
  // other candidates is no teacher. (When the candidates are each other's controls they
  // are in the controls already.)
  auto reference_z = [&](std::size_t qi, std::size_t ci, std::size_t si) {
    const auto& q = queries[qi];
    const RelativeTestResult& r = tasks[task_at.at({qi, ci, si})].result;
    std::vector<double> reference;
    for (const auto& c : r.controls) reference.push_back(c.mean_s_c);
    if (!q.candidates_are_controls) {
      for (std::size_t cj = 0; cj < q.candidates.size(); ++cj) {
        if (cj != ci) reference.push_back(tasks[task_at.at({qi, cj, si})].result.mean_s_t);
      }
    }
    return ControlZ(r.mean_s_t, reference);
  };
  // The same z for a ranking-only signal, from the prompt means of the cached series.
  auto untested_z = [&](std::size_t qi, std::size_t ci, std::size_t si) {
    const auto& q = queries[qi];
    const int t = q.candidates[ci];
    std::vector<double> reference;
    for (int c : q.ControlsFor(t)) {
      reference.push_back(MeanSkippingNaN(cache.Get(si, q.suspect, c)));
    }
    if (!q.candidates_are_controls) {
      for (int u : q.candidates) {
        if (u != t) reference.push_back(MeanSkippingNaN(cache.Get(si, q.suspect, u)));
      }
    }
    return ControlZ(MeanSkippingNaN(cache.Get(si, q.suspect, t)), reference);
  };
  const std::size_t primary =
      std::find(names.begin(), names.end(), PrimarySignal()) - names.begin();
  const CalibrationMap& calibration = BuiltinCalibration();
  std::vector<SuspectVerdict> out;
  for (std::size_t qi = 0; qi < queries.size(); ++qi) {
    const auto& q = queries[qi];
    SuspectVerdict verdict;
    verdict.suspect = panel.answers.models[q.suspect];
    verdict.n_prompts = AnsweredPrompts(panel, q.suspect);
    const std::vector<int> listed =
        q.candidates_are_controls ? q.candidates : q.controls;
    for (int c : listed) verdict.controls.push_back(panel.answers.models[c]);
    if (q.candidates_are_controls) {
      verdict.warnings.push_back(
          "no --candidate or --control given: every other model is a candidate, and each "
          "candidate is tested against all the others as controls");
    }
    const std::size_t fewest =
        q.candidates_are_controls ? (q.candidates.empty() ? 0 : q.candidates.size() - 1)
                                  : q.controls.size();
    if (fewest < 2) {
      verdict.warnings.push_back(
          "fewer than 2 controls: the relative tests have almost no null to compare with; add "
          "independent models with --control");
    }
    if (q.candidates.empty()) verdict.warnings.push_back("no candidate teacher to test");
    for (std::size_t ci = 0; ci < q.candidates.size(); ++ci) {
      const int t = q.candidates[ci];
      CandidateVerdict cv;
      cv.model = panel.answers.models[t];
      const std::vector<int> controls = q.ControlsFor(t);
      cv.controls_total = static_cast<int>(controls.size());
      std::vector<double> p_values;
      std::map<std::string, bool> channel_beats;
      std::vector<double> ranking_z, all_z;  // of the signals with a test
      int available = 0, beating = 0;
      const RelativeTestResult* primary_result = nullptr;
      for (std::size_t si = 0; si < names.size(); ++si) {
        SignalVerdictRow row;
        row.name = names[si];
        row.channel = ChannelOf(names[si]);
        if (prepared[si] == nullptr) {
          row.available = false;
          row.unavailable_reason = unavailable[si];
          row.p_value = kNaN;
          cv.signals.push_back(row);
          continue;
        }
        if (si >= tested) {
          row.z = untested_z(qi, ci, si);
          row.p_value = row.effect = row.rho = kNaN;
          row.ci95 = {kNaN, kNaN};
          row.ranking_only = true;
          row.unavailable_reason = "ranking only: no relative test";
          if (!std::isnan(row.z)) ranking_z.push_back(row.z);
          cv.signals.push_back(row);
          continue;
        }
        const RelativeTestResult& r = tasks[task_at.at({qi, ci, si})].result;
        row.insufficient = r.insufficient;
        row.n_prompts = r.n_prompts;
        row.effect = r.effect;
        row.rho = r.rho;
        row.z = reference_z(qi, ci, si);
        row.ci95 = r.effect_ci;
        row.controls_beaten = r.controls_beaten;
        row.p_value = r.insufficient ? kNaN : r.p_value;
        if (si == primary) primary_result = &r;
        if (!r.insufficient) {
          all_z.push_back(row.z);
          if (is_ranking(names[si])) ranking_z.push_back(row.z);
        }
        if (r.insufficient) {
          row.unavailable_reason = r.insufficient_reason;
        } else if (!std::isnan(r.p_value)) {
          ++available;
          p_values.push_back(r.p_value);
          const bool beats = r.p_value < kChannelAlpha;
          beating += beats ? 1 : 0;
          channel_beats[row.channel] = channel_beats[row.channel] || beats;
        }
        cv.signals.push_back(row);
      }
      for (const auto& [channel, beats] : channel_beats) cv.channels_agreeing += beats ? 1 : 0;
      cv.p_value = p_values.empty() ? 1.0 : CauchyCombination(p_values);

      VerdictEvidence evidence;
      double z_s = kNaN;
      if (primary_result == nullptr || primary_result->insufficient) {
        evidence.insufficient = true;
      } else {
        const RelativeTestResult& r = *primary_result;
        cv.primary_p_value = r.p_value;
        cv.effect = r.effect;
        cv.ci95 = r.effect_ci;
        cv.controls_beaten = r.controls_beaten;
        cv.s_centric_p_value = 0;
        for (const auto& c : r.controls) {
          if (c.p_s_centric < cv.s_centric_p_value) continue;
          cv.s_centric_p_value = c.p_s_centric;
          evidence.s_centric_blocker = panel.answers.models[static_cast<std::size_t>(
              controls[static_cast<std::size_t>(c.control)])];
        }
        if (r.controls.empty()) cv.s_centric_p_value = 1;
        z_s = reference_z(qi, ci, primary);
        std::vector<std::vector<double>> s_c_series;
        for (int c : controls) s_c_series.push_back(cache.Get(primary, q.suspect, c));
        cv.against_p_value =
            AgainstP(cache.Get(primary, q.suspect, t), s_c_series,
                     MixHash(options.seed, StableHash64("against")), options.permutation_iterations);
      }
      // The ranking signals rank; without any of them, every tested signal does.
      cv.evidence_z = EvidenceZ(ranking_z.empty() ? all_z : ranking_z);
      cv.features = MakeCalibrationFeatures(cv.evidence_z, cv.p_value, z_s,
                                            available == 0 ? 0.0 : double(beating) / available);
      cv.z_s = cv.features.z_s;
      cv.score = calibration.Score(cv.features);
      cv.probability = calibration.Probability(cv.features);
      evidence.primary_p = cv.primary_p_value;
      evidence.combined_p = cv.p_value;
      evidence.s_centric_p = cv.s_centric_p_value;
      evidence.probability = cv.probability;
      evidence.channels_agreeing = cv.channels_agreeing;
      evidence.against_p = cv.against_p_value;
      if (evidence.insufficient) cv.probability = kNaN;
      cv.verdict = BucketVerdict(evidence, &cv.reason);
      if ((cv.verdict == Verdict::kStrong || cv.verdict == Verdict::kModerate) &&
          mannerisms != nullptr) {
        cv.shared_phrases = SharedPhrases(*mannerisms, q.suspect, t);
      }
      verdict.candidates.push_back(std::move(cv));
    }
    std::vector<std::size_t> order(verdict.candidates.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      const auto& x = verdict.candidates[a];
      const auto& y = verdict.candidates[b];
      const bool xi = x.verdict == Verdict::kInsufficient, yi = y.verdict == Verdict::kInsufficient;
      if (xi != yi) return yi;
      return x.features.evidence_z > y.features.evidence_z;
    });
    for (std::size_t i : order) verdict.ranking.push_back(verdict.candidates[i].model);
    verdict.direction_asked = options.direction;
    if (options.direction && !order.empty()) {
      const auto& top = verdict.candidates[order[0]];
      if (top.verdict == Verdict::kStrong || top.verdict == Verdict::kModerate) {
        verdict.direction =
            ExamineDirection(panel, q.suspect, q.candidates[order[0]],
                             q.ControlsFor(q.candidates[order[0]]), options, names);
      }
    }
    out.push_back(std::move(verdict));
  }
  return out;
}

}  // namespace kinship
