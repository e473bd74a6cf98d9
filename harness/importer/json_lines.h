// ForEachJsonLine: the loop every JSONL import source shares. Streams `file` through a
// LineReader (bytes fed to `hasher` when not null), skips blank lines, parses each other
// line as one JSON object and hands it to `row` with its location (file, 1-based line).
// A line that is not a JSON object throws ConfigError at that location; whatever `row`
// throws propagates unchanged.
#pragma once

#include <filesystem>
#include <functional>

#include <nlohmann/json_fwd.hpp>

#include "harness/core/config_error.h"
#include "harness/core/hash.h"

namespace kinship {

using JsonLineVisitor = std::function<void(const nlohmann::json& row, const SourceLocation& where)>;

void ForEachJsonLine(const std::filesystem::path& file, Sha256Stream* hasher,
                     const JsonLineVisitor& row);

}  // namespace kinship
