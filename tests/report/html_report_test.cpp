#include "harness/report/html_report.h"

#include <string>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "tests/report/sample_report.h"

namespace kinship {
namespace {

// The JSON text of the page's data block.
std::string DataBlock(const std::string& html) {
  const std::string open = "<script type=\"application/json\" id=\"kinship-data\">";
  const std::size_t start = html.find(open);
  REQUIRE(start != std::string::npos);
  const std::size_t end = html.find("</script>", start);
  REQUIRE(end != std::string::npos);
  return html.substr(start + open.size(), end - start - open.size());
}

PanelReport HostileSample() {
  PanelReport report = testing::SampleReport();
  report.run_id = "</title><script>alert(1)</script>";
  ReportExample example;
  example.prompt = "demo/x";
  example.question = "<!-- </script> & <script>";
  example.answers = {{"teacher", true, "</script><script>alert('x')</script>"},
                     {"student", true, std::string("nul ") + '\0' + " bad \xFF utf8"}};
  report.prompt_answers = {example};
  return report;
}

TEST_CASE("The HTML report is one self-contained page with a strict content security policy") {
  const std::string html = RenderHtml(testing::SampleReport());
  CHECK(html.starts_with("<!DOCTYPE html>"));
  CHECK(html.find("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                  "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">") !=
        std::string::npos);
  // Nothing is loaded from elsewhere: no src or stylesheet links, no remote URLs.
  CHECK(html.find(" src=") == std::string::npos);
  CHECK(html.find("<link") == std::string::npos);
  // The only http:// is the SVG namespace name, which is an identifier, not a fetch.
  std::string without_namespace = html;
  const std::string svg_ns = "http://www.w3.org/2000/svg";
  without_namespace.erase(without_namespace.find(svg_ns), svg_ns.size());
  CHECK(without_namespace.find("http://") == std::string::npos);
  CHECK(html.find("https://") == std::string::npos);
  CHECK(html.find("@import") == std::string::npos);
  CHECK(html.find("url(") == std::string::npos);
  // The stylesheet and the script are inlined.
  CHECK(html.find("<style>\n/* kinship HTML report.") != std::string::npos);
  CHECK(html.find("document.body.setAttribute(\"data-ready\", \"1\")") != std::string::npos);
}

TEST_CASE("No model text can close the data block or open markup in the HTML report") {
  const std::string html = RenderHtml(HostileSample());
  const std::string data = DataBlock(html);
  CHECK(data.find('<') == std::string::npos);
  CHECK(data.find('>') == std::string::npos);
  CHECK(data.find('&') == std::string::npos);
  // Two scripts of ours, and no third from the data.
  std::size_t scripts = 0;
  for (std::size_t pos = html.find("<script"); pos != std::string::npos;
       pos = html.find("<script", pos + 1)) {
    ++scripts;
  }
  CHECK(scripts == 2);
  CHECK(html.find("<title>kinship report: &lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;</title>") !=
        std::string::npos);
}

TEST_CASE("The HTML data block parses back to the report's text") {
  const nlohmann::json data = nlohmann::json::parse(DataBlock(RenderHtml(HostileSample())));
  CHECK(data["format"] == "kinship-report/1");
  CHECK(data["run_id"] == "</title><script>alert(1)</script>");
  const auto& answers = data["answers"][0]["answers"];
  CHECK(answers[0]["text"] == "</script><script>alert('x')</script>");
  // NUL survives as a JSON escape; the invalid byte becomes U+FFFD.
  CHECK(answers[1]["text"] == std::string("nul ") + '\0' + " bad \xEF\xBF\xBD utf8");
  CHECK(data["provenance"].empty());
}

TEST_CASE("HtmlEscape escapes markup characters and replaces NUL and invalid bytes") {
  CHECK(HtmlEscape("<a href=\"x\">'&'</a>") ==
        "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
  CHECK(HtmlEscape(std::string("a\0b", 3)) == "a\xEF\xBF\xBD" "b");
  CHECK(HtmlEscape("\xFF") == "\xEF\xBF\xBD");
  CHECK(HtmlEscape("Қазақ 模型") == "Қазақ 模型");
}

TEST_CASE("ScriptSafeJson escapes angle brackets and ampersands only") {
  CHECK(ScriptSafeJson(R"({"a":"</script><!--&"})") ==
        R"({"a":"\u003c/script\u003e\u003c!--\u0026"})");
  CHECK(ScriptSafeJson(R"({"k":"Қазақ"})") == R"({"k":"Қазақ"})");
}

}  // namespace
}  // namespace kinship
