#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
#
# Runs `rampart scan` and `trivy fs` on the same folders in the same run and
# prints, per folder and per tool: wall time (hyperfine, mean and spread),
# user and system CPU (hyperfine's means), peak resident memory (one run
# under /usr/bin/time -v) and the findings each tool reports, by scanner.
# The figures in docs/benchmarks.md ("Side by side with Trivy") come from it.
#
#   bench/compare-trivy.sh RAMPART TRIVY OUTDIR TREE...
#
# Environment (defaults in brackets):
#   RUNS [5], WARMUP [1]        hyperfine runs per command
#   RAMPART_SCANNERS [misconfig,secret]
#   TRIVY_SCANNERS   [config,secret]  ("misconfig" in newer Trivy releases)
#   RAMPART_DB       [none]     vulnerability store, only for the vuln scanner
#
# Trivy is run fully offline (no DB, check or policy downloads) and, like
# rampart, inside a fresh network namespace (`unshare -n`, needs root), so
# neither tool can reach anything but its own loopback. Both write JSON to
# /dev/null while timed; one more run of each keeps its JSON in OUTDIR for
# the finding counts. Wall time depends on whatever else runs on the
# machine: read the CPU columns on a shared host.
set -euo pipefail
usage="usage: compare-trivy.sh RAMPART TRIVY OUTDIR TREE..."
rampart=$(realpath "${1:?$usage}")
trivy=$(realpath "${2:?$usage}")
outdir=${3:?$usage}
shift 3
(( $# > 0 )) || { echo "$usage" >&2; exit 2; }

runs=${RUNS:-5}
warmup=${WARMUP:-1}
rampart_scanners=${RAMPART_SCANNERS:-misconfig,secret}
trivy_scanners=${TRIVY_SCANNERS:-config,secret}
mkdir -p "$outdir/trivy-cache"
cache=$(realpath "$outdir/trivy-cache")
netns=(unshare -n)

rampart_args() {  # TREE OUTPUT
  local args=(scan "$1" --scanners "$rampart_scanners" --format json
              -o "$2" --exit-code 0 --quiet --offline)
  [[ -n ${RAMPART_DB:-} ]] && args+=(--db "$RAMPART_DB")
  echo "${args[@]}"
}

trivy_args() {  # TREE OUTPUT
  echo fs --scanners "$trivy_scanners" --offline-scan --skip-db-update \
    --skip-policy-update --skip-java-db-update --cache-dir "$cache" \
    --timeout 60m --quiet --format json -o "$2" "$1"
}

# Prints "elapsed user system maxrss_kb" of one run under /usr/bin/time -v.
time_one() {
  local log
  log=$(mktemp)
  /usr/bin/time -v -o "$log" "${netns[@]}" "$@" >/dev/null 2>&1
  awk -F': ' '
    /Elapsed \(wall clock\)/ { n = split($2, p, ":"); w = 0
                               for (i = 1; i <= n; i++) w = w * 60 + p[i] }
    /User time/ { u = $2 } /System time/ { s = $2 }
    /Maximum resident set size/ { m = $2 }
    END { printf "%.2f %.2f %.2f %d\n", w, u, s, m }' "$log"
  rm -f "$log"
}

# Counts the findings of one JSON report, by scanner.
count_findings() {  # rampart|trivy FILE
  python3 - "$1" "$2" <<'EOF'
import collections, json, sys
tool, path = sys.argv[1], sys.argv[2]
report = json.load(open(path))
counts = collections.Counter()
if tool == "rampart":
    for finding in report.get("findings", []):
        counts[finding["scanner"]] += 1
else:
    for result in report.get("Results") or []:
        counts["misconfig"] += len(result.get("Misconfigurations") or [])
        counts["secret"] += len(result.get("Secrets") or [])
        counts["vuln"] += len(result.get("Vulnerabilities") or [])
print(", ".join(f"{k} {v}" for k, v in sorted(counts.items()) if v) or "none")
EOF
}

for tree in "$@"; do
  name=$(basename "$tree")
  echo "== $tree ($(find "$tree" -type f | wc -l) files," \
       "$(du -sh "$tree" | cut -f1))"

  # shellcheck disable=SC2046  # the argument lists hold no spaces
  hyperfine -N --warmup "$warmup" --runs "$runs" --style basic \
    --export-json "$outdir/$name-hyperfine.json" \
    -n rampart "${netns[*]} $rampart $(rampart_args "$tree" /dev/null)" \
    -n trivy "${netns[*]} $trivy $(trivy_args "$tree" /dev/null)" \
    >"$outdir/$name-hyperfine.txt"

  # shellcheck disable=SC2046
  read -r rw ru rs rm_kb <<<"$(time_one "$rampart" \
    $(rampart_args "$tree" "$outdir/$name-rampart.json"))"
  # shellcheck disable=SC2046
  read -r tw tu ts tm_kb <<<"$(time_one "$trivy" \
    $(trivy_args "$tree" "$outdir/$name-trivy.json"))"

  python3 - "$outdir/$name-hyperfine.json" <<'EOF'
import json, sys
for r in json.load(open(sys.argv[1]))["results"]:
    print(f'{r["command"]}: wall mean {r["mean"]:.3f} s +- {r["stddev"]:.3f} '
          f'(min {r["min"]:.3f}, max {r["max"]:.3f}, {len(r["times"])} runs), '
          f'user {r["user"]:.3f} s, system {r["system"]:.3f} s')
EOF
  echo "rampart /usr/bin/time -v: ${rw} s wall, ${ru} user, ${rs} sys," \
       "peak RSS $(( rm_kb / 1024 )) MiB;" \
       "findings: $(count_findings rampart "$outdir/$name-rampart.json")"
  echo "trivy   /usr/bin/time -v: ${tw} s wall, ${tu} user, ${ts} sys," \
       "peak RSS $(( tm_kb / 1024 )) MiB;" \
       "findings: $(count_findings trivy "$outdir/$name-trivy.json")"
done
