#include "harness/run/prompt_record.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "harness/run/sampling_json.h"

using namespace kinship;

namespace {

// The line as a JSON DOM writes it (the previous implementation): the oracle for the
// hand-written one, which must give the same bytes.
std::string DomLine(const Prompt& p) {
  nlohmann::ordered_json j;
  j["suite"] = p.suite;
  j["id"] = p.id;
  nlohmann::ordered_json messages = nlohmann::ordered_json::array();
  for (const auto& m : p.messages) {
    messages.push_back({{"role", std::string(RoleName(m.role))}, {"content", m.content}});
  }
  j["messages"] = messages;
  j["tags"] = p.tags;
  j["reference"] = p.reference ? nlohmann::ordered_json(*p.reference) : nlohmann::ordered_json(nullptr);
  j["split"] = p.split;
  j["sampling"] = SamplingToJson(p.sampling);
  if (p.samples) j["samples"] = *p.samples;
  return j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

}  // namespace

TEST_CASE("PromptToJsonLine writes the bytes a JSON DOM writes and reads back", "[prompt_record]") {
  Prompt bare;
  bare.suite = "s";
  bare.id = "p";
  bare.messages = {{Role::kUser, "q"}};

  Prompt full;
  full.suite = "demo";
  full.id = "kk-\"1\"";
  full.messages = {{Role::kSystem, "Be brief.\n"}, {Role::kUser, "Сәлем 🙂 \x01 tab\t"}};
  full.tags = {"science", "ü"};
  full.reference = "ref \\ text";
  full.split = "dev";
  full.sampling.temperature = 0.7;
  full.sampling.top_p = 1.0;
  full.sampling.max_tokens = 160;
  full.sampling.seed = 18446744073709551615ULL;
  full.sampling.stop = std::vector<std::string>{"\n\n", "END"};
  full.samples = 3;

  for (const Prompt& p : {bare, full}) {
    const std::string line = PromptToJsonLine(p);
    CHECK(line == DomLine(p));
    std::string error;
    auto back = PromptFromJsonLine(line, &error);
    REQUIRE(back);
    CHECK(PromptToJsonLine(*back) == line);
  }
}
