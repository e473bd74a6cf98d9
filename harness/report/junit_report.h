// JUnit XML, the test-report format every CI system reads (GitHub Actions via test
// reporters, GitLab, Jenkins, Buildkite): plain data in, one XML document out. Used by
// `run --junit` / `report --junit` (assertion cases) and `compare --junit` (gates).
// Text is escaped for XML 1.0: markup characters become entities, control characters that
// XML forbids and invalid UTF-8 become U+FFFD. Pure; thread-safe; never throws.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace kinship {

struct JUnitCase {
  std::string name;
  std::string classname;
  std::optional<std::string> failure;  // the one-line message; nullopt: passed
  std::string details;                 // body of <failure> (or <system-out> when passed)
  bool skipped = false;
};

struct JUnitSuite {
  std::string name;
  std::vector<JUnitCase> cases;
};

std::string RenderJUnit(const std::vector<JUnitSuite>& suites, const std::string& name = "kinship");

// The text escaped for XML attribute and element content.
std::string XmlEscape(const std::string& text);

}  // namespace kinship
