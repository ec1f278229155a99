# SPDX-License-Identifier: Apache-2.0
#
# Shared by load.sh and soak.sh: a throw-away certificate, the seed-era
# policy, and a `rampart serve` on 127.0.0.1 that is ready to answer.
# Sourced, not run. Sets WORK, PORT, SERVER_PID; stop_server() cleans up.

RAMPART="${RAMPART:-build/serve/bin/rampart}"
PORT="${PORT:-18443}"
SERVER_THREADS="${SERVER_THREADS:-2}"
WORK="$(mktemp -d)"

stop_server() {
  if [ -n "${SERVER_PID:-}" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID"
    wait "$SERVER_PID" || true
  fi
  rm -rf "$WORK"
}
trap stop_server EXIT

start_server() {
  # BUNDLED=1 adds rampart's bundled check library to the seed rule.
  local bundled_flag="--no-bundled"
  [ "${BUNDLED:-0}" = 1 ] && bundled_flag=""
  openssl req -x509 -nodes -newkey ec -pkeyopt ec_paramgen_curve:P-256 \
    -keyout "$WORK/tls.key" -out "$WORK/tls.crt" -days 1 \
    -subj "/CN=localhost" -addext "subjectAltName=IP:127.0.0.1" 2>/dev/null
  mkdir -p "$WORK/policy"
  cat > "$WORK/policy/seed.rego" <<'REGO'
package kubernetes.admission

deny[msg] {
  input.request.kind.kind == "Pod"
  not input.request.object.spec.containers[_].securityContext.runAsNonRoot
  msg := "Containers must not run as root"
}
REGO
  "$RAMPART" serve --addr "127.0.0.1:$PORT" \
    --tls-cert "$WORK/tls.crt" --tls-key "$WORK/tls.key" \
    --policy "$WORK/policy" $bundled_flag \
    --threads "$SERVER_THREADS" --decision-log "$WORK/decisions.log" \
    2> "$WORK/server.log" &
  SERVER_PID=$!
  for _ in $(seq 1 100); do
    if curl -fs --cacert "$WORK/tls.crt" \
        "https://127.0.0.1:$PORT/readyz" >/dev/null 2>&1; then
      return 0
    fi
    sleep 0.1
  done
  echo "server did not become ready:" >&2
  cat "$WORK/server.log" >&2
  exit 2
}

rss_kb() {
  awk '/^VmRSS:/ {print $2}' "/proc/$SERVER_PID/status"
}
