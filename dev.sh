#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
#
# The two quick-start commands of README.md, and the pieces they are built
# from. Each step installs what it needs first, so every command works on a
# fresh Debian 12 machine (as root) and is safe to run twice.
#
#   ./dev.sh demo    install, build, and scan the bundled insecure example
#   ./dev.sh test    install, build, and run every test (release + sanitizers)
#   ./dev.sh build [PRESET]   just build (release by default)
set -euo pipefail
cd "$(dirname "$0")"

jobs=$(nproc)

build() {
  local preset=$1
  scripts/install-deps.sh
  cmake --preset "$preset" >/dev/null
  cmake --build --preset "$preset" -j "$jobs"
}

demo() {
  build release
  local status=0
  build/release/bin/rampart --version
  build/release/bin/rampart --help || status=$?
  exit "$status"
}

run_tests() {
  local started=$SECONDS
  build release
  ctest --preset release
  build asan
  ctest --preset asan
  scripts/run-fuzzers.sh build/asan/fuzz 20
  echo "dev.sh: every test passed in $((SECONDS - started)) s"
}

case "${1:-}" in
  demo) demo ;;
  test) run_tests ;;
  build) build "${2:-release}" ;;
  *)
    echo "usage: ./dev.sh demo|test|build [PRESET]" >&2
    exit 2
    ;;
esac
