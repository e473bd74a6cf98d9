#!/usr/bin/env bash
# Installs the Debian packages kinship needs, when they are missing.
# As root (or with passwordless sudo) it installs them; otherwise it prints the one
# apt-get line to run and exits 1. Nothing is downloaded at build time.
set -euo pipefail

packages=(
  g++ cmake ninja-build ccache make
  libboost1.81-dev libboost-program-options1.81-dev
  libfmt-dev nlohmann-json3-dev catch2 libyaml-dev libsqlite3-dev
  libssl-dev libicu-dev ca-certificates openssl python3
  liburing-dev  # the io_uring HTTP transport module (harness/net/transport_module.h)
)
# Extra packages only the test suite needs (the fake TLS server, browser screenshot).
if [ "${1:-}" = "--tests" ]; then
  # chromium: tests/report renders the HTML report headless and fails on JavaScript errors.
  packages+=(chromium ${KINSHIP_TEST_PACKAGES:-})
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

line="apt-get install -y --no-install-recommends ${missing[*]}"
if [ "$(id -u)" -eq 0 ]; then
  sudo=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  sudo="sudo"
else
  echo "kinship: missing Debian packages: ${missing[*]}" >&2
  echo "Run this once as root, then try again:" >&2
  echo "  sudo apt-get update && sudo $line" >&2
  exit 1
fi
echo "kinship: installing ${missing[*]}" >&2
$sudo apt-get update -q >&2
DEBIAN_FRONTEND=noninteractive $sudo $line >&2
