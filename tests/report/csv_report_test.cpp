#include "harness/report/csv_report.h"

#include <catch2/catch.hpp>

#include "tests/report/sample_report.h"

namespace kinship {
namespace {

constexpr const char* kGolden =
    "signal,model_a,model_b,value,n,p_value,effect\r\n"
    "first-words,teacher,teacher,0.9,2,,\r\n"
    "first-words,teacher,student,0.8,2,,\r\n"
    "first-words,teacher,模型,0.1,2,,\r\n"
    "first-words,student,student,,0,,\r\n"
    "first-words,student,模型,0.2,1,,\r\n"
    "first-words,模型,模型,1,2,,\r\n";

TEST_CASE("The CSV report has one row per model pair and measure") {
  CHECK(RenderCsv(testing::SampleReport()) == kGolden);
}

TEST_CASE("CSV provenance rows carry each signal's p-value and effect") {
  PanelReport report = testing::SampleReport();
  report.matrices.clear();
  ReportProvenance verdict;
  verdict.suspect = "student";
  verdict.candidate = "teacher";
  verdict.signals = {{"first-words", 0.02, 0.25}, {"identity", 0.5, -0.125}};
  report.provenance.push_back(verdict);
  CHECK(RenderCsv(report) ==
        "signal,model_a,model_b,value,n,p_value,effect\r\n"
        "first-words,student,teacher,,,0.02,0.25\r\n"
        "identity,student,teacher,,,0.5,-0.125\r\n");
}

TEST_CASE("CSV text cells are quoted, and formulas and bad bytes neutralised") {
  CHECK(CsvTextCell("plain") == "plain");
  CHECK(CsvTextCell("a,b") == "\"a,b\"");
  CHECK(CsvTextCell("say \"hi\"") == "\"say \"\"hi\"\"\"");
  CHECK(CsvTextCell("two\nlines") == "\"two\nlines\"");
  CHECK(CsvTextCell("=HYPERLINK(\"x\")") == "\"'=HYPERLINK(\"\"x\"\")\"");
  CHECK(CsvTextCell("+1") == "'+1");
  CHECK(CsvTextCell("@sum") == "'@sum");
  CHECK(CsvTextCell(std::string("a\0b", 3)) == "a\xEF\xBF\xBD" "b");
  CHECK(CsvTextCell("\xFF") == "\xEF\xBF\xBD");
  CHECK(CsvTextCell("Қазақ") == "Қазақ");
}

}  // namespace
}  // namespace kinship
