#include "harness/report/junit_report.h"

#include <fmt/core.h>

#include "harness/core/utf8.h"

namespace kinship {

std::string XmlEscape(const std::string& text) {
  std::string valid = SanitizeUtf8(text);
  std::string out;
  out.reserve(valid.size());
  for (char c : valid) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t' && c != '\r') {
          out += "\xEF\xBF\xBD";  // XML 1.0 has no way to write these
        } else {
          out += c;
        }
    }
  }
  return out;
}

std::string RenderJUnit(const std::vector<JUnitSuite>& suites, const std::string& name) {
  int tests = 0, failures = 0, skipped = 0;
  for (const auto& suite : suites) {
    for (const auto& c : suite.cases) {
      ++tests;
      if (c.failure) ++failures;
      if (c.skipped) ++skipped;
    }
  }
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out += fmt::format("<testsuites name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"0\" skipped=\"{}\">\n",
                     XmlEscape(name), tests, failures, skipped);
  for (const auto& suite : suites) {
    int suite_failures = 0, suite_skipped = 0;
    for (const auto& c : suite.cases) {
      if (c.failure) ++suite_failures;
      if (c.skipped) ++suite_skipped;
    }
    out += fmt::format("  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"0\" skipped=\"{}\">\n",
                       XmlEscape(suite.name), suite.cases.size(), suite_failures, suite_skipped);
    for (const auto& c : suite.cases) {
      out += fmt::format("    <testcase name=\"{}\" classname=\"{}\"", XmlEscape(c.name),
                         XmlEscape(c.classname));
      if (!c.failure && !c.skipped && c.details.empty()) {
        out += "/>\n";
        continue;
      }
      out += ">\n";
      if (c.skipped) out += "      <skipped/>\n";
      if (c.failure) {
        out += fmt::format("      <failure message=\"{}\">{}</failure>\n", XmlEscape(*c.failure),
                           XmlEscape(c.details));
      } else if (!c.details.empty()) {
        out += fmt::format("      <system-out>{}</system-out>\n", XmlEscape(c.details));
      }
      out += "    </testcase>\n";
    }
    out += "  </testsuite>\n";
  }
  out += "</testsuites>\n";
  return out;
}

}  // namespace kinship
