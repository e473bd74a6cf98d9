// The terminal summary of a panel report: aligned fixed-width tables (display width aware,
// so Chinese or Kazakh model names line up), ANSI colour only when asked. Model text is made
// terminal-safe and cut to one line, so it cannot inject escape sequences or break a table.
// Pure function; thread-safe; does not throw except std::bad_alloc.
#pragma once

#include <string>

#include "harness/report/panel_report.h"

namespace kinship {

std::string RenderTerminal(const PanelReport& report, bool color);

}  // namespace kinship
