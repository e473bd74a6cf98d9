#include "harness/config/template.h"

#include <catch2/catch.hpp>

namespace kinship {
namespace {

const SourceLocation kWhere{"s.yaml", 3, 9};

TEST_CASE("placeholders expand, with or without spaces inside the braces") {
  TemplateVars vars = {{"city", "Алматы"}, {"n", "3"}};
  CHECK(ExpandTemplate("{{n}} days in {{ city }}, {{city}}!", vars, kWhere, "prompt") ==
        "3 days in Алматы, Алматы!");
  CHECK(ExpandTemplate("no placeholders", vars, kWhere, "prompt") == "no placeholders");
  CHECK(ExpandTemplate("single { brace } and }} alone", vars, kWhere, "prompt") ==
        "single { brace } and }} alone");
}

TEST_CASE("substituted values are not expanded again") {
  CHECK(ExpandTemplate("{{a}}", {{"a", "{{b}}"}, {"b", "x"}}, kWhere, "f") == "{{b}}");
}

TEST_CASE("template syntax errors name the field and the character") {
  CHECK_THROWS_WITH(ExpandTemplate("héllo {{name", {}, kWhere, "prompt"),
                    "s.yaml:3:9: prompt: unclosed '{{' in template (at character 7)");
  CHECK_THROWS_WITH(TemplateVariables("a {{}} b", kWhere, "id"),
                    "s.yaml:3:9: id: empty variable name '{{}}' in template (at character 3)");
  CHECK_THROWS_WITH(TemplateVariables("{{ 9x }}", kWhere, "id"),
                    "s.yaml:3:9: id: bad variable name '9x' in template (use letters, digits and "
                    "_) (at character 1)");
  CHECK_THROWS_WITH(ExpandTemplate("x {{cty}}", {{"city", "A"}}, kWhere, "prompt"),
                    "s.yaml:3:9: prompt: unknown variable 'cty' in template (at character 3); "
                    "did you mean 'city'?");
}

TEST_CASE("TemplateVariables lists each name once in order of use") {
  CHECK(TemplateVariables("{{b}} {{a}} {{ b }}", kWhere, "f") == std::vector<std::string>{"b", "a"});
  CHECK(TemplateVariables("none", kWhere, "f").empty());
  CHECK(IsTemplate("x {{y}}"));
  CHECK_FALSE(IsTemplate("x {y}"));
}

}  // namespace
}  // namespace kinship
