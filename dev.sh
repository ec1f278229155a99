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

# The vulnerability scanner needs OSV records in its store. A fresh clone
# has none and this machine cannot download them, so the demo imports the
# records shared beside the repository (../shared/osv) when they are there;
# elsewhere run `rampart db update` once instead.
demo() {
  build release
  local rampart=build/release/bin/rampart
  local db=build/demo/osv.db
  if [ ! -s "$db" ] && [ -d ../shared/osv ]; then
    mkdir -p build/demo
    "$rampart" db import --db "$db" ../shared/osv >/dev/null
  fi
  local status=0
  "$rampart" scan --db "$db" examples/insecure-app || status=$?
  # Exit 1 means findings at or above the threshold: the expected outcome.
  if [ "$status" -eq 1 ]; then status=0; fi
  exit "$status"
}

# Rego conformance through the CLI, as a user would run it; fails when the
# pass count drops below tests/rego/conformance/cli-floor.txt.
cli_conformance() {
  local floor
  floor=$(cat tests/rego/conformance/cli-floor.txt)
  local last
  last=$(python3 ../shared/tools/rego-conformance.py \
    --rampart build/release/bin/rampart --jobs "$jobs" ../shared/conformance |
    tail -n 1)
  echo "$last"
  local passed=${last#conformance: }
  passed=${passed%%/*}
  if [ "$passed" -lt "$floor" ]; then
    echo "dev.sh: CLI conformance $passed is below the floor $floor" >&2
    return 1
  fi
}

run_tests() {
  local started=$SECONDS
  build release
  ctest --preset release
  if [ -d ../shared/conformance ]; then cli_conformance; fi
  build asan
  ctest --preset asan
  scripts/run-fuzzers.sh build/asan/fuzz 5
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
