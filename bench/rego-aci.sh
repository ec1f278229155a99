#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
#
# Whole-process timings of `rampart eval`, as docs/benchmarks.md ("Rego
# engine", the ACI command) reports them: hyperfine on
#   - an empty C program (what any process costs on this machine),
#   - `rampart eval 1` (rampart's start-up with no policy),
#   - the ACI command of rego-cpp's suite (regorus publishes 4.6 ms and
#     OPA 45.2 ms for it on their machine),
# then the CPU split of the ACI command from perf stat when perf exists.
#
#   bench/rego-aci.sh build/release/bin/rampart [RUNS]
set -euo pipefail
rampart=$(realpath "${1:?usage: rego-aci.sh RAMPART [RUNS]}")
runs=${2:-100}
aci=$(realpath "$(dirname "$0")/../../shared/conformance/rego-cpp/aci")

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
printf 'int main(void) { return 0; }\n' >"$scratch/empty.c"
cc -O2 -o "$scratch/empty" "$scratch/empty.c"

aci_command="$rampart eval -d framework.rego -d api.rego -d policy.rego \
-d data.json -i input.json data.framework.mount_overlay=x"

cd "$aci"
hyperfine -N --warmup 10 --runs "$runs" \
  -n 'empty C program' "$scratch/empty" \
  -n 'rampart eval 1' "$rampart eval 1" \
  -n 'ACI command' "$aci_command"

if command -v perf >/dev/null; then
  # shellcheck disable=SC2086 # the command is meant to split into words
  perf stat -r "$runs" -e task-clock,page-faults $aci_command 2>&1 >/dev/null |
    grep -E 'task-clock|page-faults|elapsed'
fi
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
