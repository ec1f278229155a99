#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
#
# Soak of `rampart serve` (docs/benchmarks.md, "Admission webhook"): at
# least REQUESTS (default 1,000,000) requests over TLS on loopback with wrk,
# rotating a compliant Pod, a root Pod, a Deployment and a malformed body
# (soak.lua), while the server's resident memory is sampled every
# SAMPLE_SECONDS. Prints the samples, wrk's totals and the status codes;
# every 400 must be one of the malformed bodies and nothing else may fail.
#
# usage: bench/serve/soak.sh   (from the repository root; RAMPART=path to
#        the binary, REQUESTS, DURATION (default 200s), CONNECTIONS=50)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/common.sh"
DURATION="${DURATION:-200s}"
CONNECTIONS="${CONNECTIONS:-50}"
SAMPLE_SECONDS="${SAMPLE_SECONDS:-5}"

start_server
echo "rss_kb start $(rss_kb)"

( while kill -0 "$SERVER_PID" 2>/dev/null; do
    echo "rss_kb $(date +%s) $(rss_kb)"
    sleep "$SAMPLE_SECONDS"
  done ) > "$WORK/rss.log" 2>/dev/null &
sampler=$!

wrk -t2 -c"$CONNECTIONS" -d"$DURATION" -s "$here/soak.lua" \
  "https://127.0.0.1:$PORT/validate" | tee "$WORK/wrk.log"
kill "$sampler" 2>/dev/null || true
wait "$sampler" 2>/dev/null || true

sleep 1
echo "rss_kb end $(rss_kb)"
echo "rss samples (kB):" $(awk '{print $3}' "$WORK/rss.log")
echo "decision log lines: $(wc -l < "$WORK/decisions.log")"
errors="$(grep -c '"decision":"error"' "$WORK/decisions.log" || true)"
echo "decisions answered by the failure policy: $errors"
curl -s --cacert "$WORK/tls.crt" "https://127.0.0.1:$PORT/metrics" |
  grep -E '^rampart_(http_requests_total|admission_decisions_total)'
