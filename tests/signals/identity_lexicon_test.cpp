#include "harness/signals/identity_lexicon.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "harness/signals/identity_signal.h"
#include "tests/signals/panel_fixture.h"

namespace kinship {
namespace {

std::string Vendor(std::string_view text) {
  auto claim = ClassifyIdentityClaim(text);
  return claim ? claim->vendor : "none";
}

TEST_CASE("identity claims are classified in several languages") {
  CHECK(Vendor("I am ChatGPT, a model made by OpenAI.") == "openai");
  CHECK(Vendor("Я — Claude, ассистент от Anthropic.") == "anthropic");
  CHECK(Vendor("我是通义千问，由阿里云开发。") == "alibaba");
  CHECK(Vendor("我是深度求索公司开发的助手") == "deepseek");
  CHECK(Vendor("أنا نموذج جيميني من جوجل") == "google");
  CHECK(Vendor("Мен GigaChat боламын") == "sber");
  CHECK(Vendor("I am a helpful assistant.") == "none");
}

TEST_CASE("negated identity claims do not count") {
  CHECK(Vendor("I am not ChatGPT.") == "none");
  CHECK(Vendor("I'm not ChatGPT, I am Claude.") == "anthropic");
  CHECK(Vendor("I wasn't made by OpenAI but by Mistral AI") == "mistral");
  CHECK(Vendor("Я не ChatGPT.") == "none");
  CHECK(Vendor("我不是ChatGPT，我是文心一言") == "baidu");
  CHECK(Vendor("لست ChatGPT") == "none");
  CHECK(Vendor("Мен ChatGPT емеспін") == "none");
}

TEST_CASE("identity signal scores a's claims of b's dominant vendor") {
  std::vector<SignalPrompt> prompts(2);
  prompts[0].tags = {"identity"};
  SignalPanel panel = testing::MakePanel(
      {{{"I am ChatGPT by OpenAI"}, {"hello"}},
       {{"I'm ChatGPT"}, {"hi"}},
       {{"I am Claude"}, {"hey"}}},
      prompts);
  auto prepared = IdentitySignal().Prepare(panel, nullptr);
  const auto v = prepared->PerPrompt(1, 0);
  CHECK(v[0] == 1.0);
  CHECK(std::isnan(v[1]));  // not an identity prompt
  CHECK(prepared->PerPrompt(2, 0)[0] == 0.0);
  CHECK(prepared->Evidence(1, 0)["dominant_vendor_b"] == "openai");
}

}  // namespace
}  // namespace kinship
