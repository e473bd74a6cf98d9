// The HTML report's stylesheet and script, compiled into the binary from
// harness/report/assets/ by cmake/EmbedFiles.cmake, so a report needs no files at run
// time and the page loads nothing. Entries are named by file stem ("report" for both;
// use HtmlAsset to pick one by extension order). Static storage; read-only; thread-safe.
#pragma once

#include <span>
#include <string_view>

#include "harness/core/embedded_file.h"

namespace kinship {

// In CMake order: assets/report.css, then assets/report.js.
std::span<const EmbeddedFile> EmbeddedHtmlAssets();

}  // namespace kinship
