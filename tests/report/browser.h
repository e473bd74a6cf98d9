// Runs the report in headless Chromium for the browser tests: --dump-dom gives the DOM after
// the page's script ran, --screenshot a PNG. The page writes body data-ready="1" when its
// script finished and data-error on any uncaught error, so no DevTools protocol is needed.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include <catch2/catch.hpp>

namespace kinship::testing {

inline constexpr const char* kChromium = "/usr/bin/chromium";

// Fails the test (not skips) without Chromium: scripts/setup.sh --tests installs it.
inline void RequireChromium() {
  if (!std::filesystem::exists(kChromium)) {
    FAIL("headless Chromium is missing at /usr/bin/chromium; run scripts/setup.sh --tests");
  }
}

// Runs Chromium with `mode` ("--dump-dom" or "--screenshot=PATH") on `page`; returns stdout.
inline std::string RunChromium(const std::string& mode, const std::filesystem::path& page) {
  RequireChromium();
  const std::filesystem::path profile =
      std::filesystem::temp_directory_path() / ("kinship-chromium-" + std::to_string(::getpid()));
  std::filesystem::create_directories(profile);
  const std::string command =
      std::string("timeout 120 ") + kChromium +
      " --headless --no-sandbox --disable-gpu --disable-quic --no-first-run"
      " --disable-background-networking --disable-component-update --disable-sync"
      " --window-size=1280,1600 --user-data-dir='" + profile.string() + "' " + mode +
      " 'file://" + std::filesystem::absolute(page).string() + "' 2>/dev/null";
  std::string out;
  if (FILE* pipe = ::popen(command.c_str(), "r")) {
    char buffer[65536];
    std::size_t got;
    while ((got = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) out.append(buffer, got);
    ::pclose(pipe);
  }
  std::error_code ignored;
  std::filesystem::remove_all(profile, ignored);
  return out;
}

// The <body ...> start tag of a dumped DOM ("" when there is none).
inline std::string BodyTag(const std::string& dom) {
  const std::size_t start = dom.find("<body");
  if (start == std::string::npos) return "";
  return dom.substr(start, dom.find('>', start) - start + 1);
}

// The dumped DOM without the report's own data block and script (which quote the hostile
// text as data): what the page's script drew, plus anything injected into it.
inline std::string RenderedPart(const std::string& dom) {
  return dom.substr(0, dom.find("<script type=\"application/json\""));
}

}  // namespace kinship::testing
