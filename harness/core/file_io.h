// Whole-file reads and atomic writes.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace kinship {

// The file's bytes. Throws ConfigError("path: cannot read: reason") when it cannot.
std::string ReadFileOrThrow(const std::filesystem::path& path);

// Writes via a temporary file in the same folder and rename(), so readers never see a
// half-written file. Throws std::runtime_error on failure.
void WriteFileAtomically(const std::filesystem::path& path, std::string_view contents);

}  // namespace kinship
