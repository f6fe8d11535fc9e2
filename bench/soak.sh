#!/usr/bin/env bash
# Soak test: ten minutes of steady load on the packaged service while every access token expires each minute, so
# refreshes run all the time. See bench/README.md ("Soak").
#
#   bench/soak.sh                        # build, start, warm up, soak 10 minutes, print the verdicts
#   SOAK_DURATION=120 bench/soak.sh      # a shorter run (seconds)
#
# Checks: 0 errors (non-2xx answers, socket errors, ERROR lines in the service log); one refresh per account per
# expiry (the emulator's refresh counter per user, against the soak's length over the refresh interval); heap after a
# full GC (jcmd GC.run, then GC.heap_info) at the end within 10 % of the start. Writes target/soak/results.txt.
# Exits 0 whether or not a check is met (the verdict says MISSED); non-zero only when the soak cannot run.
#
# Settings of the service reach it through the environment (see bench/lib.sh). TOKEN_REFRESH_SKEW defaults to 10S
# here, or with one-minute tokens every use would refresh; when the service has rate limits, set them so that this
# load (SOAK_CONNECTIONS x 1000 / SOAK_DELAY_MS requests per second over SOAK_USERS sessions) stays under them, e.g.
# RATE_LIMIT_...=... bench/soak.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${SOAK_DURATION:-600}
WARMUP=${SOAK_WARMUP:-60}
USERS=${SOAK_USERS:-20}
CONNECTIONS=${SOAK_CONNECTIONS:-20}
DELAY_MS=${SOAK_DELAY_MS:-50}
TOKEN_LIFETIME=${SOAK_TOKEN_LIFETIME:-60}
HEAP_EVERY=${SOAK_HEAP_EVERY:-60}
export TOKEN_REFRESH_SKEW=${TOKEN_REFRESH_SKEW:-10S}
OUT=target/soak

LOG_TAG=soak
# shellcheck source=bench/lib.sh
source bench/lib.sh
trap stop_environment EXIT
trap 'exit 130' INT TERM

# heap_after_gc: the service's heap in use (KB) right after a full GC.
heap_after_gc() {
    jcmd "$SERVICE_PID" GC.run >/dev/null
    jcmd "$SERVICE_PID" GC.heap_info | sed -n 's/.*heap.* used \([0-9]*\)K.*/\1/p' | head -n 1
}

# refreshes_by_user: "username count" lines from the emulator's counters.
refreshes_by_user() {
    curl -fsS "$EMULATOR_URL/-/emulator/stats" | grep -o '"refreshesByUser":{[^}]*}' \
        | sed 's/.*{//; s/}//' | tr ',' '\n' | tr -d '"' | tr ':' ' ' | sed '/^$/d'
}

pick_jdk
log "JAVA_HOME=$JAVA_HOME"
install_wrk
mkdir -p "$OUT"
rm -f "$OUT"/wrk-*.txt "$OUT/heap.txt" "$OUT/results.txt"
build_service "$OUT"
export BENCH_USERS=$USERS BENCH_PROJECTS=${SOAK_PROJECTS:-20} BENCH_ACCESS_TOKEN_LIFETIME=$TOKEN_LIFETIME
start_environment "$OUT"
export SOAK_SESSIONS=$SESSIONS_FILE SOAK_DELAY_MS=$DELAY_MS

log "warm-up: ${WARMUP} s of the soak's load"
wrk -t 2 -c "$CONNECTIONS" -d "${WARMUP}s" --timeout 10s --latency -s bench/soak.lua "$SERVICE_URL" \
    > "$OUT/wrk-warmup.txt" 2>&1
heap_start=$(heap_after_gc)
curl -fsS -o /dev/null -X POST "$EMULATOR_URL/-/emulator/reset"
emulator_knobs "{\"accessTokenLifetimeSeconds\":$TOKEN_LIFETIME}"
errors_before=$(grep -c ' ERROR ' "$OUT/service.log" || true)
log "soak: ${DURATION} s, $CONNECTIONS connections pausing ${DELAY_MS} ms, $USERS users, tokens of ${TOKEN_LIFETIME} s" \
    "refreshed ${TOKEN_REFRESH_SKEW} before expiry; heap after GC at start ${heap_start} KB"
started=$(date +%s)
wrk -t 2 -c "$CONNECTIONS" -d "${DURATION}s" --timeout 10s --latency -s bench/soak.lua "$SERVICE_URL" \
    > "$OUT/wrk-soak.txt" 2>&1 &
WRK_PID=$!
echo "0 $heap_start" > "$OUT/heap.txt"
next_sample=$HEAP_EVERY
while kill -0 "$WRK_PID" 2>/dev/null; do
    sleep 1
    if [ $(( $(date +%s) - started )) -ge "$next_sample" ] && kill -0 "$WRK_PID" 2>/dev/null; then
        echo "$(( $(date +%s) - started )) $(heap_after_gc)" >> "$OUT/heap.txt"
        next_sample=$(( next_sample + HEAP_EVERY ))
    fi
done
wait "$WRK_PID"
heap_end=$(heap_after_gc)
echo "$(( $(date +%s) - started )) $heap_end" >> "$OUT/heap.txt"
result=$(grep '^BENCH_RESULT' "$OUT/wrk-soak.txt") || { log "wrk failed:"; cat "$OUT/wrk-soak.txt" >&2; exit 1; }
errors_logged=$(( $(grep -c ' ERROR ' "$OUT/service.log" || true) - errors_before ))
refresh_interval=$(( TOKEN_LIFETIME - ${TOKEN_REFRESH_SKEW%S} ))
refresh_counts=$(refreshes_by_user)

{
    echo "gitlab-link soak, $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
    echo "command: bench/soak.sh (SOAK_DURATION=$DURATION SOAK_WARMUP=$WARMUP SOAK_USERS=$USERS" \
        "SOAK_CONNECTIONS=$CONNECTIONS SOAK_DELAY_MS=$DELAY_MS SOAK_TOKEN_LIFETIME=$TOKEN_LIFETIME" \
        "TOKEN_REFRESH_SKEW=$TOKEN_REFRESH_SKEW)"
    echo "machine: $(nproc) CPUs, $(java -version 2>&1 | head -n 1); service heap ${BENCH_SERVICE_HEAP:-512m}"
    echo "load: ${result#BENCH_RESULT }"
    echo "heap after full GC (seconds into the soak, KB):" $(tr '\n' ';' < "$OUT/heap.txt")
    echo "refreshes per user:" $(echo "$refresh_counts" | awk '{ printf "%s=%s ", $1, $2 }')
    echo "$result" | tr ' ' '\n' | awk -F= -v logged="$errors_logged" '
        $1 == "status_errors" || $1 == "connect_errors" || $1 == "read_errors" || $1 == "write_errors" \
            || $1 == "timeouts" { e += $2 }
        END { printf "check errors: %d non-2xx or socket errors, %d ERROR lines in the service log -> %s\n",
            e, logged, (e + logged == 0 ? "MET" : "MISSED") }'
    echo "$refresh_counts" | awk -v d="$DURATION" -v i="$refresh_interval" -v n="$USERS" '
        { c[NR] = $2; if (min == "" || $2 < min) min = $2; if ($2 > max) max = $2; t += $2 }
        END { e = d / i; ok = (NR == n && min >= int(e) - 1 && max <= int(e) + 1);
            printf "check refreshes: expected %.1f per account (%d s / %d s between refreshes), got %d..%d over %d" \
                " of %d accounts (total %d) -> %s\n", e, d, i, min, max, NR, n, t, (ok ? "MET" : "MISSED") }'
    awk -v s="$heap_start" -v e="$heap_end" 'BEGIN {
        printf "check heap: %d KB at start, %d KB at end after full GC: %+.1f%% -> %s\n", s, e,
            100 * (e - s) / s, ((e - s) / s <= 0.10 && (s - e) / s <= 0.10 ? "MET" : "MISSED") }'
} | tee "$OUT/results.txt"
