#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
#
# Times a full `rampart scan` of a folder: wall time (best and median of
# RUNS runs), peak resident memory, and what was scanned, as the figures in
# docs/scan.md ("Performance") were taken.
#
#   bench/scan-tree.sh build/release/bin/rampart ../shared 5 [extra flags]
set -euo pipefail
rampart=${1:?usage: scan-tree.sh RAMPART TREE [RUNS] [FLAGS...]}
tree=${2:?usage: scan-tree.sh RAMPART TREE [RUNS] [FLAGS...]}
runs=${3:-5}
shift $(( $# < 3 ? $# : 3 ))

times=()
cpus=()
peak=0
for _ in $(seq "$runs"); do
  out=$( { /usr/bin/time -f '%e %U %S %M' "$rampart" scan "$tree" \
           --format json --exit-code 0 --quiet "$@" >/dev/null; } 2>&1 |
         tail -n 1)
  read -r wall user sys kb <<<"$out"
  times+=("$wall")
  cpus+=("$(python3 -c "print(round($user + $sys, 2))")")
  (( kb > peak )) && peak=$kb
done
sorted=$(printf '%s\n' "${times[@]}" | sort -n)
best=$(echo "$sorted" | head -n 1)
median=$(echo "$sorted" | sed -n "$(( (runs + 1) / 2 ))p")
summary=$("$rampart" scan "$tree" --format json --exit-code 0 --quiet "$@" |
  python3 -c '
import json, sys
s = json.load(sys.stdin)["summary"]
walked, scanned = s["files_walked"], s["files_scanned"]
megabytes, total = s["bytes_scanned"] / 1e6, s["total"]
print(f"{walked} files walked, {scanned} scanned, {megabytes:.1f} MB, "
      f"{total} findings")')
echo "tree: $tree"
echo "scan: $summary"
echo "wall: best ${best} s, median ${median} s over ${runs} runs (nproc $(nproc))"
cpu=$(printf '%s\n' "${cpus[@]}" | sort -n | head -n 1)
echo "cpu: best ${cpu} s user+sys (the wall time depends on other load)"
echo "peak RSS: $(( peak / 1024 )) MiB"
