// Renders a CompareResult and its gate outcome: plain text for the terminal, Markdown
// (for a CI job summary or a pull-request comment) and JUnit (one test case per model and
// check, failing exactly when the corresponding gate would). Pure; never throws.
#pragma once

#include <string>
#include <vector>

#include "harness/compare/compare_gate.h"
#include "harness/report/junit_report.h"

namespace kinship {

std::string RenderCompareText(const CompareResult& result, const GateOptions& gate,
                              const GateOutcome& outcome);
std::string RenderCompareMarkdown(const CompareResult& result, const GateOptions& gate,
                                  const GateOutcome& outcome);
std::vector<JUnitSuite> CompareToJUnit(const CompareResult& result, const GateOptions& gate);

}  // namespace kinship
