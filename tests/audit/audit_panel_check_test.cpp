#include "harness/audit/audit_panel_check.h"

#include <catch2/catch.hpp>

namespace kinship {
namespace {

ModelConfig Model(const std::string& name, const std::string& family) {
  ModelConfig model;
  model.name = name;
  model.adapter = "sim";
  model.family = family;
  return model;
}

TEST_CASE("Four controls with one of the suspect's family pass", "[audit_panel_check]") {
  CHECK(AuditPanelWarnings(Model("s", "qwen"), {Model("a", "llama"), Model("b", "qwen"),
                                                Model("c", "gpt"), Model("d", "")})
            .empty());
}

TEST_CASE("Too few controls and no control of the suspect's family are both warned about",
          "[audit_panel_check]") {
  auto warnings = AuditPanelWarnings(Model("s", "qwen"), {Model("a", "llama"), Model("b", "")});
  REQUIRE(warnings.size() == 2);
  CHECK(warnings[0].find("the panel has 2 control models; at least 4") != std::string::npos);
  CHECK(warnings[1].find("no control is from the suspect's family 'qwen'") != std::string::npos);
}

TEST_CASE("An unknown suspect family is said to be unknown", "[audit_panel_check]") {
  auto warnings = AuditPanelWarnings(Model("s", ""), {Model("a", "x"), Model("b", "x"),
                                                      Model("c", "x"), Model("d", "x")});
  REQUIRE(warnings.size() == 1);
  CHECK(warnings[0].find("the family of the suspect 's' is unknown") != std::string::npos);
}

}  // namespace
}  // namespace kinship
