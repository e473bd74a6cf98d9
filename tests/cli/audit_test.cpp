// `kinship audit` on the real binary: the verdicts on the simulated zoo, and against the
// loopback fake server the promises about sending -- a dry run sends nothing, confirmation
// is refused without a terminal, a second run continues without re-sending -- and the
// panel warnings.
#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <set>
#include <regex>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "harness/core/file_io.h"
#include "tests/fakes/fake_llm_server.h"
#include "tests/cli/provenance_json.h"
#include "tests/fakes/subprocess.h"
#include "tests/fakes/temp_dir.h"

using kinship::testing::FakeLlmServer;
using kinship::testing::FakeReply;
using kinship::testing::FakeRequest;
using kinship::testing::Candidate;
using kinship::testing::Kinship;
using kinship::testing::ReadJson;
using kinship::testing::RunProcess;
using kinship::testing::RunProcessAtTerminal;
using kinship::testing::TempDir;
namespace fs = std::filesystem;

namespace {

const std::string kSource = KINSHIP_SOURCE_DIR;

std::string SuccessBody() {
  return kinship::ReadFileOrThrow(kSource + "/tests/data/wire/openai/response_success.json");
}


// Three models at the fake server (openai-compatible, loopback: no key), with families.
fs::path WriteFakeModels(const TempDir& dir, const std::string& base_url,
                         const std::string& suspect_family = "qwen") {
  auto path = dir.path() / "models.yaml";
  std::ofstream out(path);
  out << "models:\n";
  for (const auto& [name, family] : std::vector<std::pair<std::string, std::string>>{
           {"suspect", suspect_family}, {"teacher", "gpt"}, {"other", "llama"}}) {
    out << "  " << name << ":\n"
        << "    adapter: openai\n"
        << "    model: " << name << "-v1\n"
        << "    base_url: " << base_url << "/v1\n"
        << "    max_attempts: 1\n"
        << "    price: {input_per_mtok: 1.0, output_per_mtok: 2.0}\n";
    if (!family.empty()) out << "    family: " << family << "\n";
  }
  return path;
}

std::vector<std::string> FakeAudit(const fs::path& models, const fs::path& out,
                                   std::initializer_list<std::string> extra) {
  std::vector<std::string> argv = Kinship({"audit", "--models", models.string(), "--suspect",
                                           "suspect", "--candidate", "teacher", "--control",
                                           "other", "--budget", "quick", "--out", out.string(),
                                           "--no-cache", "--quiet"});
  argv.insert(argv.end(), extra);
  return argv;
}

}  // namespace

TEST_CASE("audit on the sim zoo: strong for a student toward its teacher, not for the control",
          "[cli][audit]") {
  TempDir dir;
  const auto student = dir.path() / "student";
  auto result = RunProcess(Kinship({"audit", "--suspect", "student-a", "--candidate", "teacher-a",
                                    "--candidate", "teacher-b", "--control", "student-b",
                                    "--control", "control", "--control", "partial-a", "--budget",
                                    "quick", "--out", student.string(), "--quiet"}));
  REQUIRE(result.exit_code == 0);
  auto provenance = ReadJson(student / "provenance.json");
  CHECK(provenance["suspect"] == "student-a");
  CHECK(Candidate(provenance, "teacher-a")["verdict"] == "strong");
  CHECK(Candidate(provenance, "teacher-b")["verdict"] != "strong");
  CHECK(provenance["ranking"][0] == "teacher-a");
  // The verdict in the text form of `kinship provenance`, and where everything is.
  CHECK(result.out.find("Suspect student-a") != std::string::npos);
  CHECK(result.out.find("Report:     " + (student / "report.html").string()) != std::string::npos);
  const std::string html = kinship::ReadFileOrThrow(student / "report.html");
  // The report's data carries the audit's verdicts (the page renders them; see demo_html_test).
  CHECK(html.find(R"("provenance":[{"suspect":"student-a","candidate":"teacher-a","verdict":"strong")") !=
        std::string::npos);
  // The protocol: sample 0 greedy, the others at temperature 1.
  auto manifest = ReadJson(student / "manifest.json");
  CHECK(manifest["sampling_protocol"]["greedy_first_sample"] == true);
  std::ifstream records(student / "responses.jsonl");
  int greedy = 0, sampled = 0;
  for (std::string line; std::getline(records, line);) {
    auto record = nlohmann::json::parse(line);
    const double temperature = record["temperature"];
    CHECK(temperature == (record["sample"] == 0 ? 0.0 : 1.0));
    (record["sample"] == 0 ? greedy : sampled) += 1;
  }
  CHECK(greedy == 112 * 6);
  CHECK(sampled == (30 + 12 + 10) * 2 * 6);
  // Three controls and no control of student-a's family: both warnings.
  CHECK(result.err.find("the panel has 3 control models") != std::string::npos);
  CHECK(result.err.find("no control is from the suspect's family 'terse'") != std::string::npos);

  const auto control = dir.path() / "control";
  REQUIRE(RunProcess(Kinship({"audit", "--suspect", "control", "--candidate", "teacher-a",
                              "--candidate", "teacher-b", "--control", "student-a", "--control",
                              "student-b", "--control", "partial-a", "--control", "base-a",
                              "--budget", "quick", "--out", control.string(), "--quiet"}))
              .exit_code == 0);
  provenance = ReadJson(control / "provenance.json");
  for (const auto& candidate : provenance["candidates"]) CHECK(candidate["verdict"] != "strong");
}

TEST_CASE("the standard budget's second phase: every model continues every model's answers",
          "[cli][audit]") {
  TempDir dir;
  const auto out = dir.path() / "audit";
  auto result = RunProcess(Kinship({"audit", "--suspect", "student-a", "--candidate", "teacher-a",
                                    "--control", "base-a", "--out", out.string(), "--quiet"}));
  REQUIRE(result.exit_code == 0);
  const auto phase_two = out / "cross-continuation";
  REQUIRE(fs::exists(phase_two / "manifest.json"));
  CHECK(fs::exists(out / "cross-continuation.yaml"));
  // 20 chat answers of each of the 3 models cut; each prefix continued by all 3 models.
  std::map<std::string, std::set<std::string>> continued_by;  // prompt id -> models
  std::ifstream records(phase_two / "responses.jsonl");
  for (std::string line; std::getline(records, line);) {
    auto record = nlohmann::json::parse(line);
    CHECK(record["status"] == "ok");
    CHECK(record["temperature"] == 0.0);
    continued_by[record["prompt_id"]].insert(record["model"].get<std::string>());
  }
  CHECK(continued_by.size() == 20 * 3);
  for (const auto& [id, models] : continued_by) {
    CHECK(models.size() == 3);
    const auto at = id.find('@');
    REQUIRE(at != std::string::npos);
    const std::string source = id.substr(at + 1);
    CHECK((source == "student-a" || source == "teacher-a" || source == "base-a"));
  }
  // The analysis covers both phases, and asks the question on each candidate's own text.
  auto provenance = ReadJson(out / "provenance.json");
  CHECK(provenance["n_prompts"] == 625 + 60);
  auto by_candidate = ReadJson(out / "cross-continuation-provenance.json");
  REQUIRE(by_candidate.size() == 1);
  CHECK(by_candidate[0]["n_prompts"] == 20);
  CHECK(result.out.find("Cross-continuation: does student-a continue") != std::string::npos);

  // A second phase cut short is continued by the same command: only its missing items are
  // priced and sent again.
  std::vector<std::string> lines;
  {
    std::ifstream in(phase_two / "responses.jsonl");
    for (std::string line; std::getline(in, line);) lines.push_back(line);
  }
  REQUIRE(lines.size() == 180);
  {
    std::ofstream cut(phase_two / "responses.jsonl", std::ios::binary | std::ios::trunc);
    for (std::size_t i = 0; i + 7 < lines.size(); ++i) cut << lines[i] << '\n';
  }
  auto resumed = RunProcess(Kinship({"audit", "--suspect", "student-a", "--candidate", "teacher-a",
                                     "--control", "base-a", "--out", out.string()}));
  REQUIRE(resumed.exit_code == 0);
  CHECK(resumed.err.find("resuming " + phase_two.string() + ": 7 of 180 items left") !=
        std::string::npos);
  std::ifstream after(phase_two / "responses.jsonl");
  CHECK(std::count(std::istreambuf_iterator<char>(after), {}, '\n') == 180);
}

TEST_CASE("audit --dry-run prints the plan and sends nothing", "[cli][audit]") {
  FakeLlmServer server([](const FakeRequest&) { return FakeReply::Json(SuccessBody()); });
  TempDir dir;
  const auto models = WriteFakeModels(dir, server.base_url());
  const auto out = dir.path() / "audit";
  auto result = RunProcess(FakeAudit(models, out, {"--dry-run"}));
  REQUIRE(result.exit_code == 0);
  CHECK(server.request_count() == 0);
  CHECK_FALSE(fs::exists(out));
  CHECK(std::regex_search(result.out, std::regex("\\ntotal +648 ")));
  CHECK(result.out.find("dry run: nothing was sent") != std::string::npos);
  // The standard budget counts the cross-continuation phase at its bound: 20 chat answers of
  // each of 3 models, continued by each model.
  auto standard = RunProcess(Kinship({"audit", "--models", models.string(), "--suspect", "suspect",
                                      "--candidate", "teacher", "--control", "other", "--out",
                                      out.string(), "--dry-run"}));
  REQUIRE(standard.exit_code == 0);
  CHECK(standard.out.find("cross-continuation") != std::string::npos);
  CHECK(std::regex_search(standard.out,
                          std::regex("\\ntotal +" + std::to_string(3 * (1375 + 20 * 3)) + " ")));
  CHECK(server.request_count() == 0);
}

TEST_CASE("audit above the threshold is refused without --yes when stdin is not a terminal",
          "[cli][audit]") {
  FakeLlmServer server([](const FakeRequest&) { return FakeReply::Json(SuccessBody()); });
  TempDir dir;
  const auto models = WriteFakeModels(dir, server.base_url());
  const auto out = dir.path() / "audit";
  // RunProcess gives the child /dev/null as stdin.
  auto refused = RunProcess(FakeAudit(models, out, {"--confirm-requests", "100"}));
  CHECK(refused.exit_code == 2);
  CHECK(refused.err.find("needs confirmation") != std::string::npos);
  CHECK(refused.err.find("--yes") != std::string::npos);
  CHECK(server.request_count() == 0);
  CHECK_FALSE(fs::exists(out));
  // A cost bound above --confirm-above asks too.
  auto costly = RunProcess(FakeAudit(models, out, {"--confirm-above", "0.001"}));
  CHECK(costly.exit_code == 2);
  CHECK(server.request_count() == 0);
}

TEST_CASE("audit above the threshold asks at a terminal: 'y' sends, anything else does not",
          "[cli][audit]") {
  FakeLlmServer server([](const FakeRequest&) { return FakeReply::Json(SuccessBody()); });
  TempDir dir;
  const auto models = WriteFakeModels(dir, server.base_url());
  const auto declined_out = dir.path() / "declined";
  auto declined = RunProcessAtTerminal(FakeAudit(models, declined_out, {"--confirm-requests", "100"}), "n\n");
  CHECK(declined.exit_code == 2);
  CHECK(declined.err.find("[y/N]") != std::string::npos);
  CHECK(declined.err.find("audit cancelled; nothing was sent") != std::string::npos);
  CHECK(server.request_count() == 0);
  CHECK_FALSE(fs::exists(declined_out));
  const auto accepted_out = dir.path() / "accepted";
  auto accepted = RunProcessAtTerminal(FakeAudit(models, accepted_out, {"--confirm-requests", "100"}), "Yes\n");
  CHECK(accepted.exit_code == 0);
  CHECK(server.request_count() > 100);
  CHECK(fs::exists(accepted_out / "provenance.json"));
}

TEST_CASE("audit continues in the same --out without re-sending finished items",
          "[cli][audit]") {
  // The first 25 requests fail (max_attempts 1: not retried), the rest succeed.
  std::atomic<int> seen{0};
  FakeLlmServer server([&](const FakeRequest&) {
    return ++seen <= 25 ? FakeReply::ServerError(500) : FakeReply::Json(SuccessBody());
  });
  TempDir dir;
  const auto models = WriteFakeModels(dir, server.base_url());
  const auto out = dir.path() / "audit";
  auto first = RunProcess(FakeAudit(models, out, {"--yes"}));
  CHECK(first.exit_code == 1);
  CHECK(first.err.find("kinship audit command with --out " + out.string()) != std::string::npos);
  const std::size_t planned = 3 * 216;
  CHECK(server.request_count() == planned);
  CHECK_FALSE(fs::exists(out / "provenance.json"));

  auto second = RunProcess(FakeAudit(models, out, {"--yes"}));
  REQUIRE(second.exit_code == 0);
  CHECK(server.request_count() == planned + 25);  // only the failed items again
  CHECK(fs::exists(out / "provenance.json"));
  CHECK(fs::exists(out / "report.html"));
  // A third run has nothing left to send.
  REQUIRE(RunProcess(FakeAudit(models, out, {"--yes"})).exit_code == 0);
  CHECK(server.request_count() == planned + 25);
  // Another audit in the same folder is refused.
  auto other = RunProcess(FakeAudit(models, out, {"--seed", "9"}));
  CHECK(other.exit_code == 2);
  CHECK(other.err.find("holds another audit") != std::string::npos);
}

TEST_CASE("audit warns about few controls and the suspect's family", "[cli][audit]") {
  FakeLlmServer server([](const FakeRequest&) { return FakeReply::Json(SuccessBody()); });
  TempDir dir;
  auto known = RunProcess(FakeAudit(WriteFakeModels(dir, server.base_url()), dir.path() / "a",
                                    {"--dry-run"}));
  REQUIRE(known.exit_code == 0);
  CHECK(known.err.find("warning: the panel has 1 control model;") != std::string::npos);
  CHECK(known.err.find("warning: no control is from the suspect's family 'qwen'") !=
        std::string::npos);
  auto unknown = RunProcess(FakeAudit(WriteFakeModels(dir, server.base_url(), ""),
                                      dir.path() / "b", {"--dry-run"}));
  REQUIRE(unknown.exit_code == 0);
  CHECK(unknown.err.find("the family of the suspect 'suspect' is unknown") != std::string::npos);
  CHECK(server.request_count() == 0);
}

TEST_CASE("audit checks its arguments before anything else", "[cli][audit]") {
  auto no_candidate = RunProcess(Kinship({"audit", "--suspect", "student-a", "--dry-run"}));
  CHECK(no_candidate.exit_code == 2);
  CHECK(no_candidate.err.find("--candidate: missing") != std::string::npos);
  auto twice = RunProcess(Kinship({"audit", "--suspect", "student-a", "--candidate", "student-a",
                                   "--dry-run"}));
  CHECK(twice.exit_code == 2);
  CHECK(twice.err.find("named twice") != std::string::npos);
  auto budget = RunProcess(Kinship({"audit", "--suspect", "student-a", "--candidate",
                                    "teacher-a", "--budget", "quik", "--dry-run"}));
  CHECK(budget.exit_code == 2);
  CHECK(budget.err.find("did you mean 'quick'?") != std::string::npos);
}

TEST_CASE("audit names the flag that gave an unknown model, with a did-you-mean",
          "[cli][audit]") {
  auto suspect = RunProcess(Kinship({"audit", "--suspect", "studnet-a", "--candidate",
                                     "teacher-a", "--dry-run"}));
  CHECK(suspect.exit_code == 2);
  CHECK(suspect.err.find("--suspect: unknown model 'studnet-a'; did you mean 'student-a'?") !=
        std::string::npos);
  auto control = RunProcess(Kinship({"audit", "--suspect", "student-a", "--candidate",
                                     "teacher-a", "--control", "contrl", "--dry-run"}));
  CHECK(control.exit_code == 2);
  CHECK(control.err.find("--control: unknown model 'contrl'; did you mean 'control'?") !=
        std::string::npos);
}
