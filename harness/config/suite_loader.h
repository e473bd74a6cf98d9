// Loads suite files (YAML, format in suites/README.md) into Suite values.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "harness/config/prompt.h"

namespace kinship {

// Parses, validates and expands one suite file. Every problem throws ConfigError naming
// file, line, column and field: unknown keys (with did-you-mean), wrong types, duplicate
// ids, empty prompts, bad templates, dataset paths that escape the suite's folder.
Suite LoadSuite(const std::filesystem::path& file);

// Resolves a command-line suite argument: an existing file path is used as is; otherwise
// a bare name is looked up as <dir>/<name>.yaml in each search dir (KINSHIP_SUITES_DIR,
// then the built-in suites folder). Throws ConfigError with did-you-mean over the
// built-in names when nothing matches.
std::filesystem::path ResolveSuitePath(std::string_view name_or_path);

// Names of the suites in the search dirs (for `kinship list suites` and did-you-mean).
std::vector<std::string> ListBuiltinSuites();

}  // namespace kinship
