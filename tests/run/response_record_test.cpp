#include "harness/run/response_record.h"

#include <cmath>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using namespace kinship;

TEST_CASE("RecordToJsonLine round-trips every field byte-exact", "[response_record]") {
  ResponseRecord r;
  r.model = "student-a";
  r.suite = "demo";
  r.prompt_id = "kk-1";
  r.sample = 3;
  r.status = "ok";
  r.output = "Сәлем! 你好 مرحبا \"quoted\"\n\ttab";
  r.reasoning = "thinking…";
  r.finish_reason = "stop";
  r.input_tokens = 11;
  r.output_tokens = 42;
  r.reasoning_tokens = 7;
  r.latency_ms = 12.5;
  r.attempts = 2;
  r.cached = true;
  r.seed = 18446744073709551615ULL;
  r.served_model = "m-2024";
  r.system_fingerprint = "fp_1";
  r.logprobs = {{"Сә", -0.25, {{"Сә", -0.25}, {"Hi", -1.5}}}, {"лем", -0.01, {}}};
  r.started_at = "2026-11-28T23:00:00.000Z";
  r.finished_at = "2026-11-28T23:00:01.000Z";
  std::string line = RecordToJsonLine(r);
  CHECK(line.find('\n') == std::string::npos);
  std::string error;
  auto back = RecordFromJsonLine(line, &error);
  REQUIRE(back);
  CHECK(back->output == r.output);
  CHECK(back->reasoning == r.reasoning);
  CHECK(back->sample == 3);
  CHECK(back->seed == r.seed);
  CHECK(back->attempts == 2);
  CHECK(back->cached);
  CHECK(back->reasoning_tokens == 7);
  CHECK(back->served_model == "m-2024");
  CHECK(back->system_fingerprint == "fp_1");
  REQUIRE(back->logprobs.size() == 2);
  CHECK(back->logprobs[0].token == "Сә");
  CHECK(back->logprobs[0].top[1].first == "Hi");
  CHECK(back->logprobs[0].top[1].second == -1.5);
  CHECK(back->logprobs[1].logprob == -0.01);
  CHECK(RecordKey(*back) == RecordKey(r));
}

TEST_CASE("RecordFromJsonLine rejects torn and malformed lines", "[response_record]") {
  ResponseRecord r;
  r.model = "m";
  r.prompt_id = "p";
  r.status = "ok";
  std::string line = RecordToJsonLine(r);
  std::string error;
  CHECK_FALSE(RecordFromJsonLine(line.substr(0, line.size() / 2), &error));
  CHECK_FALSE(error.empty());
  CHECK_FALSE(RecordFromJsonLine("[1,2]", &error));
  CHECK_FALSE(RecordFromJsonLine(R"({"model":"m","prompt_id":"p","status":"maybe"})", &error));
}

TEST_CASE("Error records carry the error and an empty output", "[response_record]") {
  ResponseRecord r;
  r.model = "m";
  r.prompt_id = "p";
  r.status = "error";
  r.error = "HTTP 500";
  r.error_kind = "http_5xx";
  auto back = RecordFromJsonLine(RecordToJsonLine(r), nullptr);
  REQUIRE(back);
  CHECK_FALSE(back->ok());
  CHECK(back->error == "HTTP 500");
  CHECK(back->error_kind == "http_5xx");
}

TEST_CASE("RecordKey separates fields unambiguously", "[response_record]") {
  CHECK(RecordKey("a", "b", "c", 1) != RecordKey("a", "bc", "", 1));
  CHECK(RecordKey("a", "b", "c", 1) != RecordKey("a", "b", "c", 11));
}

TEST_CASE("An unknown temperature is written as null and never reads back as greedy",
          "[response_record]") {
  ResponseRecord r;
  r.model = "m";
  r.prompt_id = "p";
  r.status = "ok";
  std::string line = RecordToJsonLine(r);
  CHECK(line.find("\"temperature\":null") != std::string::npos);
  auto back = RecordFromJsonLine(line, nullptr);
  REQUIRE(back);
  CHECK(std::isnan(back->temperature));
  r.temperature = 0;
  CHECK(RecordFromJsonLine(RecordToJsonLine(r), nullptr)->temperature == 0);
}

TEST_CASE("RecordToJsonLine writes the documented keys in order, optional ones only when set",
          "[response_record]") {
  ResponseRecord r;
  r.model = "m";
  r.prompt_id = "p";
  r.status = "ok";
  r.temperature = 0.7;
  auto keys = [](const std::string& line) {
    std::vector<std::string> names;
    const auto object = nlohmann::ordered_json::parse(line);
    for (const auto& [key, value] : object.items()) names.push_back(key);
    return names;
  };
  CHECK(keys(RecordToJsonLine(r)) ==
        std::vector<std::string>{"model", "suite", "prompt_id", "sample", "status", "output", "error",
                                 "finish_reason", "input_tokens", "output_tokens", "latency_ms",
                                 "attempts", "cached", "seed", "temperature", "started_at",
                                 "finished_at"});
  r.reasoning = "r";
  r.status = "error";
  r.error = "e";
  r.error_kind = "k";
  r.reasoning_tokens = 0;
  r.rate_limited = 1;
  r.served_model = "s";
  r.system_fingerprint = "f";
  r.logprobs = {{"t", -1, {}}};
  CHECK(keys(RecordToJsonLine(r)) ==
        std::vector<std::string>{"model", "suite", "prompt_id", "sample", "status", "output",
                                 "reasoning", "error", "error_kind", "finish_reason",
                                 "input_tokens", "output_tokens", "reasoning_tokens", "latency_ms",
                                 "attempts", "rate_limited", "cached", "seed", "temperature",
                                 "served_model", "system_fingerprint", "logprobs", "started_at",
                                 "finished_at"});
  const auto j = nlohmann::json::parse(RecordToJsonLine(r));
  CHECK(j["error"] == "e");
  CHECK(j["temperature"] == 0.7);
  CHECK(j["logprobs"][0]["logprob"] == -1.0);
}

TEST_CASE("RecordToJsonLine escapes control characters and replaces invalid UTF-8 bytes",
          "[response_record]") {
  ResponseRecord r;
  r.model = "m\x01";
  r.prompt_id = "p";
  r.status = "ok";
  std::string controls;
  for (int c = 0; c < 0x20; ++c) controls.push_back(static_cast<char>(c));
  r.output = controls + "\x7f\"\\ Сәлем 🙂";
  r.reasoning = "bad \xC3 byte";
  const std::string line = RecordToJsonLine(r);
  for (char c : line) CHECK(static_cast<unsigned char>(c) >= 0x20);
  auto back = RecordFromJsonLine(line, nullptr);
  REQUIRE(back);
  CHECK(back->model == r.model);
  CHECK(back->output == r.output);
  CHECK(back->reasoning == "bad \xEF\xBF\xBD byte");
}

TEST_CASE("RecordFromJsonLine reads hand-edited and foreign lines as the JSON rules say",
          "[response_record]") {
  // Unknown keys (nested too), escapes, white space and nulls, as another tool may write.
  auto r = RecordFromJsonLine(
      R"( { "model" : "m\u00e9", "x":{"y":[1,{"z":null}]}, "prompt_id":"p", "status":"ok",
            "output":"a\ud83d\ude42\n", "error":null, "temperature":null, "seed":7 } )",
      nullptr);
  REQUIRE(r);
  CHECK(r->model == "m\xC3\xA9");
  CHECK(r->output == "a\xF0\x9F\x99\x82\n");
  CHECK(r->error.empty());
  CHECK(std::isnan(r->temperature));
  CHECK(r->seed == 7);
  // Types the one-pass reader does not take are still read by the general rules.
  auto floating = RecordFromJsonLine(R"({"model":"m","prompt_id":"p","status":"error","sample":2.0,"error":5})", nullptr);
  REQUIRE(floating);
  CHECK(floating->sample == 2);
  CHECK(floating->error.empty());
  // Missing required keys, a wrong type and trailing text are refused.
  std::string error;
  CHECK_FALSE(RecordFromJsonLine(R"({"model":"m","status":"ok"})", &error));
  CHECK_FALSE(RecordFromJsonLine(R"({"model":1,"prompt_id":"p","status":"ok"})", &error));
  CHECK_FALSE(RecordFromJsonLine(R"({"model":"m","prompt_id":"p","status":"ok"} x)", &error));
}
