// The HTML report of the demo audit, rendered in headless Chromium: no JavaScript error, the
// audit's provenance verdicts present, and a screenshot kept under the build folder
// (build/demo-report-screenshot.png) for people to look at.
#include <filesystem>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "harness/core/file_io.h"

#include "tests/fakes/subprocess.h"
#include "tests/fakes/temp_dir.h"
#include "tests/report/browser.h"

using kinship::testing::Kinship;
using kinship::testing::RunProcess;
using kinship::testing::TempDir;
namespace fs = std::filesystem;

TEST_CASE("The demo run's HTML report renders in Chromium without errors", "[cli][html]") {
  TempDir dir;
  auto run_dir = dir.path() / "demo";
  REQUIRE(RunProcess(Kinship({"demo", "--out", run_dir.string(), "--quiet"})).exit_code == 0);
  fs::path page = run_dir / "report.html";
  REQUIRE(fs::exists(page));

  const std::string dom =
      kinship::testing::RenderedPart(kinship::testing::RunChromium("--dump-dom", page));
  INFO("body tag: " << kinship::testing::BodyTag(dom));
  CHECK(kinship::testing::BodyTag(dom).find("data-ready=\"1\"") != std::string::npos);
  CHECK(kinship::testing::BodyTag(dom).find("data-error") == std::string::npos);
  CHECK(dom.find("No provenance query in this report.") == std::string::npos);
  CHECK(dom.find("student-a") != std::string::npos);
  CHECK(dom.find("teacher-a") != std::string::npos);
  // The verdict the audit wrote is the one the page shows.
  const auto provenance =
      nlohmann::json::parse(kinship::ReadFileOrThrow(run_dir / "provenance.json"));
  CHECK(dom.find(provenance["candidates"][0]["verdict"].get<std::string>()) != std::string::npos);

  const fs::path screenshot = fs::path(KINSHIP_BUILD_DIR) / "demo-report-screenshot.png";
  fs::remove(screenshot);
  kinship::testing::RunChromium("--screenshot=" + screenshot.string(), page);
  REQUIRE(fs::exists(screenshot));
  CHECK(fs::file_size(screenshot) > 10000);
}
