#include "harness/provenance/provenance_format.h"

#include <algorithm>
#include <cmath>

#include <fmt/core.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "harness/analysis/display_width.h"
#include "harness/core/markdown_text.h"

namespace kinship {

namespace {

nlohmann::json Number(double x) {
  if (!std::isfinite(x)) return nullptr;
  return x;
}

nlohmann::json Interval(const std::array<double, 2>& ci) {
  return nlohmann::json::array({Number(ci[0]), Number(ci[1])});
}

std::string Fmt(double x, const char* spec = "{:.3g}") {
  if (!std::isfinite(x)) return "n/a";
  return fmt::format(fmt::runtime(spec), x);
}

// The candidate's shared phrases on one terminal line: each made terminal-safe (model
// text: no escape sequences, no line breaks) and cut to 40 columns.
std::string PhrasesForTerminal(const CandidateVerdict& c) {
  std::string out;
  for (std::size_t i = 0; i < c.shared_phrases.size(); ++i) {
    if (i > 0) out += " · ";
    out += "\"" + TruncateToWidth(TerminalSafe(c.shared_phrases[i]), 40) + "\"";
  }
  return out;
}

// A model name in Markdown: as code, unless it holds a character that would end the code
// span or the table cell (imported names may), then escaped text.
std::string MdName(const std::string& name) {
  if (name.find_first_of("`|<>&\\") == std::string::npos) return "`" + name + "`";
  return MarkdownInline(name);
}

std::string MdNames(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& name : names) out += (out.empty() ? "" : ", ") + MdName(name);
  return out;
}

const CandidateVerdict* Find(const SuspectVerdict& v, const std::string& model) {
  for (const auto& c : v.candidates) {
    if (c.model == model) return &c;
  }
  return nullptr;
}

}  // namespace

std::string DirectionLine(const SuspectVerdict& v) {
  if (!v.direction && !v.direction_asked) {
    return "not examined here (quick settings); kinship provenance examines it";
  }
  if (!v.direction) return "direction undetermined (no moderate or strong candidate)";
  const auto& d = *v.direction;
  std::string cues;
  for (const auto& cue : d.cues) {
    if (!cues.empty()) cues += ", ";
    cues += fmt::format("{} {} (p = {})", cue.name, cue.agrees ? "agrees" : "does not agree",
                        Fmt(cue.p_value, "{:.2g}"));
  }
  if (cues.empty()) cues = "no directed signal available";
  if (d.stated) {
    return fmt::format("likely {} <- {} ({} of {} asymmetric cues agree: {})", v.suspect,
                       d.teacher, d.agreeing, d.cues.size(), cues);
  }
  return fmt::format("direction undetermined ({} of {} asymmetric cues agree, 3 needed: {})",
                     d.agreeing, d.cues.size(), cues);
}

nlohmann::json ProvenanceJson(const SuspectVerdict& v) {
  nlohmann::json out;
  out["suspect"] = v.suspect;
  out["n_prompts"] = v.n_prompts;
  out["controls"] = v.controls;
  out["candidates"] = nlohmann::json::array();
  for (const auto& c : v.candidates) {
    nlohmann::json cj;
    cj["model"] = c.model;
    cj["verdict"] = std::string(VerdictName(c.verdict));
    cj["wording"] = VerdictWording(c.verdict, v.suspect, c.model);
    cj["reason"] = c.reason;
    cj["probability"] = Number(c.probability);
    cj["p_value"] = Number(c.p_value);
    cj["primary_signal"] = PrimarySignal();
    cj["primary_p_value"] = Number(c.primary_p_value);
    cj["s_centric_p_value"] = Number(c.s_centric_p_value);
    cj["effect"] = Number(c.effect);
    cj["ci95"] = Interval(c.ci95);
    cj["evidence_z"] = Number(c.evidence_z);
    cj["z_s"] = Number(c.z_s);
    cj["shared_phrases"] = c.shared_phrases;
    cj["against_p_value"] = Number(c.against_p_value);
    cj["controls_beaten"] = c.controls_beaten;
    cj["controls_total"] = c.controls_total;
    cj["channels_agreeing"] = c.channels_agreeing;
    cj["features"] = {{"evidence_z", c.features.evidence_z},
                      {"neg_log10_p", c.features.neg_log10_p},
                      {"z_s", c.features.z_s},
                      {"beat_fraction", c.features.beat_fraction}};
    cj["signals"] = nlohmann::json::array();
    for (const auto& s : c.signals) {
      nlohmann::json sj;
      sj["name"] = s.name;
      sj["channel"] = s.channel;
      sj["available"] = s.available && !s.insufficient;
      sj["p_value"] = Number(s.p_value);
      sj["effect"] = s.available ? Number(s.effect) : nlohmann::json(nullptr);
      sj["ci95"] = s.available ? Interval(s.ci95) : nlohmann::json(nullptr);
      sj["rho"] = s.available ? Number(s.rho) : nlohmann::json(nullptr);
      sj["z"] = s.available ? Number(s.z) : nlohmann::json(nullptr);
      sj["controls_beaten"] = s.controls_beaten;
      sj["n_prompts"] = s.n_prompts;
      if (!s.unavailable_reason.empty()) sj["reason"] = s.unavailable_reason;
      cj["signals"].push_back(sj);
    }
    out["candidates"].push_back(cj);
  }
  out["ranking"] = v.ranking;
  if (v.direction && v.direction->stated) {
    nlohmann::json cues = nlohmann::json::array();
    for (const auto& cue : v.direction->cues) {
      if (cue.agrees) cues.push_back(cue.name);
    }
    out["direction"] = {{"teacher", v.direction->teacher}, {"student", v.suspect},
                        {"cues", cues}};
  } else {
    out["direction"] = nullptr;
  }
  nlohmann::json examined = nlohmann::json::array();
  if (v.direction) {
    for (const auto& cue : v.direction->cues) {
      examined.push_back({{"name", cue.name},
                          {"asymmetry", Number(cue.asymmetry)},
                          {"p_value", Number(cue.p_value)},
                          {"agrees", cue.agrees}});
    }
  }
  out["direction_cues"] = examined;
  out["confounders"] = ConfounderChecklist();
  out["warnings"] = v.warnings;
  return out;
}

nlohmann::json ProvenanceJson(const std::vector<SuspectVerdict>& verdicts) {
  if (verdicts.size() == 1) return ProvenanceJson(verdicts[0]);
  nlohmann::json out = nlohmann::json::array();
  for (const auto& v : verdicts) out.push_back(ProvenanceJson(v));
  return out;
}

std::string ProvenanceText(const std::vector<SuspectVerdict>& verdicts) {
  std::string out;
  for (const auto& v : verdicts) {
    out += fmt::format("Suspect {}  ({} prompts, {} controls: {})\n", v.suspect, v.n_prompts,
                       v.controls.size(), fmt::join(v.controls, ", "));
    for (const auto& w : v.warnings) out += fmt::format("  warning: {}\n", w);
    out += fmt::format("  {:<28} {:<13} {:>6} {:>8} {:>9} {:>10} {:>22} {:>8}\n", "candidate",
                       "verdict", "P", "evid. z", "p", "effect", "95% CI", "beaten");
    for (const auto& name : v.ranking) {
      const CandidateVerdict* c = Find(v, name);
      // Padded by display columns, not bytes: a Cyrillic or Chinese name keeps the columns.
      out += fmt::format("  {} {:<13} {:>6} {:>8} {:>9} {:>10} {:>22} {:>8}\n",
                         PadToWidth(TerminalSafe(c->model), 28),
                         VerdictName(c->verdict), Fmt(c->probability, "{:.2f}"),
                         Fmt(c->evidence_z, "{:.2f}"), Fmt(c->p_value, "{:.2g}"),
                         Fmt(c->effect, "{:.4f}"),
                         fmt::format("[{}, {}]", Fmt(c->ci95[0], "{:.4f}"),
                                     Fmt(c->ci95[1], "{:.4f}")),
                         fmt::format("{}/{}", c->controls_beaten, c->controls_total));
    }
    if (!v.ranking.empty()) {
      const CandidateVerdict* top = Find(v, v.ranking[0]);
      out += "\n  " + VerdictWording(top->verdict, v.suspect, top->model) + "\n";
      out += "  why: " + top->reason + "\n  signals:";
      for (const auto& s : top->signals) {
        if (s.ranking_only) {
          out += fmt::format(" {} z={} (ranking only)", s.name, Fmt(s.z, "{:.2f}"));
        } else if (!s.available || s.insufficient) {
          out += fmt::format(" {} (n/a)", s.name);
        } else {
          out += fmt::format(" {} p={}", s.name, Fmt(s.p_value, "{:.2g}"));
        }
      }
      out += "\n";
      if (!top->shared_phrases.empty()) out += "  shared phrases: " + PhrasesForTerminal(*top) + "\n";
    }
    out += "  direction: " + DirectionLine(v) + "\n";
    out += "  confounders to rule out before citing any verdict:\n";
    for (const auto& c : ConfounderChecklist()) out += "    - " + c + "\n";
    out += "\n";
  }
  return out;
}

std::string ProvenanceMarkdown(const std::vector<SuspectVerdict>& verdicts) {
  std::string out;
  for (const auto& v : verdicts) {
    out += fmt::format("### Provenance of {}\n\n{} prompts; controls: {}.\n\n", MdName(v.suspect),
                       v.n_prompts, v.controls.empty() ? "none" : MdNames(v.controls));
    for (const auto& w : v.warnings) out += fmt::format("> **Warning:** {}\n\n", w);
    out += "| rank | candidate | verdict | P | evidence z | combined p | effect (95% CI) | controls beaten |\n"
           "|---|---|---|---|---|---|---|---|\n";
    int rank = 0;
    for (const auto& name : v.ranking) {
      const CandidateVerdict* c = Find(v, name);
      out += fmt::format("| {} | {} | {} | {} | {} | {} | {} [{}, {}] | {}/{} |\n", ++rank,
                         MdName(c->model), VerdictName(c->verdict), Fmt(c->probability, "{:.2f}"),
                         Fmt(c->evidence_z, "{:.2f}"), Fmt(c->p_value, "{:.2g}"), Fmt(c->effect, "{:.4f}"),
                         Fmt(c->ci95[0], "{:.4f}"), Fmt(c->ci95[1], "{:.4f}"),
                         c->controls_beaten, c->controls_total);
    }
    if (!v.ranking.empty()) {
      const CandidateVerdict* top = Find(v, v.ranking[0]);
      out += "\n" + VerdictWording(top->verdict, v.suspect, top->model) + "\n";
      if (!top->shared_phrases.empty()) {
        out += "\nPhrases distinctive of both " + MdName(v.suspect) + " and " + MdName(top->model) +
               " against the controls: ";
        for (std::size_t i = 0; i < top->shared_phrases.size(); ++i) {
          out += (i > 0 ? " · " : "") + ("\"" + MarkdownInline(top->shared_phrases[i]) + "\"");
        }
        out += "\n";
      }
    }
    out += "\nDirection: " + DirectionLine(v) + "\n\nConfounder checklist:\n\n";
    for (const auto& c : ConfounderChecklist()) out += "- " + c + "\n";
    out += "\n";
  }
  return out;
}

std::vector<SuspectVerdict> PairwiseProvenance(const SignalPanel& panel, unsigned threads) {
  const int n = static_cast<int>(panel.Models());
  if (n < 4) return {};
  std::vector<ProvenanceQuery> queries;
  for (int s = 0; s < n; ++s) {
    for (int t = 0; t < n; ++t) {
      if (s != t) queries.push_back({s, {t}, {}});
    }
  }
  ProvenanceOptions options;
  options.permutation_iterations = 2000;
  options.bootstrap_resamples = 0;
  options.threads = threads;
  options.direction = false;
  return RunProvenance(panel, queries, options);
}

std::string ProvenanceSummaryMarkdown(const std::vector<SuspectVerdict>& verdicts,
                                      std::size_t models) {
  std::string out = "## Provenance summary\n\n";
  if (models < 4) {
    return out + "Needs at least 4 models (suspect, candidate and 2 controls); this panel has " +
           std::to_string(models) + ".\n";
  }
  out += "Each row asks whether the suspect's outputs are consistent with training on the "
         "candidate's outputs, with every other model of the run as a control (B = 2,000; run "
         "`kinship provenance` for intervals and direction).\n\n";
  const std::string header =
      "| suspect | candidate | verdict | P | combined p | effect | controls beaten |\n"
      "|---|---|---|---|---|---|---|\n";
  auto row = [](const SuspectVerdict& v, const CandidateVerdict& c) {
    return fmt::format("| {} | {} | {} | {} | {} | {} | {}/{} |\n", MdName(v.suspect), MdName(c.model),
                       VerdictName(c.verdict), Fmt(c.probability, "{:.2f}"),
                       Fmt(c.p_value, "{:.2g}"), Fmt(c.effect, "{:.4f}"), c.controls_beaten,
                       c.controls_total);
  };
  // The pairs worth a look come first: a panel of n models has n(n-1) rows below.
  std::vector<std::pair<const SuspectVerdict*, const CandidateVerdict*>> notable;
  std::size_t pairs = 0;
  for (const auto& v : verdicts) {
    for (const auto& c : v.candidates) {
      ++pairs;
      if (c.verdict == Verdict::kStrong || c.verdict == Verdict::kModerate) notable.emplace_back(&v, &c);
    }
  }
  std::stable_sort(notable.begin(), notable.end(), [](const auto& x, const auto& y) {
    const bool strong_x = x.second->verdict == Verdict::kStrong;
    const bool strong_y = y.second->verdict == Verdict::kStrong;
    if (strong_x != strong_y) return strong_x;
    return x.second->probability > y.second->probability;
  });
  if (notable.empty()) {
    out += "No pair is called strong or moderate.\n\n";
  } else {
    out += fmt::format("Called strong or moderate: {} of {} pairs, strongest first.\n\n",
                       notable.size(), pairs);
    out += header;
    for (const auto& [v, c] : notable) out += row(*v, *c);
    out += "\nAll pairs:\n\n";
  }
  out += header;
  for (const auto& v : verdicts) {
    for (const auto& c : v.candidates) out += row(v, c);
  }
  out += "\nConfounder checklist:\n\n";
  for (const auto& c : ConfounderChecklist()) out += "- " + c + "\n";
  return out;
}

std::string ProvenanceSummaryText(const std::vector<SuspectVerdict>& verdicts, std::size_t models) {
  std::string out = "Provenance (every ordered pair; the other models are the controls)\n";
  if (models < 4) {
    return out + fmt::format("  needs at least 4 models; this panel has {}\n", models);
  }
  std::size_t width = 7;
  for (const auto& v : verdicts) width = std::max(width, v.suspect.size());
  out += fmt::format("  {:<{}}  {:<{}}  {:<12}  {:>5}  {:>10}  {:>8}\n", "suspect", width,
                     "candidate", width, "verdict", "P", "combined p", "beaten");
  for (const auto& v : verdicts) {
    for (const auto& c : v.candidates) {
      // Only what deserves a look: the full table is in the Markdown and HTML reports.
      if (c.verdict != Verdict::kStrong && c.verdict != Verdict::kModerate) continue;
      out += fmt::format("  {:<{}}  {:<{}}  {:<12}  {:>5}  {:>10}  {:>8}\n", v.suspect, width,
                         c.model, width, VerdictName(c.verdict), Fmt(c.probability, "{:.2f}"),
                         Fmt(c.p_value, "{:.2g}"),
                         fmt::format("{}/{}", c.controls_beaten, c.controls_total));
    }
  }
  out += "  (pairs called strong or moderate; each is consistent with training on the\n"
         "  candidate's outputs, not proof: see the confounder checklist in report.md)\n";
  return out;
}

}  // namespace kinship
