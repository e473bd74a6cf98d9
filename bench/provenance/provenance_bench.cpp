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
//   provenance_bench speed-jsonl MODELS PROMPTS OUT
//                                          the same answers as JSONL, for the CLI timing
// Validation data are read in place, never copied.
#include <sys/resource.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include "adapters/sim/sim_model.h"
#include "bench/bench_support.h"
#include "adapters/sim/sim_zoo.h"
#include "harness/core/hash.h"
#include "harness/provenance/calibration.h"
#include "harness/provenance/evidence_score.h"
#include "harness/provenance/provenance_query.h"
#include "harness/signals/builtin_signals.h"
#include "harness/signals/lexical_signals.h"
#include "harness/core/parallel_for.h"
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
    // README.md "Provenance" on base-family controls).
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

// A row's field as text: strings as they are, integers (prompt ids) in decimal, anything
// else (missing, null) as "".
std::string RowText(const nlohmann::json& row, const char* key) {
  const auto it = row.find(key);
  if (it == row.end()) return "";
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number_integer()) return it->dump();
  return "";
}

// The answers of a development file. A held-out file may record a failed generation as a
// null output or leave a row incomplete: such rows are left out, and counted on stderr,
// rather than stopping the benchmark.
SignalPanel ReadJsonlPanel(const std::string& file) {
  std::ifstream in(file);
  PanelAnswers answers;
  std::map<std::string, std::size_t> model_index, prompt_index;
  std::vector<std::tuple<std::size_t, std::size_t, std::string>> rows;
  std::string line;
  std::size_t left_out = 0;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    const auto row = nlohmann::json::parse(line, nullptr, false);
    const bool usable = row.is_object() && row.contains("output") && row["output"].is_string();
    const std::string model = usable ? RowText(row, "model") : "";
    const std::string prompt = usable ? RowText(row, "prompt_id") : "";
    if (model.empty() || prompt.empty()) {
      ++left_out;
      continue;
    }
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
  if (left_out > 0) {
    fmt::print(stderr, "{}: {} row(s) without a model, prompt_id or string output left out\n",
               file, left_out);
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
  std::string set;
  double auc = 0;
  double brier = 0;  // of the calibrated probability over the labelled pairs
  int top1 = 0, top1_total = 0, negatives_strong = 0, negatives = 0, positives = 0;
  double base_auc = 0;
  int base_top1 = 0, base_strong = 0;
  // top-1 where the first-ranked candidate is the labelled teacher or is named in the
  // suspect's documented teacher (pairs.json sources, e.g. "gpt-3.5-turbo (mostly; some
  // gpt-4)"): a supplementary figure beside the standard one, for documented mixtures.
  int top1_documented = 0;
  std::vector<PairRow> rows;
  std::vector<std::string> notes;
};

// Who is asked about whom. `mt_bench`: the standard protocol of ../shared/validation/README.md
// (fixed candidates and human-data controls, those of them the file holds). Every other set
// pairs.json names (`vicuna_bench80` here; a held-out panel may name others): its README names
// no protocol, so one rule is applied to what the set holds. The candidates are the teachers
// its pairs name. A suspect's controls are the other models that are neither a candidate, nor
// of the suspect's family (pairs.json `sources`), nor a documented student of a candidate (a
// student of T as a control would hide T); of those, models whose `sources` entry says they
// were trained on some model's outputs (`on_outputs` "yes...") are dropped too, unless that
// would leave fewer than two controls. Pairs naming a model the file lacks are skipped, with
// a note.
struct LabelledPair {
  std::string suspect, teacher, strength;  // strength "negative" for a negative pair
};

struct DevProtocol {
  std::string set;
  SignalPanel panel;
  nlohmann::json pairs;
  std::vector<std::string> candidates;
  std::vector<LabelledPair> positives, negatives;  // those whose models the file holds
  std::vector<std::string> suspects;     // sorted, unique
  std::vector<ProvenanceQuery> queries;  // one per suspect, same order
  std::vector<std::string> notes;
  std::vector<std::string> control_subset;  // when non-empty, the only controls allowed

  int Index(const std::string& name) const {
    const auto& models = panel.answers.models;
    return static_cast<int>(std::find(models.begin(), models.end(), name) - models.begin());
  }
  bool Has(const std::string& name) const {
    return Index(name) < static_cast<int>(panel.answers.models.size());
  }
  bool StandardProtocol() const { return set == "mt_bench"; }
};

// The controls of the protocol, before any subset.
std::vector<std::string> DevProtocolControlsFor(const DevProtocol& d, const std::string& suspect) {
  std::vector<std::string> out;
  if (d.StandardProtocol()) {
    for (const char* c : {"guanaco-33b", "guanaco-65b", "oasst-sft-4-pythia-12b",
                          "oasst-sft-7-llama-30b", "dolly-v2-12b", "h2ogpt-oasst-open-llama-13b",
                          "llama-13b", "lima-whole-13b"}) {
      if (c != suspect && d.Has(c)) out.push_back(c);
    }
    return out;
  }
  // The suspect's own family stays among its controls (README.md, "How to read it"): a
  // model resembles its siblings whoever taught it, and siblings that are students are
  // left out below anyway.
  std::map<std::string, std::string> on_outputs;
  for (const auto& source : d.pairs.value("sources", nlohmann::json::object())
                                .value(d.set, nlohmann::json::array())) {
    on_outputs[RowText(source, "model")] = RowText(source, "on_outputs");
  }
  std::set<std::string> students;
  for (const auto& p : d.positives) students.insert(p.suspect);
  std::vector<std::string> distilled;  // eligible, but trained on some model's outputs
  for (const auto& m : d.panel.answers.models) {
    const bool candidate = std::find(d.candidates.begin(), d.candidates.end(), m) != d.candidates.end();
    if (m == suspect || candidate || students.count(m)) continue;
    (on_outputs[m].rfind("yes", 0) == 0 ? distilled : out).push_back(m);
  }
  if (out.size() < 2) out.insert(out.end(), distilled.begin(), distilled.end());
  return out;
}

// The controls a suspect's question uses: the protocol's, limited to d.control_subset.
std::vector<std::string> DevControlsFor(const DevProtocol& d, const std::string& suspect) {
  std::vector<std::string> out = DevProtocolControlsFor(d, suspect);
  if (d.control_subset.empty()) return out;
  std::erase_if(out, [&](const std::string& c) {
    return std::find(d.control_subset.begin(), d.control_subset.end(), c) == d.control_subset.end();
  });
  return out;
}

// True when `candidate` is named, as a whole word, in the `teacher` text of `suspect`'s
// pairs.json `sources` entry ("gpt-3.5-turbo (mostly; some gpt-4)" names both GPT teachers).
bool DocumentedTeacherMention(const DevProtocol& d, const std::string& suspect,
                              const std::string& candidate) {
  for (const auto& source : d.pairs.value("sources", nlohmann::json::object())
                                .value(d.set, nlohmann::json::array())) {
    if (RowText(source, "model") != suspect) continue;
    const std::string teacher = RowText(source, "teacher");
    auto word_char = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.'; };
    for (std::size_t at = teacher.find(candidate); at != std::string::npos;
         at = teacher.find(candidate, at + 1)) {
      const std::size_t end = at + candidate.size();
      const bool starts = at == 0 || !word_char(teacher[at - 1]);
      const bool ends = end == teacher.size() || !word_char(teacher[end]);
      if (starts && ends) return true;
    }
  }
  return false;
}

// One query per suspect, with the controls DevControlsFor gives (so d->control_subset
// applies); replaces d->queries.
void BuildDevQueries(DevProtocol* d) {
  d->queries.clear();
  for (const auto& s : d->suspects) {
    ProvenanceQuery q;
    q.suspect = d->Index(s);
    for (const auto& c : d->candidates) q.candidates.push_back(d->Index(c));
    for (const auto& c : DevControlsFor(*d, s)) q.controls.push_back(d->Index(c));
    d->queries.push_back(q);
  }
}

// A pairs.json pair: an array whose first two entries are model names.
bool WellFormedPair(const nlohmann::json& p) {
  return p.is_array() && p.size() >= 2 && p[0].is_string() && p[1].is_string();
}

DevProtocol ReadDevProtocol(const std::string& dir, const std::string& set) {
  DevProtocol d;
  d.set = set;
  d.panel = ReadJsonlPanel(dir + "/" + set + ".jsonl");
  std::ifstream pin(dir + "/pairs.json");
  d.pairs = nlohmann::json::parse(pin);
  const auto listed = [&](const char* key) {
    return d.pairs.value(key, nlohmann::json::object()).value(set, nlohmann::json::array());
  };
  if (d.StandardProtocol()) {
    for (const char* c : {"gpt-3.5-turbo", "gpt-4", "claude-v1", "claude-instant-v1",
                          "palm-2-chat-bison-001"}) {
      if (d.Has(c)) d.candidates.push_back(c);
    }
  } else {
    for (const char* key : {"positive_pairs", "negative_pairs"}) {
      for (const auto& p : listed(key)) {
        if (!WellFormedPair(p)) continue;  // noted below
        const std::string t = p[1];
        if (d.Has(t) && std::find(d.candidates.begin(), d.candidates.end(), t) == d.candidates.end()) {
          d.candidates.push_back(t);
        }
      }
    }
  }
  for (const char* key : {"positive_pairs", "negative_pairs"}) {
    const bool positive = std::string(key) == "positive_pairs";
    for (const auto& p : listed(key)) {
      if (!WellFormedPair(p)) {
        d.notes.push_back(fmt::format("skipped {} entry {}: not [model, teacher, ...] strings", key,
                                      p.dump()));
        continue;
      }
      // A positive pair without a strength counts as strong (in top-1).
      const std::string strength =
          p.size() > 2 && p[2].is_string() ? p[2].get<std::string>() : "strong";
      LabelledPair pair{p[0], p[1], positive ? strength : "negative"};
      const bool candidate = std::find(d.candidates.begin(), d.candidates.end(), pair.teacher) !=
                             d.candidates.end();
      if (!d.Has(pair.suspect) || !candidate) {
        d.notes.push_back(fmt::format("skipped {} pair {} -> {}: {} not in the file{}", key,
                                      pair.suspect, pair.teacher,
                                      d.Has(pair.suspect) ? pair.teacher : pair.suspect,
                                      d.Has(pair.suspect) ? " as a candidate" : ""));
        continue;
      }
      (positive ? d.positives : d.negatives).push_back(pair);
      d.suspects.push_back(pair.suspect);
    }
  }
  std::sort(d.suspects.begin(), d.suspects.end());
  d.suspects.erase(std::unique(d.suspects.begin(), d.suspects.end()), d.suspects.end());
  BuildDevQueries(&d);
  return d;
}

DevResult RunDevSet(const DevProtocol& d, const ProvenanceOptions& options) {
  DevResult result;
  result.set = d.set;
  const std::string& set = d.set;
  result.notes = d.notes;
  const SignalPanel& panel = d.panel;
  const auto& candidates = d.candidates;
  const auto& suspects = d.suspects;
  const auto& queries = d.queries;
  auto index = [&](const std::string& name) { return d.Index(name); };
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
    for (const auto& c : DevControlsFor(d, s)) ref.push_back(Jaccard12(panel, index(s), index(c)));
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
  const int prompts = static_cast<int>(panel.Prompts());
  const std::string panel_name = set == "mt_bench" ? "devset" : set;
  for (const auto& p : d.positives) {
    const std::string& s = p.suspect;
    const std::string& t = p.teacher;
    const std::string& strength = p.strength;
    const CandidateVerdict* v = find(s, t);
    PairRow row{panel_name, s, t, true, 0, prompts, strength, *v, 0};
    result.rows.push_back(row);
    pos.push_back(v->probability);
    result.brier += (1 - v->probability) * (1 - v->probability);
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
      if (top(s) != t) {
        const bool secondary = DocumentedTeacherMention(d, s, top(s));
        result.top1_documented += secondary ? 1 : 0;
        result.notes.push_back(fmt::format("top-1 miss: {} ranked {} first{}", s, top(s),
                                           secondary ? " (named in its documented teacher)" : ""));
      } else {
        ++result.top1_documented;
      }
    }
  }
  for (const auto& p : d.negatives) {
    const std::string& s = p.suspect;
    const std::string& t = p.teacher;
    const CandidateVerdict* v = find(s, t);
    result.rows.push_back({panel_name, s, t, false, 0, prompts, "negative", *v, 0});
    neg.push_back(v->probability);
    result.brier += v->probability * v->probability;
    const double z = baseline_z(s, t);
    bneg.push_back(z);
    ++result.negatives;
    result.negatives_strong += v->verdict == Verdict::kStrong;
    result.base_strong += z > 3;
  }
  result.auc = Auc(pos, neg);
  result.brier /= result.positives + result.negatives;
  result.base_auc = Auc(bpos, bneg);
  return result;
}

void PrintDev(const DevResult& r) {
  fmt::print("\n## Development set ({}, {})\n\n", r.set,
             r.set == "mt_bench" ? "standard protocol" : "no named protocol: the rule of bench/README.md");
  fmt::print("| method | AUC ({} pos vs {} neg) | top-1 (strong) | negatives called strong | Brier |\n|---|---|---|---|---|\n",
             r.positives, r.negatives);
  fmt::print("| kinship provenance | {:.3f} | {}/{} | {}/{} | {:.3f} |\n", r.auc, r.top1,
             r.top1_total, r.negatives_strong, r.negatives, r.brier);
  fmt::print("| naive baseline (word 1-2-gram Jaccard z) | {:.3f} | {}/{} | {}/{} (z > 3) | |\n",
             r.base_auc, r.base_top1, r.top1_total, r.base_strong, r.negatives);
  fmt::print("\nSupplementary, not the protocol's figure: top-1 {}/{} when a candidate named in the "
             "suspect's documented teacher (pairs.json `sources`, e.g. \"gpt-3.5-turbo (mostly; "
             "some gpt-4)\") also counts.\n",
             r.top1_documented, r.top1_total);
  fmt::print("\n| suspect | candidate | label | verdict | P | evidence z | combined p | S-centric p | z_s |\n|---|---|---|---|---|---|---|---|---|\n");
  for (const auto& row : r.rows) {
    fmt::print("| {} | {} | {} | {} | {:.3f} | {:.2f} | {:.2g} | {:.2g} | {:.2f} |\n", row.suspect,
               row.candidate, row.strength, VerdictName(row.verdict.verdict),
               row.verdict.probability, row.verdict.evidence_z, row.verdict.p_value,
               row.verdict.s_centric_p_value, row.verdict.z_s);
  }
  for (const auto& n : r.notes) fmt::print("- {}\n", n);
}

DevResult RunDevSet(const std::string& dir, const std::string& set,
                    const ProvenanceOptions& options) {
  return RunDevSet(ReadDevProtocol(dir, set), options);
}

// ---- sensitivity to the control panel ----------------------------------------------------

// mt_bench under the standard protocol, each time with a seeded random `k` of its 8
// controls: how much the figures depend on which independent models are the controls (a
// held-out panel will have others). The naive baseline uses the same controls.
void RunDevControlSubsets(const std::string& dir, int reps, int k,
                          const ProvenanceOptions& options) {
  DevProtocol d = ReadDevProtocol(dir, "mt_bench");  // read and tokenised once
  const std::vector<std::string> controls = DevProtocolControlsFor(d, "");
  fmt::print("\n## Development set (mt_bench), {} random draws of {} of the {} controls\n\n", reps,
             k, controls.size());
  fmt::print("| draw | controls | AUC | top-1 | negatives strong | baseline AUC | baseline top-1 |\n"
             "|---|---|---|---|---|---|---|\n");
  std::vector<double> aucs, base_aucs;
  std::vector<int> top1s;
  for (int rep = 0; rep < reps; ++rep) {
    std::vector<std::string> draw = controls;
    std::mt19937_64 rng(MixHash(0x636f6e74726f6cULL, static_cast<std::uint64_t>(rep)));
    std::shuffle(draw.begin(), draw.end(), rng);
    draw.resize(std::min<std::size_t>(static_cast<std::size_t>(k), draw.size()));
    std::sort(draw.begin(), draw.end());
    d.control_subset = draw;
    BuildDevQueries(&d);
    const DevResult r = RunDevSet(d, options);
    std::string names;
    for (const auto& c : draw) names += (names.empty() ? "" : ", ") + c;
    fmt::print("| {} | {} | {:.3f} | {}/{} | {}/{} | {:.3f} | {}/{} |\n", rep + 1, names, r.auc,
               r.top1, r.top1_total, r.negatives_strong, r.negatives, r.base_auc, r.base_top1,
               r.top1_total);
    std::fflush(stdout);
    aucs.push_back(r.auc);
    base_aucs.push_back(r.base_auc);
    top1s.push_back(r.top1);
  }
  auto range = [](std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return fmt::format("{:.3f}-{:.3f}, median {:.3f}", v.front(), v.back(), v[v.size() / 2]);
  };
  std::sort(top1s.begin(), top1s.end());
  fmt::print("\nAUC {}; top-1 {}-{}; baseline AUC {}\n", range(aucs), top1s.front(), top1s.back(),
             range(base_aucs));
}

// ---- per-signal diagnostic on the development set ---------------------------------------

// For each signal: AUC and top-1 under the standard protocol when the candidate's score is
// the signal's z of mean sim(S,T) against (a) the controls' mean sim(S,C_j) (S-centric, the
// score RunProvenance averages), (b) the controls and the other candidates (the naive
// baseline's reference), (c) the controls' mean sim(C_j,T) (T-centric). Diagnostic only:
// it says which signals carry information on real data; nothing is fitted to it.
void RunDevSignals(const std::string& dir, const std::string& set,
                   std::vector<std::string> signals) {
  const DevProtocol d = ReadDevProtocol(dir, set);
  if (signals.empty()) {
    for (const Signal* signal : BuiltinSignals()) signals.emplace_back(signal->Name());
  }
  SignalRoles roles;
  for (const auto& q : d.queries) roles.suspects.push_back(q.suspect);
  for (const auto& c : d.candidates) roles.candidates.push_back(d.Index(c));
  for (const auto& q : d.queries) {
    roles.controls.insert(roles.controls.end(), q.controls.begin(), q.controls.end());
  }
  for (auto* list : {&roles.suspects, &roles.controls}) {
    std::sort(list->begin(), list->end());
    list->erase(std::unique(list->begin(), list->end()), list->end());
  }
  fmt::print("\n## Development set ({}): each signal alone (z of mean sim(S,T))\n\n", set);
  fmt::print("| signal | AUC S-centric | top-1 | AUC vs controls+candidates | top-1 | AUC T-centric | top-1 |\n|---|---|---|---|---|---|---|\n");
  for (const auto& name : signals) {
    const Signal* signal = FindSignal(name);
    if (signal == nullptr) continue;
    if (auto why = signal->Unavailable(d.panel)) {
      fmt::print("| {} | unavailable: {} | | | | | |\n", name, *why);
      continue;
    }
    const auto prepared = signal->Prepare(d.panel, &roles);
    std::map<std::pair<int, int>, double> mean;
    auto sim = [&](int a, int b) {
      auto it = mean.find({a, b});
      if (it != mean.end()) return it->second;
      return mean[{a, b}] = MeanSkippingNaN(prepared->PerPrompt(a, b));
    };
    // score[kind][(suspect, candidate)]
    std::map<std::pair<std::string, std::string>, std::array<double, 3>> score;
    for (std::size_t qi = 0; qi < d.queries.size(); ++qi) {
      const auto& q = d.queries[qi];
      for (int t : q.candidates) {
        std::vector<double> s_c, ref, c_t;
        for (int c : q.controls) {
          s_c.push_back(sim(q.suspect, c));
          c_t.push_back(sim(c, t));
        }
        ref = s_c;
        for (int u : q.candidates) {
          if (u != t) ref.push_back(sim(q.suspect, u));
        }
        const double st = sim(q.suspect, t);
        score[{d.suspects[qi], d.panel.answers.models[t]}] = {ControlZ(st, s_c), ControlZ(st, ref),
                                                               ControlZ(st, c_t)};
      }
    }
    if (const char* tsv = std::getenv("DEVSET_Z_TSV")) {
      // One line per (suspect, candidate): the reference z (kind b), for prototyping scores
      // that combine signals (bench/README.md).
      std::ofstream out(tsv, std::ios::app);
      for (const auto& [pair, z] : score) {
        out << set << '\t' << pair.first << '\t' << pair.second << '\t' << name << '\t' << z[1]
            << '\n';
      }
    }
    std::string line = "| " + name;
    for (int kind = 0; kind < 3; ++kind) {
      std::vector<double> pos, neg;
      for (const auto& p : d.positives) pos.push_back(score[{p.suspect, p.teacher}][kind]);
      for (const auto& p : d.negatives) neg.push_back(score[{p.suspect, p.teacher}][kind]);
      int top1 = 0, total = 0;
      for (const auto& p : d.positives) {
        if (p.strength != "strong") continue;
        ++total;
        std::string best;
        double best_score = -1e300;
        for (const auto& c : d.candidates) {
          const double v = score[{p.suspect, c}][kind];
          if (v > best_score) best_score = v, best = c;
        }
        top1 += best == p.teacher;
      }
      line += fmt::format(" | {:.3f} | {}/{}", Auc(pos, neg), top1, total);
    }
    fmt::print("{} |\n", line);
    std::fflush(stdout);
  }
  for (const auto& n : d.notes) fmt::print("- {}\n", n);
}

// Runs `each` for every set pairs.json in `dir` has positive pairs for and whose
// `<set>.jsonl` is present: mt_bench (the standard protocol) first, then the others in name
// order (vicuna_bench80, the second check; a held-out panel may name other sets). A skip
// message when there is no pairs.json or no such file.
template <typename Each>
void ForEachDevFile(const std::string& dir, Each each) {
  std::ifstream pin(dir + "/pairs.json");
  std::vector<std::string> sets;
  if (pin.good()) {
    const auto pairs = nlohmann::json::parse(pin, nullptr, /*allow_exceptions=*/false);
    if (pairs.is_object() && pairs.contains("positive_pairs") && pairs["positive_pairs"].is_object()) {
      for (const auto& [set, list] : pairs["positive_pairs"].items()) {
        if (std::ifstream(dir + "/" + set + ".jsonl").good()) sets.push_back(set);
      }
    }
  }
  if (sets.empty()) {
    fmt::print("development set not found at {} (no pairs.json naming a <set>.jsonl there): "
               "skipped\n", dir);
    return;
  }
  std::stable_sort(sets.begin(), sets.end(), [](const std::string& a, const std::string& b) {
    return (a == "mt_bench") > (b == "mt_bench");
  });
  for (const auto& set : sets) each(set);
}

// ---- calibration refit -------------------------------------------------------------------

nlohmann::json RowJson(const PairRow& r) {
  return {{"panel", r.panel}, {"suspect", r.suspect}, {"candidate", r.candidate},
          {"label", r.positive ? 1 : 0}, {"fraction", r.fraction}, {"prompts", r.prompts},
          {"strength", r.strength},
          {"x", {r.verdict.features.evidence_z}}};
}

struct Fit {
  std::vector<double> w;  // intercept, then one weight per feature
};

// L2-penalised logistic regression by Newton's method; weights per row balance the sources;
// a feature whose weight comes out negative is dropped (set to 0) and the fit repeated, so
// the map stays monotone.
Fit FitLogistic(const std::vector<std::vector<double>>& x, const std::vector<int>& y,
                const std::vector<double>& weight) {
  const int d = 1 + static_cast<int>(x.empty() ? 0 : x[0].size());
  std::vector<bool> active(d, true);
  std::vector<double> w(d, 0);
  for (int round = 0; round < d; ++round) {
    std::fill(w.begin(), w.end(), 0.0);
    for (int iter = 0; iter < 100; ++iter) {
      std::vector<double> g(d, 0);
      std::vector<std::vector<double>> h(d, std::vector<double>(d, 0));
      for (std::size_t i = 0; i < x.size(); ++i) {
        std::vector<double> xi = {1};
        xi.insert(xi.end(), x[i].begin(), x[i].end());
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
      // Solve h * step = g (Gaussian elimination; d is tiny).
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
  double z = f.w[0];
  for (std::size_t k = 0; k < x.size(); ++k) z += f.w[k + 1] * x[k];
  return 1 / (1 + std::exp(-z));
}

// Share of the total fitting weight given to the development set (real model outputs); the
// lab gets the rest. The tool is used on, and judged on, real panels, and the simulator's
// z-scale is not theirs: simulated voices are far more separable than real models, so
// independent lab pairs reach evidence z ~4 while real students sit at 0-2. A map fitted
// with equal source weights is pulled toward the lab's scale (development-set Brier 0.154
// against 0.067 at 0.75; bench/README.md). The lab still anchors the high-evidence end
// (z > 3), where the development set has no pairs.
constexpr double kRealShare = 0.75;

struct HeldOut {
  double log_loss = 0, brier = 0, auc = 0;
  int rows = 0;
};

// Refits without the rows `held` marks and scores those rows with that fit.
HeldOut ScoreHeldOut(const std::vector<std::vector<double>>& x, const std::vector<int>& y,
                     const std::vector<double>& weight, const std::vector<std::string>& group,
                     const std::set<std::string>& held) {
  HeldOut out;
  std::vector<double> pos, neg;
  for (const auto& g : held) {
    std::vector<std::vector<double>> xt;
    std::vector<int> yt;
    std::vector<double> wt;
    for (std::size_t i = 0; i < x.size(); ++i) {
      if (group[i] != g) {
        xt.push_back(x[i]);
        yt.push_back(y[i]);
        wt.push_back(weight[i]);
      }
    }
    const Fit f = FitLogistic(xt, yt, wt);
    for (std::size_t i = 0; i < x.size(); ++i) {
      if (group[i] != g) continue;
      const double p = std::clamp(Predict(f, x[i]), 1e-6, 1 - 1e-6);
      out.log_loss += -(y[i] * std::log(p) + (1 - y[i]) * std::log(1 - p));
      out.brier += (p - y[i]) * (p - y[i]);
      (y[i] ? pos : neg).push_back(p);
      ++out.rows;
    }
  }
  out.log_loss /= out.rows;
  out.brier /= out.rows;
  out.auc = pos.empty() || neg.empty() ? std::nan("") : Auc(pos, neg);
  return out;
}

int Refit(const std::string& rows_file, const std::string& out_file) {
  std::ifstream in(rows_file);
  const auto rows = nlohmann::json::parse(in);
  std::vector<std::vector<double>> x;
  std::vector<int> y;
  std::vector<std::string> panel, suspect_group;
  std::vector<double> weight;
  double lab_n = 0, dev_n = 0;
  for (const auto& r : rows) (r["panel"] == "devset" ? dev_n : lab_n) += 1;
  const double real_share = dev_n > 0 ? kRealShare : 0.0;
  for (const auto& r : rows) {
    x.push_back(r["x"].get<std::vector<double>>());
    y.push_back(r["label"].get<int>());
    panel.push_back(r["panel"]);
    suspect_group.push_back(r["panel"] == "devset" ? "devset/" + r["suspect"].get<std::string>()
                                                   : r["panel"].get<std::string>());
    weight.push_back(r["panel"] == "devset" ? real_share * (lab_n + dev_n) / dev_n
                                            : (1 - real_share) * (lab_n + dev_n) / lab_n);
  }
  const Fit fit = FitLogistic(x, y, weight);
  nlohmann::json lopo = nlohmann::json::array();
  fmt::print("held out in turn (refit without them, then scored):\n"
             "| held-out rows | rows | log-loss | Brier | AUC |\n|---|---|---|---|---|\n");
  auto report = [&](const std::string& label, const HeldOut& h) {
    fmt::print("| {} | {} | {:.3f} | {:.3f} | {:.3f} |\n", label, h.rows, h.log_loss, h.brier, h.auc);
    lopo.push_back({{"panel", label}, {"rows", h.rows}, {"log_loss", h.log_loss},
                    {"brier", h.brier},
                    {"auc", std::isnan(h.auc) ? nlohmann::json(nullptr) : nlohmann::json(h.auc)}});
  };
  for (const auto& held : std::set<std::string>(panel.begin(), panel.end())) {
    report(held, ScoreHeldOut(x, y, weight, panel, {held}));
  }
  // The development set one suspect at a time (the lab and the other suspects kept): how the
  // map does on a real suspect it never saw.
  std::set<std::string> dev_suspects;
  for (const auto& g : suspect_group) {
    if (g.rfind("devset/", 0) == 0) dev_suspects.insert(g);
  }
  if (!dev_suspects.empty()) {
    report("devset, one suspect at a time", ScoreHeldOut(x, y, weight, suspect_group, dev_suspects));
  }
  int pos_n = 0;
  for (int v : y) pos_n += v;
  nlohmann::json out = {
      {"model", "logistic"},
      {"coefficients", {{"intercept", fit.w[0]}, {"evidence_z", fit.w[1]}}},
      {"features", {"evidence_z: mean over the ranking signals (word-ngram-idf, first-1, "
                    "first-5, first-20, stylometric-separability) of the S-centric z of mean "
                    "sim(S,T) among S's mean similarities to the controls and the other "
                    "candidates, each clamped to [-5, 10]"}},
      {"fitted_on",
       fmt::format("{} labelled (suspect, candidate) pairs: {} from simulated lab panels (voices "
                   "terse/friendly, teachers cheerful/scholar, fractions 0-100%, 25-800 prompts, "
                   "1 sample) and {} from the development set (mt_bench, standard protocol); "
                   "{} positive; the development set carries {:.0f}% of the weight; L2 0.1; "
                   "slope constrained >= 0",
                   y.size(), static_cast<int>(lab_n), static_cast<int>(dev_n), pos_n,
                   100 * real_share)},
      {"held_out", lopo}};
  std::ofstream o(out_file);
  o << out.dump(2) << "\n";
  fmt::print("coefficients: intercept {:.17g} evidence_z {:.17g}\n", fit.w[0], fit.w[1]);
  return 0;
}

// ---- speed -------------------------------------------------------------------------------

// The synthetic panel of the speed modes: model_count models ("m000", ...) answering
// prompt_count prompts once; `prompt_texts` receives the prompts. 20 distinct recipes; each
// answers with model_count / 20 sampling seeds, so every "model" has its own answers. Model
// 10 is a student recipe, 0-4 and 20-31 serve as candidates and controls.
PanelAnswers SpeedAnswers(int model_count, int prompt_count, std::vector<std::string>* prompt_texts) {
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
  if (prompt_texts != nullptr) *prompt_texts = prompts;
  return answers;
}

int Speed(int model_count, int prompt_count) {
  const auto gen_start = Clock::now();
  PanelAnswers answers = SpeedAnswers(model_count, prompt_count, nullptr);
  std::size_t bytes = 0;
  for (const auto& a : answers.answers) bytes += a.empty() ? 0 : a[0].size();
  const double gen_s = Seconds(gen_start);
  const double gen_rss = PeakRssMb();

  const auto start = Clock::now();
  const double cpu_start = bench::CpuSeconds();
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
  const double cpu_q0 = bench::CpuSeconds();
  ProvenanceQuery q;
  q.suspect = 10;  // a student recipe
  for (int i = 0; i < 5; ++i) q.candidates.push_back(i);
  for (int i = 0; i < 12; ++i) q.controls.push_back(20 + i);
  ProvenanceOptions options;
  options.threads = 2;
  const auto v = RunProvenance(panel, {q}, options);
  const double query_s = Seconds(q0);
  const double query_cpu = bench::CpuSeconds() - cpu_q0;
  const double total = Seconds(start);
  const double total_cpu = bench::CpuSeconds() - cpu_start;
  fmt::print("| {} | {} | {} | {:.0f} MB | {:.1f} s | {:.1f} s | {:.1f} s | {:.1f} s ({:.1f} CPU s) | {:.1f} s ({:.1f} CPU s) | {:.0f} MB | {:.0f} MB |\n",
             model_count, prompt_count, static_cast<long long>(model_count) * prompt_count,
             bytes / 1e6, gen_s, panel_s, matrix_s, query_s, query_cpu, total, total_cpu,
             gen_rss, PeakRssMb());
  (void)v;
  return 0;
}

// The speed mode's answers as recorded-output JSONL ({"model", "prompt_id", "prompt",
// "output"} per line, the format `kinship import --format jsonl` reads), for timing the
// command-line path end to end.
int SpeedJsonl(int model_count, int prompt_count, const std::string& out_file) {
  std::vector<std::string> prompts;
  const PanelAnswers answers = SpeedAnswers(model_count, prompt_count, &prompts);
  std::ofstream out(out_file);
  for (std::size_t m = 0; m < answers.models.size(); ++m) {
    for (std::size_t p = 0; p < answers.prompts.size(); ++p) {
      const auto& samples = answers.answers[answers.AnswerIndex(m, p)];
      if (samples.empty()) continue;
      out << nlohmann::json{{"model", answers.models[m]},
                            {"prompt_id", answers.prompts[p]},
                            {"prompt", prompts[p]},
                            {"output", samples[0]}}
                 .dump()
          << "\n";
    }
  }
  out.close();
  if (!out) {
    fmt::print(stderr, "cannot write {}\n", out_file);
    return 1;
  }
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
    options.bootstrap_resamples = 200;
    ForEachDevFile(argv[2], [&](const std::string& set) {
      PrintDev(RunDevSet(argv[2], set, options));
    });
    return 0;
  }
  if (mode == "devset-controls" && argc > 2) {
    options.bootstrap_resamples = 0;
    if (!std::ifstream(std::string(argv[2]) + "/mt_bench.jsonl").good()) {
      fmt::print("development set not found at {}: skipped\n", argv[2]);
      return 0;
    }
    RunDevControlSubsets(argv[2], argc > 3 ? std::atoi(argv[3]) : 10,
                         argc > 4 ? std::atoi(argv[4]) : 4, options);
    return 0;
  }
  if (mode == "devset-signals" && argc > 2) {
    const std::vector<std::string> signals(argv + 3, argv + argc);
    ForEachDevFile(argv[2], [&](const std::string& set) { RunDevSignals(argv[2], set, signals); });
    return 0;
  }
  if (mode == "features" && argc > 3) {
    options.bootstrap_resamples = 0;
    nlohmann::json out = nlohmann::json::array();
    for (const auto& r : RunLab(argc > 4 ? std::atoi(argv[4]) : 2, options)) out.push_back(RowJson(r));
    std::ifstream probe(std::string(argv[2]) + "/mt_bench.jsonl");
    if (probe.good()) {
      for (const auto& r : RunDevSet(argv[2], "mt_bench", options).rows) out.push_back(RowJson(r));
    }
    std::ofstream o(argv[3]);
    o << out.dump() << "\n";
    fmt::print(stderr, "{} rows written to {}\n", out.size(), argv[3]);
    return 0;
  }
  if (mode == "refit" && argc > 3) return Refit(argv[2], argv[3]);
  if (mode == "speed-jsonl" && argc > 4) {
    return SpeedJsonl(std::atoi(argv[2]), std::atoi(argv[3]), argv[4]);
  }
  if (mode == "speed" && argc > 3) {
    if (argc > 4) {
      fmt::print("| models | prompts | answers | text | generate | tokenise | lexical matrix (4 signals) | query | analysis total | peak RSS after generation | peak RSS |\n|---|---|---|---|---|---|---|---|---|---|---|\n");
    }
    return Speed(std::atoi(argv[2]), std::atoi(argv[3]));
  }
  std::fprintf(stderr,
               "usage: provenance_bench lab [REPS] | devset DIR | devset-controls DIR [REPS] [K] | "
               "devset-signals DIR [SIGNAL...] | features DIR OUT [REPS] | "
               "refit ROWS OUT_JSON | speed MODELS PROMPTS [--header] | "
               "speed-jsonl MODELS PROMPTS OUT\n");
  return 2;
}
