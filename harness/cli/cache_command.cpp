// kinship cache: look at and trim the response cache (harness/cache/response_cache.h).
#include <algorithm>
#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <fmt/chrono.h>
#include <fmt/core.h>

#include "harness/cache/response_cache.h"
#include "harness/cache/size_and_age.h"
#include "harness/cli/command.h"
#include "harness/core/config_error.h"
#include "harness/core/did_you_mean.h"
#include "harness/core/exit_code.h"

namespace kinship {

namespace {

const std::vector<std::string>& Actions() {
  static const std::vector<std::string> actions = {"stats", "clear", "prune"};
  return actions;
}

std::filesystem::path CachePath(const ParsedFlags& flags) {
  if (flags.Has("cache")) {
    const std::string file = flags.Value("cache");
    if (file.empty()) throw ConfigError("--cache: needs a FILE");
    return file;
  }
  return DefaultCachePath();
}

std::string Stamp(std::chrono::system_clock::time_point when,
                  std::chrono::system_clock::time_point now) {
  const auto age = std::chrono::duration_cast<std::chrono::seconds>(now - when);
  return fmt::format("{:%Y-%m-%d %H:%M} UTC ({} ago)",
                     fmt::gmtime(std::chrono::system_clock::to_time_t(when)), FormatAge(age));
}

void PrintStats(const std::filesystem::path& file, const CacheStats& stats) {
  fmt::print("cache:   {}\n", file.string());
  fmt::print("entries: {}\n", stats.entries);
  fmt::print("size:    {} (database and write-ahead log)\n", FormatByteSize(stats.bytes));
  if (stats.oldest && stats.newest) {
    const auto now = std::chrono::system_clock::now();
    fmt::print("oldest:  {}\nnewest:  {}\n", Stamp(*stats.oldest, now), Stamp(*stats.newest, now));
  }
  if (!stats.per_model.empty()) {
    std::size_t width = 0;
    for (const auto& [model, count] : stats.per_model) width = std::max(width, model.size());
    fmt::print("per model:\n");
    for (const auto& [model, count] : stats.per_model) {
      fmt::print("  {:<{}}  {}\n", model, width, count);
    }
  }
}

int CacheMain(const ParsedFlags& flags) {
  if (flags.positionals.empty()) {
    throw ConfigError("cache: give an action: stats, clear or prune (see 'kinship cache --help')");
  }
  const std::string& action = flags.positionals[0];
  if (std::find(Actions().begin(), Actions().end(), action) == Actions().end()) {
    throw ConfigError("cache: unknown action '" + action + "'" + DidYouMean(action, Actions()) +
                      " (stats, clear, prune)");
  }
  if (flags.positionals.size() > 1) {
    throw ConfigError("cache " + action + ": unexpected argument '" + flags.positionals[1] + "'");
  }
  std::optional<std::chrono::seconds> older_than;
  std::optional<std::int64_t> max_size;
  if (flags.Has("older-than")) {
    const std::string text = flags.Value("older-than");
    older_than = ParseAge(text);
    if (!older_than) {
      throw ConfigError("--older-than: '" + text +
                        "' is not an age; write a number and a unit: 45s, 90m, 12h, 30d, 2w");
    }
  }
  if (flags.Has("max-size")) {
    const std::string text = flags.Value("max-size");
    max_size = ParseByteSize(text);
    if (!max_size) {
      throw ConfigError("--max-size: '" + text +
                        "' is not a size; write bytes or a unit: 800KB, 500MB, 2GB, 1.5GiB");
    }
  }
  if (action != "prune" && (older_than || max_size)) {
    throw ConfigError("cache " + action + ": --older-than and --max-size apply to 'prune' only");
  }
  if (action == "prune" && !older_than && !max_size) {
    throw ConfigError("cache prune: say what to remove with --older-than AGE, --max-size SIZE "
                      "or both (e.g. 'kinship cache prune --older-than 30d')");
  }

  const std::filesystem::path file = CachePath(flags);
  // Looking must not create: a typo in --cache should not leave an empty database behind.
  if (!std::filesystem::exists(file)) {
    fmt::print("no cache at {} (nothing has been cached there yet)\n", file.string());
    return kExitOk;
  }
  auto cache = ResponseCache::Open(file);
  if (action == "stats") {
    PrintStats(file, cache->Stats());
  } else if (action == "clear") {
    const std::int64_t removed = cache->Clear();
    fmt::print("removed {} entries from {}\n", removed, file.string());
  } else {
    const std::int64_t removed = cache->Prune(older_than, max_size);
    const CacheStats stats = cache->Stats();
    fmt::print("removed {} entries; {} left ({}) in {}\n", removed, stats.entries,
               FormatByteSize(stats.bytes), file.string());
  }
  return kExitOk;
}

}  // namespace

Command MakeCacheCommand() {
  Command command;
  command.name = "cache";
  command.summary = "show, clear or prune the response cache";
  command.usage = "kinship cache stats|clear|prune [--cache FILE] [--older-than AGE] [--max-size SIZE]";
  command.description =
      "Answers are cached so that a rerun sends no request that was already answered\n"
      "(errors are never cached). 'stats' prints the number of entries, the size on disk,\n"
      "the age range and the entries per model. 'clear' removes every entry (it is only a\n"
      "cache: nothing is asked). 'prune' removes entries stored more than --older-than ago\n"
      "and then, oldest first, as many as needed for the file to fit in --max-size.\n"
      "The cache is $KINSHIP_CACHE_DIR/cache.sqlite, else $XDG_CACHE_HOME/kinship/cache.sqlite,\n"
      "else ~/.cache/kinship/cache.sqlite; --cache FILE picks another. It is safe to run\n"
      "these while 'kinship run' is using the same cache.\n"
      "AGE is a number and a unit: 45s, 90m, 12h, 30d, 2w. SIZE is bytes or a number and\n"
      "a unit: 800KB, 500MB, 2GB (powers of 1000) or 512MiB, 1.5GiB (powers of 1024).";
  command.examples =
      "  kinship cache stats\n"
      "  kinship cache prune --older-than 30d\n"
      "  kinship cache prune --max-size 500MB\n"
      "  kinship cache prune --older-than 12h --max-size 2GB --cache /scratch/kinship.sqlite\n"
      "  kinship cache clear\n";
  command.flags = {
      {"cache", FlagKind::kValue, "FILE", "the cache file (default: see above)"},
      {"older-than", FlagKind::kValue, "AGE", "prune: remove entries stored longer ago than AGE"},
      {"max-size", FlagKind::kValue, "SIZE", "prune: then remove the oldest until the file fits"},
  };
  command.run = CacheMain;
  return command;
}

}  // namespace kinship
