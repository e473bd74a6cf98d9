#include "harness/core/did_you_mean.h"

#include <catch2/catch.hpp>

using kinship::ClosestMatch;
using kinship::DidYouMean;
using kinship::EditDistance;

TEST_CASE("EditDistance counts single-byte edits", "[did_you_mean]") {
  CHECK(EditDistance("", "") == 0);
  CHECK(EditDistance("run", "run") == 0);
  CHECK(EditDistance("run", "rum") == 1);
  CHECK(EditDistance("report", "reprot") == 1);  // "ro" <-> "or"
  CHECK(EditDistance("", "abc") == 3);
  CHECK(EditDistance("kitten", "sitting") == 3);
  CHECK(EditDistance("modle", "model") == 1);  // adjacent swap
  CHECK(EditDistance("ca", "abc") == 3);      // OSA: no edits of a swapped pair
}

TEST_CASE("ClosestMatch suggests plausible typos only", "[did_you_mean]") {
  std::vector<std::string> commands = {"run", "report", "list", "validate", "demo"};
  CHECK(ClosestMatch("reprot", commands) == "report");
  CHECK(ClosestMatch("valdate", commands) == "validate");
  CHECK(ClosestMatch("rn", commands) == "run");
  CHECK(ClosestMatch("dmeo", commands) == "demo");
  CHECK_FALSE(ClosestMatch("zzzzzz", commands).has_value());
  // A unique prefix counts as a typo of the whole word.
  CHECK(ClosestMatch("vali", commands) == "validate");
  // A word that runs on past a name: the longest such name of three characters or more.
  CHECK(ClosestMatch("listing", commands) == "list");
  CHECK(ClosestMatch("--output", {"--out", "--format", "--quiet"}) == "--out");
  CHECK(ClosestMatch("--candidates-file", {"--candidate", "--c"}) == "--candidate");
  CHECK_FALSE(ClosestMatch("-nothing", {"-n", "--format"}).has_value());
  CHECK(ClosestMatch("running", commands) == "run");
}

TEST_CASE("DidYouMean formats a suffix or nothing", "[did_you_mean]") {
  CHECK(DidYouMean("temprature", {"temperature", "max_tokens"}) == "; did you mean 'temperature'?");
  CHECK(DidYouMean("qqq", {"temperature"}).empty());
}
