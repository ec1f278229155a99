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
peak=0
for _ in $(seq "$runs"); do
  out=$( { /usr/bin/time -f '%e %M' "$rampart" scan "$tree" --format json \
           --exit-code 0 --quiet "$@" >/dev/null; } 2>&1 | tail -n 1)
  times+=("${out% *}")
  kb=${out#* }
  (( kb > peak )) && peak=$kb
done
sorted=$(printf '%s\n' "${times[@]}" | sort -n)
best=$(echo "$sorted" | head -n 1)
median=$(echo "$sorted" | sed -n "$(( (runs + 1) / 2 ))p")
summary=$("$rampart" scan "$tree" --format json --exit-code 0 --quiet "$@" |
  python3 -c 'import json,sys; s=json.load(sys.stdin)["summary"]; print(
    f"{s[\"files_walked\"]} files walked, {s[\"files_scanned\"]} scanned, "
    f"{s[\"bytes_scanned\"]/1e6:.1f} MB, {s[\"total\"]} findings")')
echo "tree: $tree"
echo "scan: $summary"
echo "wall: best ${best} s, median ${median} s over ${runs} runs (nproc $(nproc))"
echo "peak RSS: $(( peak / 1024 )) MiB"
