// Whole-file reads and atomic writes.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace kinship {

// The file's bytes. Throws ConfigError("path: cannot read: reason") when it cannot.
std::string ReadFileOrThrow(const std::filesystem::path& path);

// When a written file is made durable against power loss (fsync).
enum class Durability {
  kSynced,    // before the call returns
  kDeferred,  // by the caller, later (DeferredSync); a process crash loses nothing either way
};

// Writes via a temporary file in the same folder and rename(), so readers never see a
// half-written file. Throws std::runtime_error on failure. kSynced fsyncs the data before
// the rename; kDeferred leaves the fsync of the file and its folder to the caller.
void WriteFileAtomically(const std::filesystem::path& path, std::string_view contents,
                         Durability durability = Durability::kSynced);

// fsync of a file or a folder (a folder's sync makes the names created in it durable).
// Throws std::runtime_error naming the path and the reason.
void SyncPath(const std::filesystem::path& path);

}  // namespace kinship
