// The units people type for cache limits: ages ("30d", "12h", "90m", "2w", "45s") and
// sizes ("500MB", "1.5GiB", "800k", "4096"). Used by `kinship cache prune`; here rather
// than in the CLI so they are tested on their own. Stateless, thread-safe; parse
// functions return nullopt for anything malformed (the caller knows which flag it was).
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace kinship {

// A positive whole number (or decimal) followed by s, m, h, d or w. No unit is an error:
// "30" could mean seconds or days, and a wrong guess deletes the wrong entries.
std::optional<std::chrono::seconds> ParseAge(std::string_view text);

// A non-negative number with an optional unit, case-insensitive: B, K/KB, M/MB, G/GB,
// T/TB (powers of 1000) or KiB, MiB, GiB, TiB (powers of 1024). No unit means bytes.
std::optional<std::int64_t> ParseByteSize(std::string_view text);

// "0 B", "812 B", "14.2 KB", "3.1 MB", "1.2 GB" (powers of 1000, as ParseByteSize reads).
std::string FormatByteSize(std::int64_t bytes);

// "45s", "12m", "5h", "3d" — the largest whole unit, for "oldest entry 3d ago".
std::string FormatAge(std::chrono::seconds age);

}  // namespace kinship
