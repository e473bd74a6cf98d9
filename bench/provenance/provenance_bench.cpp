// The provenance accuracy and speed benchmark (issue 4 items 5-6) and the calibration refit.
// Not a CI test: run it with bench/provenance/run_benchmark.sh (see bench/README.md).
//
//   provenance_bench lab [REPS]            simulated lab: detection vs fraction and prompts,
//                                          false positives on independent pairs
//   provenance_bench devset DIR            the development set under its standard protocol,
//                                          beside the naive baseline
//   provenance_bench features DIR OUT      labelled feature rows (lab + devset) for refit
//   provenance_bench refit ROWS OUT_JSON   fits the calibration map, leave-one-panel-out
//   provenance_bench speed MODELS PROMPTS  timing and peak RSS of the lexical matrix plus one
//                                          query with 5 candidates and 12 controls
// Validation data are read in place, never copied.
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include "adapters/sim/sim_model.h"
#include "adapters/sim/sim_zoo.h"
#include "harness/core/hash.h"
#include "harness/provenance/calibration.h"
#include "harness/provenance/provenance_query.h"
#include "harness/signals/builtin_signals.h"
#include "harness/signals/lexical_signals.h"
#include "harness/signals/parallel_for.h"
#include "harness/signals/signal_matrix.h"
#include "harness/stats/auc.h"

namespace kinship {
namespace {

using Clock = std::chrono::steady_clock;

double Seconds(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

double PeakRssMb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024.0;
}

// ---- the simulated lab -------------------------------------------------------------------

// Test prompts: templates x topics, disjoint from the distillation prompts by construction
// (their wording differs), shuffled by a seed so each panel draws a different subset.
std::vector<std::string> LabPrompts(int count, std::uint64_t seed) {
  static const std::vector<std::string> kTemplates = {
      "Explain {} to a beginner.",      "What should I know about {}?",
      "Give three tips about {}.",      "How would you teach {} in one lesson?",
      "Compare two views on {}.",       "Write a short note on {} for a friend.",
      "What are common mistakes with {}?", "Summarise the history of {}.",
      "Why does {} matter today?",      "Describe {} step by step.",
  };
  static const std::vector<std::string> kTopics = {
      "tides", "inflation", "vaccines", "recursion", "seasons", "photosynthesis", "budgeting",
      "sleep", "gardening", "bread baking", "public speaking", "interviews", "saving money",
      "learning a language", "volcanoes", "electric cars", "coffee", "chess", "running",
      "meditation", "time management", "climate", "the moon", "bees", "rivers", "memory",
      "habits", "negotiation", "writing essays", "travel packing", "credit scores",
      "databases", "sorting algorithms", "debugging", "version control", "the printing press",
      "the Silk Road", "ancient Rome", "the steam engine", "vitamins", "stretching",
      "hydration", "teamwork", "feedback", "remote work", "email etiquette", "cooking rice",
      "soup", "recipes for beginners", "museums", "trains", "maps", "stars", "gravity",
      "magnets", "batteries", "recycling", "composting", "birds", "forests", "deserts",
      "oceans", "earthquakes", "weather forecasts", "statistics", "probability", "fractions",
      "geometry", "poetry", "novels", "music practice", "painting", "photography", "film",
      "friendship", "parenting", "pets", "first aid", "exercise", "focus",
  };
  std::vector<std::string> all;
  for (const auto& topic : kTopics) {
    for (const auto& t : kTemplates) all.push_back(fmt::format(fmt::runtime(t), topic));
  }
  std::vector<std::pair<std::uint64_t, std::size_t>> order;
  for (std::size_t i = 0; i < all.size(); ++i) order.emplace_back(MixHash(seed, i), i);
  std::sort(order.begin(), order.end());
  std::vector<std::string> out;
  for (int i = 0; i < count && i < static_cast<int>(order.size()); ++i) {
    out.push_back(all[order[i].second]);
  }
  return out;
}

struct LabModel {
  std::string name;
  SimRecipe recipe;
  std::string voice;
  std::string teacher;  // "" independent
  double fraction = 0;
};

// Answers of every lab model to the prompts, one sample at temperature 0.8.
SignalPanel LabPanel(const std::vector<LabModel>& models, const std::vector<std::string>& prompts,
                     std::uint64_t seed) {
  PanelAnswers answers;
  for (const auto& m : models) answers.models.push_back(m.name);
  for (std::size_t p = 0; p < prompts.size(); ++p) answers.prompts.push_back("lab/" + std::to_string(p));
  answers.Resize();
  std::vector<std::shared_ptr<const SimModel>> built;
  for (const auto& m : models) built.push_back(BuildSimModel(m.recipe));
  ParallelFor(models.size() * prompts.size(), 2, [&](std::size_t i) {
    const std::size_t m = i / prompts.size(), p = i % prompts.size();
    SimSampling sampling;
    sampling.temperature = 0.8;
    sampling.max_tokens = 120;
    sampling.seed = MixHash(seed, i);
    answers.answers[answers.AnswerIndex(m, p)] = {built[m]->Answer(prompts[p], sampling)};
  });
  for (std::size_t m = 0; m < models.size(); ++m) answers.ok_records[m] = static_cast<int>(prompts.size());
  return BuildSignalPanel(std::move(answers), {}, {}, 2);
}

struct PairRow {
  std::string panel;     // for leave-one-panel-out
  std::string suspect, candidate;
  bool positive = false;
  double fraction = 0;   // lab: distillation fraction toward this candidate (0 = independent)
  int prompts = 0;
  std::string strength;  // devset: strong/medium/weak/negative
  CandidateVerdict verdict;
  int rank = 0;          // 1 = top-ranked candidate of its query
};

// One lab panel: teachers, plain voices, and students of the given fractions.
std::vector<PairRow> RunLabPanel(const std::string& panel_name, int prompt_count,
                                 const std::vector<double>& fractions, std::uint64_t seed,
                                 const ProvenanceOptions& options) {
  std::vector<LabModel> models;
  models.push_back({"teacher-a", {"cheerful", 4, "", 0, 0, 1}, "cheerful", "", 0});
  models.push_back({"teacher-b", {"scholar", 4, "", 0, 0, 1}, "scholar", "", 0});
  for (const char* voice : {"terse", "friendly", "stepwise"}) {
    for (int order : {3, 4}) {
      models.push_back({fmt::format("{}-o{}", voice, order), {voice, order, "", 0, 0, 1}, voice, "", 0});
    }
  }
  for (const char* voice : {"terse", "friendly"}) {
    for (const char* teacher : {"teacher-a", "teacher-b"}) {
      for (double f : fractions) {
        if (f <= 0) continue;
        SimRecipe recipe{voice, 4, teacher, f, 0, MixHash(seed, StableHash64(voice) ^ StableHash64(teacher))};
        models.push_back({fmt::format("{}<-{}@{}", voice, teacher, f), recipe, voice, teacher, f});
      }
    }
  }
  const auto prompts = LabPrompts(prompt_count, seed);
  const SignalPanel panel = LabPanel(models, prompts, seed);
  auto index = [&](const std::string& name) {
    for (std::size_t i = 0; i < models.size(); ++i) {
      if (models[i].name == name) return static_cast<int>(i);
    }
    return -1;
  };
  std::vector<ProvenanceQuery> queries;
  for (std::size_t s = 0; s < models.size(); ++s) {
    const auto& m = models[s];
    const bool student = !m.teacher.empty();
    const bool independent = m.teacher.empty() && m.recipe.order == 4 && m.voice != "stepwise" &&
                             m.voice != "cheerful" && m.voice != "scholar";
    if (!student && !independent) continue;
    if (!student && std::find(fractions.begin(), fractions.end(), 0.0) == fractions.end()) continue;
    ProvenanceQuery q;
    q.suspect = static_cast<int>(s);
    q.candidates = {index("teacher-a"), index("teacher-b")};
    // Controls: the plain models of the other voices (not the suspect's own voice: see
    // README.provenance.md on base-family controls).
    for (std::size_t c = 0; c < models.size(); ++c) {
      if (models[c].teacher.empty() && models[c].voice != m.voice && models[c].voice != "cheerful" &&
          models[c].voice != "scholar") {
        q.controls.push_back(static_cast<int>(c));
      }
    }
    queries.push_back(q);
  }
  const auto verdicts = RunProvenance(panel, queries, options);
  std::vector<PairRow> rows;
  for (std::size_t qi = 0; qi < queries.size(); ++qi) {
    const auto& m = models[queries[qi].suspect];
    for (const auto& c : verdicts[qi].candidates) {
      PairRow row;
      row.panel = panel_name;
      row.suspect = m.name;
      row.candidate = c.model;
      row.positive = m.teacher == c.model;
      row.fraction = row.positive ? m.fraction : 0;
      row.prompts = prompt_count;
      row.verdict = c;
      row.rank = static_cast<int>(std::find(verdicts[qi].ranking.begin(), verdicts[qi].ranking.end(),
                                            c.model) - verdicts[qi].ranking.begin()) + 1;
      rows.push_back(row);
    }
  }
  return rows;
}

std::vector<PairRow> RunLab(int reps, const ProvenanceOptions& options) {
  std::vector<PairRow> rows;
  const std::vector<double> fractions = {0, 0.05, 0.1, 0.25, 0.5, 1.0};
  for (int rep = 0; rep < reps; ++rep) {
    auto part = RunLabPanel(fmt::format("lab-fraction-{}", rep), 200, fractions, 100 + rep, options);
    rows.insert(rows.end(), part.begin(), part.end());
    for (int n : {25, 50, 100, 400, 800}) {
      auto more = RunLabPanel(fmt::format("lab-n{}-{}", n, rep), n, {0, 0.25}, 200 + 17 * rep + n, options);
      rows.insert(rows.end(), more.begin(), more.end());
    }
    fmt::print(stderr, "lab rep {} done ({} rows)\n", rep, rows.size());
  }
  return rows;
}

bool AboveInconclusive(const CandidateVerdict& v) {
  return v.verdict == Verdict::kStrong || v.verdict == Verdict::kModerate;
}

void PrintLab(const std::vector<PairRow>& rows) {
  fmt::print("\n## Simulated lab (1 sample/prompt, 2 candidate teachers, 4 controls)\n\n");
  fmt::print("| condition | pairs | strong | moderate+ (detected) | mean P |\n|---|---|---|---|---|\n");
  auto line = [&](const std::string& label, auto keep) {
    int n = 0, strong = 0, detected = 0;
    double p = 0;
    for (const auto& r : rows) {
      if (!keep(r)) continue;
      ++n;
      strong += r.verdict.verdict == Verdict::kStrong;
      detected += AboveInconclusive(r.verdict);
      p += std::isnan(r.verdict.probability) ? 0 : r.verdict.probability;
    }
    if (n == 0) return;
    fmt::print("| {} | {} | {} ({:.0f}%) | {} ({:.0f}%) | {:.2f} |\n", label, n, strong,
               100.0 * strong / n, detected, 100.0 * detected / n, p / n);
  };
  for (double f : {0.05, 0.1, 0.25, 0.5, 1.0}) {
    line(fmt::format("fraction {:.0f}%, 200 prompts", 100 * f), [&](const PairRow& r) {
      return r.positive && r.fraction == f && r.prompts == 200;
    });
  }
  for (int n : {25, 50, 100, 200, 400, 800}) {
    line(fmt::format("fraction 25%, {} prompts", n), [&](const PairRow& r) {
      return r.positive && r.fraction == 0.25 && r.prompts == n;
    });
  }
  line("independent pairs (false positives), all panels", [](const PairRow& r) { return !r.positive; });
  line("independent pairs, fraction-0 suspects only", [](const PairRow& r) {
    return !r.positive && r.suspect.find("<-") == std::string::npos;
  });
  int correct = 0, students = 0;
  for (const auto& r : rows) {
    if (r.positive && r.fraction >= 0.25) {
      ++students;
      correct += r.rank == 1;
    }
  }
  fmt::print("\nTop-1 teacher attribution, students at >= 25%: {}/{}\n", correct, students);
}

// ---- the development set -----------------------------------------------------------------

struct DevSet {
  SignalPanel panel;
  nlohmann::json pairs;
};

SignalPanel ReadJsonlPanel(const std::string& file) {
  std::ifstream in(file);
  PanelAnswers answers;
  std::map<std::string, std::size_t> model_index, prompt_index;
  std::vector<std::tuple<std::size_t, std::size_t, std::string>> rows;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    const auto row = nlohmann::json::parse(line);
    const std::string model = row["model"], prompt = row["prompt_id"];
    auto m = model_index.emplace(model, answers.models.size());
    if (m.second) answers.models.push_back(model);
    auto p = prompt_index.emplace(prompt, answers.prompts.size());
    if (p.second) answers.prompts.push_back(prompt);
    rows.emplace_back(m.first->second, p.first->second, row["output"].get<std::string>());
  }
  answers.Resize();
  for (auto& [m, p, out] : rows) {
    answers.answers[answers.AnswerIndex(m, p)].push_back(std::move(out));
    ++answers.ok_records[m];
  }
  return BuildSignalPanel(std::move(answers), {}, {}, 2);
}

// Mean per-prompt word 1-2-gram Jaccard: the naive baseline's similarity.
double Jaccard12(const SignalPanel& panel, int a, int b) {
  double sum = 0;
  int n = 0;
  for (std::size_t p = 0; p < panel.Prompts(); ++p) {
    const auto& wa = panel.Words(a, p);
    const auto& wb = panel.Words(b, p);
    if (wa.empty() || wb.empty()) continue;
    auto grams = [](const std::vector<std::uint64_t>& w) {
      std::set<std::uint64_t> g(w.begin(), w.end());
      for (std::size_t i = 0; i + 1 < w.size(); ++i) g.insert(MixHash(w[i], w[i + 1]));
      return g;
    };
    const auto ga = grams(wa[0]), gb = grams(wb[0]);
    std::size_t common = 0;
    for (auto g : ga) common += gb.count(g);
    const std::size_t uni = ga.size() + gb.size() - common;
    sum += uni == 0 ? 1.0 : double(common) / uni;
    ++n;
  }
  return n == 0 ? 0 : sum / n;
}

struct DevResult {
  double auc = 0;
  int top1 = 0, top1_total = 0, negatives_strong = 0, negatives = 0, positives = 0;
  double base_auc = 0;
  int base_top1 = 0, base_strong = 0;
  std::vector<PairRow> rows;
  std::vector<std::string> notes;
};

DevResult RunDevSet(const std::string& dir, const ProvenanceOptions& options) {
  DevResult result;
  const SignalPanel panel = ReadJsonlPanel(dir + "/mt_bench.jsonl");
  std::ifstream pin(dir + "/pairs.json");
  const auto pairs = nlohmann::json::parse(pin);
  const auto& models = panel.answers.models;
  auto index = [&](const std::string& name) {
    return static_cast<int>(std::find(models.begin(), models.end(), name) - models.begin());
  };
  const std::vector<std::string> candidates = {"gpt-3.5-turbo", "gpt-4", "claude-v1",
                                               "claude-instant-v1", "palm-2-chat-bison-001"};
  const std::vector<std::string> controls = {"guanaco-33b", "guanaco-65b", "oasst-sft-4-pythia-12b",
                                             "oasst-sft-7-llama-30b", "dolly-v2-12b",
                                             "h2ogpt-oasst-open-llama-13b", "llama-13b",
                                             "lima-whole-13b"};
  std::vector<std::string> suspects;
  for (const auto& p : pairs["positive_pairs"]["mt_bench"]) suspects.push_back(p[0]);
  for (const auto& p : pairs["negative_pairs"]["mt_bench"]) suspects.push_back(p[0]);
  std::sort(suspects.begin(), suspects.end());
  suspects.erase(std::unique(suspects.begin(), suspects.end()), suspects.end());
  std::vector<ProvenanceQuery> queries;
  for (const auto& s : suspects) {
    ProvenanceQuery q;
    q.suspect = index(s);
    for (const auto& c : candidates) q.candidates.push_back(index(c));
    for (const auto& c : controls) {
      if (c != s) q.controls.push_back(index(c));
    }
    queries.push_back(q);
  }
  const auto verdicts = RunProvenance(panel, queries, options);
  auto find = [&](const std::string& s, const std::string& t) -> const CandidateVerdict* {
    for (std::size_t i = 0; i < suspects.size(); ++i) {
      if (suspects[i] != s) continue;
      for (const auto& c : verdicts[i].candidates) {
        if (c.model == t) return &c;
      }
    }
    return nullptr;
  };
  auto top = [&](const std::string& s) {
    for (std::size_t i = 0; i < suspects.size(); ++i) {
      if (suspects[i] == s) return verdicts[i].ranking.front();
    }
    return std::string();
  };
  // Baseline: z of sim(S,T) against the controls and the other candidates.
  auto baseline_z = [&](const std::string& s, const std::string& t) {
    std::vector<double> ref;
    for (const auto& c : controls) {
      if (c != s) ref.push_back(Jaccard12(panel, index(s), index(c)));
    }
    for (const auto& c : candidates) {
      if (c != t) ref.push_back(Jaccard12(panel, index(s), index(c)));
    }
    double mean = 0, ss = 0;
    for (double x : ref) mean += x;
    mean /= ref.size();
    for (double x : ref) ss += (x - mean) * (x - mean);
    return (Jaccard12(panel, index(s), index(t)) - mean) / std::sqrt(ss / (ref.size() - 1));
  };
  std::vector<double> pos, neg, bpos, bneg;
  for (const auto& p : pairs["positive_pairs"]["mt_bench"]) {
    const std::string s = p[0], t = p[1], strength = p[2];
    const CandidateVerdict* v = find(s, t);
    PairRow row{"devset", s, t, true, 0, 160, strength, *v, 0};
    result.rows.push_back(row);
    pos.push_back(v->score);
    bpos.push_back(baseline_z(s, t));
    ++result.positives;
    if (strength == "strong") {
      ++result.top1_total;
      result.top1 += top(s) == t;
      double best = -1e9;
      std::string best_t;
      for (const auto& c : candidates) {
        const double z = baseline_z(s, c);
        if (z > best) best = z, best_t = c;
      }
      result.base_top1 += best_t == t;
      if (top(s) != t) result.notes.push_back(fmt::format("top-1 miss: {} ranked {} first", s, top(s)));
    }
  }
  for (const auto& p : pairs["negative_pairs"]["mt_bench"]) {
    const std::string s = p[0], t = p[1];
    const CandidateVerdict* v = find(s, t);
    result.rows.push_back({"devset", s, t, false, 0, 160, "negative", *v, 0});
    neg.push_back(v->score);
    const double z = baseline_z(s, t);
    bneg.push_back(z);
    ++result.negatives;
    result.negatives_strong += v->verdict == Verdict::kStrong;
    result.base_strong += z > 3;
  }
  result.auc = Auc(pos, neg);
  result.base_auc = Auc(bpos, bneg);
  return result;
}

void PrintDev(const DevResult& r) {
  fmt::print("\n## Development set (mt_bench, standard protocol)\n\n");
  fmt::print("| method | AUC ({} pos vs {} neg) | top-1 (strong) | negatives called strong |\n|---|---|---|---|\n",
             r.positives, r.negatives);
  fmt::print("| kinship provenance | {:.3f} | {}/{} | {}/{} |\n", r.auc, r.top1, r.top1_total,
             r.negatives_strong, r.negatives);
  fmt::print("| naive baseline (word 1-2-gram Jaccard z) | {:.3f} | {}/{} | {}/{} (z > 3) |\n",
             r.base_auc, r.base_top1, r.top1_total, r.base_strong, r.negatives);
  fmt::print("\n| suspect | candidate | label | verdict | P | combined p | z_s |\n|---|---|---|---|---|---|---|\n");
  for (const auto& row : r.rows) {
    fmt::print("| {} | {} | {} | {} | {:.3f} | {:.2g} | {:.2f} |\n", row.suspect, row.candidate,
               row.strength, VerdictName(row.verdict.verdict), row.verdict.probability,
               row.verdict.p_value, row.verdict.z_s);
  }
  for (const auto& n : r.notes) fmt::print("- {}\n", n);
}

// ---- calibration refit -------------------------------------------------------------------

nlohmann::json RowJson(const PairRow& r) {
  return {{"panel", r.panel}, {"suspect", r.suspect}, {"candidate", r.candidate},
          {"label", r.positive ? 1 : 0}, {"fraction", r.fraction}, {"prompts", r.prompts},
          {"strength", r.strength},
          {"x", {r.verdict.features.neg_log10_p, r.verdict.features.z_s,
                 r.verdict.features.beat_fraction}}};
}

struct Fit {
  std::vector<double> w;  // intercept, then the three features
};

// L2-penalised logistic regression by Newton's method; weights per row balance the sources;
// a feature whose weight comes out negative is dropped (set to 0) and the fit repeated, so
// the map stays monotone.
Fit FitLogistic(const std::vector<std::vector<double>>& x, const std::vector<int>& y,
                const std::vector<double>& weight) {
  const int d = 4;
  std::vector<bool> active(d, true);
  std::vector<double> w(d, 0);
  for (int round = 0; round < d; ++round) {
    std::fill(w.begin(), w.end(), 0.0);
    for (int iter = 0; iter < 100; ++iter) {
      std::vector<double> g(d, 0);
      std::vector<std::vector<double>> h(d, std::vector<double>(d, 0));
      for (std::size_t i = 0; i < x.size(); ++i) {
        const double xi[4] = {1, x[i][0], x[i][1], x[i][2]};
        double z = 0;
        for (int k = 0; k < d; ++k) z += w[k] * xi[k];
        const double p = 1 / (1 + std::exp(-z));
        for (int k = 0; k < d; ++k) {
          g[k] += weight[i] * (p - y[i]) * xi[k];
          for (int l = 0; l < d; ++l) h[k][l] += weight[i] * p * (1 - p) * xi[k] * xi[l];
        }
      }
      const double lambda = 0.1;
      for (int k = 1; k < d; ++k) {
        g[k] += lambda * w[k];
        h[k][k] += lambda;
      }
      for (int k = 0; k < d; ++k) {
        if (!active[k]) {
          for (int l = 0; l < d; ++l) h[k][l] = h[l][k] = 0;
          h[k][k] = 1;
          g[k] = 0;
        }
      }
      // Solve h * step = g (Gaussian elimination; d = 4).
      std::vector<std::vector<double>> a = h;
      std::vector<double> b = g;
      for (int c = 0; c < d; ++c) {
        int piv = c;
        for (int r = c + 1; r < d; ++r) if (std::fabs(a[r][c]) > std::fabs(a[piv][c])) piv = r;
        std::swap(a[c], a[piv]);
        std::swap(b[c], b[piv]);
        for (int r = c + 1; r < d; ++r) {
          const double f = a[r][c] / a[c][c];
          for (int k = c; k < d; ++k) a[r][k] -= f * a[c][k];
          b[r] -= f * b[c];
        }
      }
      std::vector<double> step(d, 0);
      for (int c = d - 1; c >= 0; --c) {
        double s = b[c];
        for (int k = c + 1; k < d; ++k) s -= a[c][k] * step[k];
        step[c] = s / a[c][c];
      }
      double change = 0;
      for (int k = 0; k < d; ++k) {
        w[k] -= step[k];
        change += std::fabs(step[k]);
      }
      if (change < 1e-9) break;
    }
    bool dropped = false;
    for (int k = 1; k < d; ++k) {
      if (active[k] && w[k] < 0) {
        active[k] = false;
        dropped = true;
      }
    }
    if (!dropped) break;
  }
  for (int k = 0; k < d; ++k) if (!active[k]) w[k] = 0;
  return {w};
}

double Predict(const Fit& f, const std::vector<double>& x) {
  return 1 / (1 + std::exp(-(f.w[0] + f.w[1] * x[0] + f.w[2] * x[1] + f.w[3] * x[2])));
}

int Refit(const std::string& rows_file, const std::string& out_file) {
  std::ifstream in(rows_file);
  const auto rows = nlohmann::json::parse(in);
  std::vector<std::vector<double>> x;
  std::vector<int> y;
  std::vector<std::string> panel;
  std::vector<double> weight;
  double lab_n = 0, dev_n = 0;
  for (const auto& r : rows) (r["panel"] == "devset" ? dev_n : lab_n) += 1;
  for (const auto& r : rows) {
    x.push_back(r["x"].get<std::vector<double>>());
    y.push_back(r["label"].get<int>());
    panel.push_back(r["panel"]);
    // The two sources weigh equally in total, whatever their row counts.
    weight.push_back(r["panel"] == "devset" ? 0.5 * (lab_n + dev_n) / dev_n
                                            : 0.5 * (lab_n + dev_n) / lab_n);
  }
  const Fit fit = FitLogistic(x, y, weight);
  // Leave-one-panel-out: refit without each panel and score it.
  std::set<std::string> panels(panel.begin(), panel.end());
  nlohmann::json lopo = nlohmann::json::array();
  fmt::print("leave-one-panel-out:\n| held-out panel | rows | log-loss | Brier | AUC |\n|---|---|---|---|---|\n");
  for (const auto& held : panels) {
    std::vector<std::vector<double>> xt;
    std::vector<int> yt;
    std::vector<double> wt;
    for (std::size_t i = 0; i < x.size(); ++i) {
      if (panel[i] != held) {
        xt.push_back(x[i]);
        yt.push_back(y[i]);
        wt.push_back(weight[i]);
      }
    }
    const Fit f = FitLogistic(xt, yt, wt);
    double loss = 0, brier = 0;
    int n = 0;
    std::vector<double> pos, neg;
    for (std::size_t i = 0; i < x.size(); ++i) {
      if (panel[i] != held) continue;
      const double p = std::clamp(Predict(f, x[i]), 1e-6, 1 - 1e-6);
      loss += -(y[i] * std::log(p) + (1 - y[i]) * std::log(1 - p));
      brier += (p - y[i]) * (p - y[i]);
      (y[i] ? pos : neg).push_back(p);
      ++n;
    }
    const double auc = pos.empty() || neg.empty() ? std::nan("") : Auc(pos, neg);
    fmt::print("| {} | {} | {:.3f} | {:.3f} | {:.3f} |\n", held, n, loss / n, brier / n, auc);
    lopo.push_back({{"panel", held}, {"rows", n}, {"log_loss", loss / n}, {"brier", brier / n},
                    {"auc", std::isnan(auc) ? nlohmann::json(nullptr) : nlohmann::json(auc)}});
  }
  int pos_n = 0;
  for (int v : y) pos_n += v;
  nlohmann::json out = {
      {"model", "logistic"},
      {"coefficients", {{"intercept", fit.w[0]}, {"neg_log10_p", fit.w[1]}, {"z_s", fit.w[2]},
                        {"beat_fraction", fit.w[3]}}},
      {"features", {"neg_log10_p: -log10 Cauchy-combined p, capped at 4",
                    "z_s: primary signal S-centric z among the controls, clamped to [-5, 10]",
                    "beat_fraction: share of available signals with IUT p < 0.01"}},
      {"fitted_on",
       fmt::format("{} labelled (suspect, candidate) pairs: {} from simulated lab panels (voices "
                   "terse/friendly, teachers cheerful/scholar, fractions 0-100%, 25-800 prompts, "
                   "1 sample) and {} from the development set (mt_bench, standard protocol); "
                   "{} positive; the two sources weighted equally; L2 0.1; weights constrained "
                   ">= 0",
                   y.size(), static_cast<int>(lab_n), static_cast<int>(dev_n), pos_n)},
      {"leave_one_panel_out", lopo}};
  std::ofstream o(out_file);
  o << out.dump(2) << "\n";
  fmt::print("coefficients: intercept {:.6f} neg_log10_p {:.6f} z_s {:.6f} beat_fraction {:.6f}\n",
             fit.w[0], fit.w[1], fit.w[2], fit.w[3]);
  return 0;
}

// ---- speed -------------------------------------------------------------------------------

int Speed(int model_count, int prompt_count) {
  const auto gen_start = Clock::now();
  // 20 distinct recipes; each answers with model_count / 20 sampling seeds, so every
  // "model" has its own answers (one sample per prompt).
  std::vector<SimRecipe> recipes;
  const auto voices = SimVoiceNames();
  for (int i = 0; i < 20; ++i) {
    SimRecipe r{voices[i % voices.size()], 3 + (i / 5) % 3, "", 0, 0, 1};
    if (i >= 10) {
      r.teacher = i % 2 ? "teacher-a" : "teacher-b";
      r.fraction = 0.1 * (1 + i % 5);
      r.seed = 50 + i;
    }
    recipes.push_back(r);
  }
  std::vector<std::shared_ptr<const SimModel>> built;
  for (const auto& r : recipes) built.push_back(BuildSimModel(r));
  const auto prompts = LabPrompts(prompt_count, 5);
  PanelAnswers answers;
  for (int m = 0; m < model_count; ++m) answers.models.push_back(fmt::format("m{:03}", m));
  for (int p = 0; p < prompt_count; ++p) answers.prompts.push_back("speed/" + std::to_string(p));
  answers.Resize();
  ParallelFor(static_cast<std::size_t>(model_count) * prompt_count, 2, [&](std::size_t i) {
    const std::size_t m = i / prompt_count, p = i % prompt_count;
    // Three paragraphs per answer: ~1.5 KB, the size of a real chat answer (the issue's
    // 160,000 answers are ~250 MB).
    std::string text;
    for (int part = 0; part < 3; ++part) {
      SimSampling sampling;
      sampling.temperature = 0.9;
      sampling.max_tokens = 250;
      sampling.seed = MixHash(MixHash(m, p), part);
      if (part > 0) text += "\n\n";
      text += built[m % built.size()]->Answer(prompts[p], sampling);
    }
    answers.answers[answers.AnswerIndex(m, p)] = {std::move(text)};
  });
  std::size_t bytes = 0;
  for (const auto& a : answers.answers) bytes += a.empty() ? 0 : a[0].size();
  const double gen_s = Seconds(gen_start);
  const double gen_rss = PeakRssMb();

  const auto start = Clock::now();
  const SignalPanel panel = BuildSignalPanel(std::move(answers), {}, {}, 2);
  const double panel_s = Seconds(start);
  WordNgramSignal::SetBuildThreads(2);
  double matrix_s = 0;
  for (const char* name : {"word-ngram-1-3", "first-1", "first-5", "first-20"}) {
    const auto t0 = Clock::now();
    auto prepared = FindSignal(name)->Prepare(panel, nullptr);
    SignalMatrix matrix = ComputeSignalMatrix(*prepared, panel.Models(), panel.Prompts(), false, 2);
    matrix_s += Seconds(t0);
  }
  const auto q0 = Clock::now();
  ProvenanceQuery q;
  q.suspect = 10;  // a student recipe
  for (int i = 0; i < 5; ++i) q.candidates.push_back(i);
  for (int i = 0; i < 12; ++i) q.controls.push_back(20 + i);
  ProvenanceOptions options;
  options.threads = 2;
  const auto v = RunProvenance(panel, {q}, options);
  const double query_s = Seconds(q0);
  const double total = Seconds(start);
  fmt::print("| {} | {} | {} | {:.0f} MB | {:.1f} s | {:.1f} s | {:.1f} s | {:.1f} s | {:.1f} s | {:.0f} MB | {:.0f} MB |\n",
             model_count, prompt_count, static_cast<long long>(model_count) * prompt_count,
             bytes / 1e6, gen_s, panel_s, matrix_s, query_s, total, gen_rss, PeakRssMb());
  (void)v;
  return 0;
}

}  // namespace
}  // namespace kinship

int main(int argc, char** argv) {
  using namespace kinship;
  const std::string mode = argc > 1 ? argv[1] : "";
  ProvenanceOptions options;
  options.threads = 2;
  if (mode == "lab") {
    options.bootstrap_resamples = 200;
    PrintLab(RunLab(argc > 2 ? std::atoi(argv[2]) : 2, options));
    return 0;
  }
  if (mode == "devset" && argc > 2) {
    std::ifstream probe(std::string(argv[2]) + "/mt_bench.jsonl");
    if (!probe.good()) {
      fmt::print("development set not found at {}: skipped\n", argv[2]);
      return 0;
    }
    options.bootstrap_resamples = 200;
    PrintDev(RunDevSet(argv[2], options));
    return 0;
  }
  if (mode == "features" && argc > 3) {
    options.bootstrap_resamples = 0;
    nlohmann::json out = nlohmann::json::array();
    for (const auto& r : RunLab(argc > 4 ? std::atoi(argv[4]) : 2, options)) out.push_back(RowJson(r));
    std::ifstream probe(std::string(argv[2]) + "/mt_bench.jsonl");
    if (probe.good()) {
      for (const auto& r : RunDevSet(argv[2], options).rows) out.push_back(RowJson(r));
    }
    std::ofstream o(argv[3]);
    o << out.dump() << "\n";
    fmt::print(stderr, "{} rows written to {}\n", out.size(), argv[3]);
    return 0;
  }
  if (mode == "refit" && argc > 3) return Refit(argv[2], argv[3]);
  if (mode == "speed" && argc > 3) {
    if (argc > 4) {
      fmt::print("| models | prompts | answers | text | generate | tokenise | lexical matrix (4 signals) | query | analysis total | peak RSS after generation | peak RSS |\n|---|---|---|---|---|---|---|---|---|---|---|\n");
    }
    return Speed(std::atoi(argv[2]), std::atoi(argv[3]));
  }
  std::fprintf(stderr,
               "usage: provenance_bench lab [REPS] | devset DIR | features DIR OUT [REPS] | "
               "refit ROWS OUT_JSON | speed MODELS PROMPTS [--header]\n");
  return 2;
}
