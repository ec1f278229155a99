#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
#
# Load benchmark of `rampart serve` over loopback with TLS (docs/benchmarks.md,
# "Admission webhook"). Starts the server with the seed-era runAsNonRoot rule
# (no bundled checks unless BUNDLED=1), then runs wrk twice:
#
#   1. unlimited: wrk -t2 -c50 -d30s --latency, as fast as the server answers;
#   2. paced: the same with each connection pausing 1/RATE_PER_CONNECTION s
#      (default 1/120 s) before each request, which with 50 connections
#      offers about 5,000 requests/s (Debian's wrk 4.1 has no -R; the pacing
#      is wrk's own delay() hook, see post.lua; wrk prints the rate reached).
#
# usage: bench/serve/load.sh   (from the repository root; RAMPART=path to
#        the binary, DURATION=30s, CONNECTIONS=50, SERVER_THREADS=2)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/common.sh"
DURATION="${DURATION:-30s}"
CONNECTIONS="${CONNECTIONS:-50}"

start_server
url="https://127.0.0.1:$PORT/validate"
echo "server pid $SERVER_PID, RSS $(rss_kb) kB before load" >&2

echo "== unlimited: wrk -t2 -c$CONNECTIONS -d$DURATION --latency"
wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -s "$here/post.lua" "$url"

rate="${RATE_PER_CONNECTION:-120}"
echo "== paced: each connection pauses 1/$rate s before each request"
RATE_PER_CONNECTION="$rate" \
  wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -s "$here/post.lua" "$url"

echo "server RSS $(rss_kb) kB after load" >&2
echo "decision log lines: $(wc -l < "$WORK/decisions.log")" >&2
echo "server-side latency histogram (both runs):"
curl -s --cacert "$WORK/tls.crt" "https://127.0.0.1:$PORT/metrics" |
  grep -E '^rampart_admission_duration_seconds'
