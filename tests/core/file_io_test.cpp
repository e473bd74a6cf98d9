#include "harness/core/file_io.h"

#include <filesystem>
#include <fstream>
#include <string>

#include <catch2/catch.hpp>

#include "harness/core/config_error.h"
#include "tests/fakes/temp_dir.h"

namespace kinship {
namespace {

namespace fs = std::filesystem;

using testing::TempDir;

TEST_CASE("ReadFileOrThrow returns every byte, NULs and invalid UTF-8 included", "[file_io]") {
  TempDir dir;
  std::string bytes = std::string("Сәлем 你好 مرحبا\n") + std::string("\0\xff\xfe end", 8);
  for (int i = 0; i < 5000; ++i) bytes += "line " + std::to_string(i) + "\n";  // > one page
  {
    std::ofstream out(dir.path() / "data.bin", std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  }
  CHECK(ReadFileOrThrow(dir.path() / "data.bin") == bytes);
  std::ofstream(dir.path() / "empty.txt").close();
  CHECK(ReadFileOrThrow(dir.path() / "empty.txt").empty());
}

TEST_CASE("ReadFileOrThrow reads files whose size stat does not know", "[file_io]") {
  // /proc files report size 0 but have contents: the reader must not trust st_size alone.
  const std::string status = ReadFileOrThrow("/proc/self/status");
  CHECK(status.find("Name:") == 0);
  CHECK(status.size() > 100);
}

TEST_CASE("ReadFileOrThrow names the path and the reason when it cannot read", "[file_io]") {
  TempDir dir;
  const fs::path missing = dir.path() / "missing.yaml";
  CHECK_THROWS_WITH(ReadFileOrThrow(missing),
                    missing.string() + ": cannot read: No such file or directory");
  CHECK_THROWS_AS(ReadFileOrThrow(missing), ConfigError);
  CHECK_THROWS_WITH(ReadFileOrThrow(dir.path()), dir.path().string() + ": cannot read: Is a directory");
}

TEST_CASE("WriteFileAtomically replaces the file and leaves no temporary behind", "[file_io]") {
  TempDir dir;
  const fs::path target = dir.path() / "manifest.json";
  WriteFileAtomically(target, "first");
  WriteFileAtomically(target, "second, longer");
  CHECK(ReadFileOrThrow(target) == "second, longer");
  int files = 0;
  for (const auto& entry : fs::directory_iterator(dir.path())) files += entry.is_regular_file();
  CHECK(files == 1);
}

}  // namespace
}  // namespace kinship
