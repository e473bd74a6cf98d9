#include "harness/cache/response_cache.h"

#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <cstdlib>
#include <fstream>
#include <limits>
#include <sstream>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>

#include "harness/cache/response_cache_key.h"
#include "harness/core/config_error.h"
#include "harness/core/hash.h"
#include "tests/fakes/temp_dir.h"

namespace {

using kinship::Completion;
using kinship::ModelConfig;
using kinship::ResponseCache;
using kinship::testing::TempDir;
using namespace std::chrono_literals;

ModelConfig Model(const std::string& adapter = "openai", const std::string& model = "gpt-4o") {
  ModelConfig config;
  config.name = "panel-" + model;
  config.adapter = adapter;
  config.model = model;
  return config;
}

Completion Answer(const std::string& output) {
  Completion c;
  c.ok = true;
  c.output = output;
  c.finish_reason = "stop";
  c.input_tokens = 12;
  c.output_tokens = 34;
  return c;
}

// Distinct, realistic-looking keys for bulk tests.
std::string KeyOf(int i) { return kinship::Sha256Hex("entry-" + std::to_string(i)); }

// Every field a record needs, compared one by one so a failure names the field.
void CheckSame(const Completion& got, const Completion& want) {
  CHECK(got.ok);
  CHECK(got.output == want.output);
  CHECK(got.reasoning == want.reasoning);
  CHECK(got.finish_reason == want.finish_reason);
  CHECK(got.input_tokens == want.input_tokens);
  CHECK(got.output_tokens == want.output_tokens);
  CHECK(got.reasoning_tokens == want.reasoning_tokens);
  CHECK(got.served_model == want.served_model);
  CHECK(got.system_fingerprint == want.system_fingerprint);
  CHECK(got.error.empty());
  CHECK(got.error_kind.empty());
  REQUIRE(got.logprobs.size() == want.logprobs.size());
  for (std::size_t i = 0; i < want.logprobs.size(); ++i) {
    INFO("token " << i);
    CHECK(got.logprobs[i].token == want.logprobs[i].token);
    const double a = got.logprobs[i].logprob;
    const double b = want.logprobs[i].logprob;
    CHECK((a == b || (std::isnan(a) && std::isnan(b))));
    CHECK(got.logprobs[i].top == want.logprobs[i].top);
  }
}

// A file's bytes, or "" when it does not exist (the WAL goes away when the cache closes).
std::string Slurp(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// Sets the schema version behind the cache's back, as a newer kinship would.
void SetSchemaVersion(const std::filesystem::path& file, int version) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(file.c_str(), &db) == SQLITE_OK);
  const std::string sql =
      "UPDATE kinship_cache_meta SET value = " + std::to_string(version) +
      " WHERE name = 'schema_version'";
  CHECK(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK);
  sqlite3_close(db);
}

}  // namespace

TEST_CASE("A stored answer comes back with every field byte-exact", "[cache]") {
  TempDir dir;
  auto cache = ResponseCache::Open(dir.path() / "cache.sqlite");
  Completion want;
  want.ok = true;
  want.output = "Астана — Қазақстанның астанасы. 北京是中国的首都。 عاصمة مصر هي القاهرة.";
  want.output += std::string("\0 after a NUL, and a broken byte \xD3", 33);
  want.reasoning = "Ойлау: 首先… ثم";
  want.finish_reason = "length";
  want.input_tokens = 0;
  want.output_tokens = 4096;
  want.reasoning_tokens = -1;
  want.served_model = "gpt-4o-2024-08-06";
  want.system_fingerprint = "fp_3aa7262c27";
  want.logprobs = {
      {"Аст", -0.0001234567890123, {{"Аст", -0.0001234567890123}, {"Ас", -9.5}}},
      {std::string("\xE4\xB8", 2), -std::numeric_limits<double>::infinity(), {}},  // half of 中
      {"", 0.0, {{"\n", -1e-300}}},
      {"ة", std::nan(""), {}},
  };
  cache->Store("k1", Model(), want);
  auto got = cache->Lookup("k1");
  REQUIRE(got);
  CheckSame(*got, want);

  // Also after the process "restarts".
  cache.reset();
  cache = ResponseCache::Open(dir.path() / "cache.sqlite");
  got = cache->Lookup("k1");
  REQUIRE(got);
  CheckSame(*got, want);
}

TEST_CASE("An answer without logprobs or reasoning round-trips as empty", "[cache]") {
  TempDir dir;
  auto cache = ResponseCache::Open(dir.path() / "cache.sqlite");
  Completion want = Answer("");
  cache->Store("empty", Model(), want);
  auto got = cache->Lookup("empty");
  REQUIRE(got);
  CheckSame(*got, want);
}

TEST_CASE("Errors are never cached", "[cache]") {
  TempDir dir;
  auto cache = ResponseCache::Open(dir.path() / "cache.sqlite");
  Completion error;
  error.ok = false;
  error.output = "partial";
  error.error = "HTTP 429: slow down";
  error.error_kind = "http_429";
  cache->Store("k", Model(), error);
  CHECK_FALSE(cache->Lookup("k"));
  CHECK(cache->Stats().entries == 0);
  // An error after a good answer does not evict it either.
  cache->Store("k", Model(), Answer("good"));
  cache->Store("k", Model(), error);
  auto got = cache->Lookup("k");
  REQUIRE(got);
  CHECK(got->output == "good");
}

TEST_CASE("Storing a key again replaces its answer", "[cache]") {
  TempDir dir;
  auto cache = ResponseCache::Open(dir.path() / "cache.sqlite");
  cache->Store("k", Model(), Answer("first"));
  cache->Store("k", Model(), Answer("second"));
  CHECK(cache->Lookup("k")->output == "second");
  CHECK(cache->Stats().entries == 1);
}

TEST_CASE("Stats count entries per model, hits, misses and the age range", "[cache]") {
  TempDir dir;
  auto now = std::chrono::system_clock::time_point(1'700'000'000s);
  auto cache = ResponseCache::Open(dir.path() / "cache.sqlite", [&] { return now; });
  auto empty = cache->Stats();
  CHECK(empty.entries == 0);
  CHECK_FALSE(empty.oldest);
  CHECK_FALSE(empty.newest);
  cache->Store("a", Model("openai", "gpt-4o"), Answer("1"));
  now += 1h;
  cache->Store("b", Model("openai", "gpt-4o"), Answer("2"));
  cache->Store("c", Model("sim", "teacher-a"), Answer("3"));
  CHECK(cache->Lookup("a"));
  CHECK(cache->Lookup("c"));
  CHECK_FALSE(cache->Lookup("zzz"));
  auto stats = cache->Stats();
  CHECK(stats.entries == 3);
  CHECK(stats.hits == 2);
  CHECK(stats.misses == 1);
  CHECK(stats.failures == 0);
  CHECK(stats.bytes > 0);
  CHECK(stats.per_model == std::map<std::string, std::int64_t>{{"openai/gpt-4o", 2},
                                                               {"sim/teacher-a", 1}});
  REQUIRE(stats.oldest);
  REQUIRE(stats.newest);
  CHECK(*stats.oldest == std::chrono::system_clock::time_point(1'700'000'000s));
  CHECK(*stats.newest == std::chrono::system_clock::time_point(1'700'003'600s));
}

TEST_CASE("Clear removes every entry and says how many", "[cache]") {
  TempDir dir;
  auto cache = ResponseCache::Open(dir.path() / "cache.sqlite");
  for (int i = 0; i < 25; ++i) cache->Store(KeyOf(i), Model(), Answer("x"));
  CHECK(cache->Clear() == 25);
  CHECK(cache->Stats().entries == 0);
  CHECK_FALSE(cache->Lookup(KeyOf(3)));
  CHECK(cache->Clear() == 0);
}

TEST_CASE("Prune by age removes exactly the entries older than the limit", "[cache]") {
  TempDir dir;
  auto now = std::chrono::system_clock::time_point(1'700'000'000s);
  auto cache = ResponseCache::Open(dir.path() / "cache.sqlite", [&] { return now; });
  for (int day = 0; day < 10; ++day) {
    cache->Store("day" + std::to_string(day), Model(), Answer("x"));
    now += 24h;
  }
  // now is day 10; entries of days 0..2 are more than 7 days old.
  CHECK(cache->Prune(7 * 24h, std::nullopt) == 3);
  CHECK_FALSE(cache->Lookup("day2"));
  CHECK(cache->Lookup("day3"));
  CHECK(cache->Stats().entries == 7);
  CHECK(cache->Prune(30 * 24h, std::nullopt) == 0);
  CHECK(cache->Prune(std::nullopt, std::nullopt) == 0);
}

TEST_CASE("Prune by size keeps the newest entries and fits the file in the limit", "[cache]") {
  TempDir dir;
  const auto file = dir.path() / "cache.sqlite";
  auto now = std::chrono::system_clock::time_point(1'700'000'000s);
  auto cache = ResponseCache::Open(file, [&] { return now; });
  const int n = 2000;
  for (int i = 0; i < n; ++i) {
    cache->Store(KeyOf(i), Model(), Answer(std::string(1000, static_cast<char>('a' + i % 26))));
    now += 1s;
  }
  const std::int64_t before = cache->Stats().bytes;
  REQUIRE(before > 1'500'000);
  const std::int64_t limit = 500'000;
  const std::int64_t removed = cache->Prune(std::nullopt, limit);
  auto stats = cache->Stats();
  CHECK(stats.bytes <= limit);
  CHECK(removed == n - stats.entries);
  // Not needlessly aggressive: a 500 kB file holds well over 300 one-kB answers.
  CHECK(stats.entries > 300);
  CHECK(cache->Lookup(KeyOf(n - 1)));
  CHECK_FALSE(cache->Lookup(KeyOf(0)));
  // The survivors are exactly the newest ones.
  CHECK(cache->Lookup(KeyOf(static_cast<int>(n - stats.entries))));
  CHECK_FALSE(cache->Lookup(KeyOf(static_cast<int>(n - stats.entries - 1))));
  // A limit smaller than an empty database empties it rather than looping.
  cache->Prune(std::nullopt, 10);
  CHECK(cache->Stats().entries == 0);
}

TEST_CASE("Open creates missing folders", "[cache]") {
  TempDir dir;
  const auto file = dir.path() / "a" / "b" / "cache.sqlite";
  auto cache = ResponseCache::Open(file);
  CHECK(std::filesystem::exists(file));
}

TEST_CASE("A cache written by a newer kinship is refused with a clear error", "[cache]") {
  TempDir dir;
  const auto file = dir.path() / "cache.sqlite";
  { auto cache = ResponseCache::Open(file); }
  SetSchemaVersion(file, kinship::kCacheSchemaVersion + 1);
  try {
    ResponseCache::Open(file);
    FAIL("a newer schema was accepted");
  } catch (const std::runtime_error& e) {
    const std::string message = e.what();
    CHECK(message.find(file.string()) != std::string::npos);
    CHECK(message.find("newer kinship") != std::string::npos);
  }
  // The same version is fine.
  SetSchemaVersion(file, kinship::kCacheSchemaVersion);
  CHECK_NOTHROW(ResponseCache::Open(file));
}

TEST_CASE("A file that is not a database is refused, naming it", "[cache]") {
  TempDir dir;
  const auto file = dir.path() / "notes.txt";
  std::ofstream(file) << "these are not the bytes you are looking for\n"
                      << std::string(4096, 'x');
  try {
    ResponseCache::Open(file);
    FAIL("a text file was opened as a cache");
  } catch (const std::runtime_error& e) {
    CHECK(std::string(e.what()).find(file.string()) != std::string::npos);
  }
}

TEST_CASE("No secret is ever written to the cache file or its WAL", "[cache]") {
  TempDir dir;
  const auto file = dir.path() / "cache.sqlite";
  const std::string key_value = "sk-PLANTED-7f3a9c1e-SECRET";
  const std::string header_value = "hdr-PLANTED-42b8-SESSION";
  ::setenv("KINSHIP_TEST_PLANTED_KEY", key_value.c_str(), 1);
  ModelConfig model = Model();
  model.api_key_env = "KINSHIP_TEST_PLANTED_KEY";
  model.options = {{"headers", {{"X-Session", header_value}}},
                   {"extra_body", {{"api_key", key_value}}}};
  kinship::ModelRequest request;
  request.messages = {{kinship::Role::kUser, "hello"}};
  request.sampling.temperature = 0.0;
  request.sampling.max_tokens = 8;
  auto cache = ResponseCache::Open(file);
  const std::string key = kinship::ResponseCacheKey(model, request);
  cache->Store(key, model, Answer("world"));
  REQUIRE(cache->Lookup(key));
  // While open (the answer is in the WAL) and after closing (checkpointed into the file).
  for (int pass = 0; pass < 2; ++pass) {
    std::string bytes;
    for (const char* suffix : {"", "-wal", "-shm"}) bytes += Slurp(file.string() + suffix);
    INFO("pass " << pass);
    REQUIRE(bytes.find("world") != std::string::npos);  // the grep does see stored text
    CHECK(bytes.find(key_value) == std::string::npos);
    CHECK(bytes.find(header_value) == std::string::npos);
    CHECK(bytes.find("KINSHIP_TEST_PLANTED_KEY") == std::string::npos);
    cache.reset();
  }
  ::unsetenv("KINSHIP_TEST_PLANTED_KEY");
}

TEST_CASE("Eight threads storing and looking up at once lose nothing", "[cache][concurrency]") {
  TempDir dir;
  auto cache = ResponseCache::Open(dir.path() / "cache.sqlite");
  constexpr int kThreads = 8;
  constexpr int kPerThread = 500;
  std::atomic<int> wrong{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        const int id = t * kPerThread + i;
        cache->Store(KeyOf(id), Model(), Answer("answer " + std::to_string(id)));
        auto mine = cache->Lookup(KeyOf(id));
        if (!mine || mine->output != "answer " + std::to_string(id)) ++wrong;
        // Another thread's key: present or absent, never garbled.
        const int other = ((t + 1) % kThreads) * kPerThread + i;
        auto theirs = cache->Lookup(KeyOf(other));
        if (theirs && theirs->output != "answer " + std::to_string(other)) ++wrong;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  CHECK(wrong == 0);
  auto stats = cache->Stats();
  CHECK(stats.entries == kThreads * kPerThread);
  CHECK(stats.failures == 0);
  for (int id = 0; id < kThreads * kPerThread; ++id) {
    auto got = cache->Lookup(KeyOf(id));
    if (!got || got->output != "answer " + std::to_string(id)) ++wrong;
  }
  CHECK(wrong == 0);
}

TEST_CASE("Two processes writing one cache at the same time both complete", "[cache][concurrency]") {
  TempDir dir;
  const auto file = dir.path() / "shared" / "cache.sqlite";
  constexpr int kPerProcess = 2000;
  // The children block on this pipe until both exist, so their writes truly overlap.
  int gate[2];
  REQUIRE(::pipe(gate) == 0);
  std::vector<pid_t> children;
  for (int p = 0; p < 2; ++p) {
    const pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
      ::close(gate[1]);
      char byte;
      (void)::read(gate[0], &byte, 1);  // returns 0 when the parent closes its end
      int status = 0;
      try {
        auto cache = ResponseCache::Open(file);
        for (int i = 0; i < kPerProcess; ++i) {
          const int id = p * kPerProcess + i;
          cache->Store(KeyOf(id), Model("sim", "p" + std::to_string(p)),
                       Answer("from process " + std::to_string(p) + " #" + std::to_string(i)));
          if (i % 10 == 0) (void)cache->Lookup(KeyOf((1 - p) * kPerProcess + i));
        }
        auto stats = cache->Stats();
        if (stats.failures != 0) {
          std::fprintf(stderr, "child %d: %lld failures, last: %s\n", p,
                       static_cast<long long>(stats.failures), stats.last_failure.c_str());
          status = 3;
        }
      } catch (const std::exception& e) {
        std::fprintf(stderr, "child %d: %s\n", p, e.what());
        status = 4;
      }
      ::_exit(status);  // no Catch2 teardown, no atexit handlers in the child
    }
    children.push_back(pid);
  }
  ::close(gate[0]);
  ::close(gate[1]);
  for (pid_t pid : children) {
    int status = 0;
    REQUIRE(::waitpid(pid, &status, 0) == pid);
    REQUIRE(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
  }
  auto cache = ResponseCache::Open(file);
  auto stats = cache->Stats();
  CHECK(stats.entries == 2 * kPerProcess);
  CHECK(stats.per_model == std::map<std::string, std::int64_t>{{"sim/p0", kPerProcess},
                                                               {"sim/p1", kPerProcess}});
  int missing = 0;
  for (int p = 0; p < 2; ++p) {
    for (int i = 0; i < kPerProcess; ++i) {
      auto got = cache->Lookup(KeyOf(p * kPerProcess + i));
      if (!got || got->output != "from process " + std::to_string(p) + " #" + std::to_string(i)) {
        ++missing;
      }
    }
  }
  CHECK(missing == 0);
}

TEST_CASE("The default path follows KINSHIP_CACHE_DIR, then XDG_CACHE_HOME, then HOME",
          "[cache]") {
  auto saved = [](const char* name) -> std::optional<std::string> {
    const char* value = std::getenv(name);
    return value ? std::optional<std::string>(value) : std::nullopt;
  };
  const auto kinship_dir = saved("KINSHIP_CACHE_DIR");
  const auto xdg = saved("XDG_CACHE_HOME");
  const auto home = saved("HOME");
  ::setenv("KINSHIP_CACHE_DIR", "/k", 1);
  ::setenv("XDG_CACHE_HOME", "/x", 1);
  ::setenv("HOME", "/h", 1);
  CHECK(kinship::DefaultCachePath() == "/k/cache.sqlite");
  ::setenv("KINSHIP_CACHE_DIR", "", 1);
  CHECK(kinship::DefaultCachePath() == "/x/kinship/cache.sqlite");
  ::unsetenv("XDG_CACHE_HOME");
  CHECK(kinship::DefaultCachePath() == "/h/.cache/kinship/cache.sqlite");
  ::unsetenv("HOME");
  CHECK_THROWS_AS(kinship::DefaultCachePath(), kinship::ConfigError);
  auto restore = [](const char* name, const std::optional<std::string>& value) {
    if (value) {
      ::setenv(name, value->c_str(), 1);
    } else {
      ::unsetenv(name);
    }
  };
  restore("KINSHIP_CACHE_DIR", kinship_dir);
  restore("XDG_CACHE_HOME", xdg);
  restore("HOME", home);
}

// Not a unit test (hidden; timing is noise on shared machines): run with
//   ./build/tests/cache/cache_tests "[.bench]"
TEST_CASE("Benchmark: stores and lookups per second", "[.bench]") {
  TempDir dir;
  auto cache = ResponseCache::Open(dir.path() / "cache.sqlite");
  constexpr int kN = 100'000;
  std::vector<std::string> keys;
  std::vector<std::string> absent;
  for (int i = 0; i < kN; ++i) {
    keys.push_back(KeyOf(i));
    absent.push_back(KeyOf(kN + i));
  }
  const Completion answer = Answer(std::string(600, 'x'));
  // Wall time and this process's CPU time: on a shared, loaded machine the CPU time is
  // the steadier figure.
  struct Phase {
    std::chrono::steady_clock::time_point wall = std::chrono::steady_clock::now();
    std::clock_t cpu = std::clock();
    void Report(const char* what, int n) const {
      const double wall_s =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - wall).count();
      const double cpu_s = static_cast<double>(std::clock() - cpu) / CLOCKS_PER_SEC;
      std::printf("%-34s n=%d  wall %.3f s (%.0f/s)  cpu %.3f s (%.0f/s)\n", what, n, wall_s,
                  n / wall_s, cpu_s, n / cpu_s);
    }
  };
  {
    Phase phase;
    for (const auto& key : keys) cache->Store(key, Model(), answer);
    phase.Report("stores (one transaction each)", kN);
  }
  int hits = 0;
  {
    Phase phase;
    for (const auto& key : keys) hits += cache->Lookup(key).has_value();
    phase.Report("lookups, hits", kN);
  }
  {
    Phase phase;
    for (const auto& key : absent) hits += cache->Lookup(key).has_value();
    phase.Report("lookups, misses", kN);
  }
  {
    Phase phase;
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t) {
      threads.emplace_back([&, t] {
        for (int i = t; i < kN; i += 8) (void)cache->Lookup(keys[static_cast<std::size_t>(i)]);
      });
    }
    for (auto& thread : threads) thread.join();
    phase.Report("lookups, hits, 8 threads", kN);
  }
  std::printf("file %lld bytes\n", static_cast<long long>(cache->Stats().bytes));
  CHECK(hits == kN);
}
