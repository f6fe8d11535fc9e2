#!/usr/bin/env bash
# Sign-in benchmark: bursts of complete sign-ins (GET /login, GitLab's authorize and sign-in form, /auth/callback with
# the code exchange, userinfo, upsert and session, the restored /login) against the packaged service and the GitLab
# emulator at 0 ms latency. See bench/README.md ("Sign-in").
#
#   bench/signin.sh                          # build, start, warm-up burst, rounds of bursts (a) and (b), results
#   BENCH_SKIP_BUILD=1 bench/signin.sh       # reuse target/
#   SIGNIN_JFR=1 bench/signin.sh             # also record the service with JFR during the bursts (service.jfr)
#
# (a) SIGNIN_COUNT sign-ins of one identity, (b) SIGNIN_COUNT sign-ins of SIGNIN_COUNT identities (new ones each
# round), SIGNIN_CONCURRENCY at a time, SIGNIN_ROUNDS rounds of both. Targets: 0 errors in every round and a median
# p99 under 1 s. Writes target/signin/results.txt. Exits 0 whether or not a target is met (MISSED); non-zero only when
# the benchmark cannot run.
set -euo pipefail
cd "$(dirname "$0")/.."

COUNT=${SIGNIN_COUNT:-1000}
ROUNDS=${SIGNIN_ROUNDS:-3}
CONCURRENCY=${SIGNIN_CONCURRENCY:-50}
WARMUP_COUNT=${SIGNIN_WARMUP_COUNT:-1000}
WARMUP_IDENTITIES=${SIGNIN_WARMUP_IDENTITIES:-200}
P99_TARGET_MS=1000
OUT=target/signin

LOG_TAG=signin
source bench/lib.sh
trap stop_environment EXIT

pick_jdk
log "JAVA_HOME=$JAVA_HOME"
mkdir -p "$OUT"
build_service "$OUT"
# Users on the emulator only: line 0 is (a)'s identity, lines 1..ROUNDS*COUNT (b)'s, the rest the warm-up's.
export BENCH_DIR="$OUT" BENCH_PROJECTS=1 BENCH_SIGNIN_USERS=$((1 + ROUNDS * COUNT + WARMUP_IDENTITIES))
start_environment "$OUT"
emulator_knobs '{"latencyMs":0}'

# The burst comes from one address; the service's per-address sign-in limit must be out of its way. ServiceEnvironment
# sets it (LOAD_LIMITS); check that the running service got it rather than the default of 60 a minute.
limit=$(tr '\0' '\n' < "/proc/$SERVICE_PID/environ" | sed -n 's/^SIGN_IN_RATE_LIMIT=//p')
[ "${limit:-0}" -ge $((10 * (2 * ROUNDS * COUNT + WARMUP_COUNT))) ] \
    || { log "SIGN_IN_RATE_LIMIT of the service is '${limit:-default}', too low for the bench"; exit 1; }
log "service SIGN_IN_RATE_LIMIT=$limit (per address; the bursts stay far below it)"

driver() {
    java -cp "target/test-classes:$(cat "$OUT/classpath.txt")" dev.gitlablink.bench.SignInBench "$@"
}

RESULTS=()
HOP_LINES=()
# burst LABEL FIRST_USER IDENTITIES COUNT: one burst, with the CPU the service and the environment used and the load.
burst() {
    local label=$1 first=$2 identities=$3 count=$4 before after started ended out
    log "$label: $count sign-ins of $identities identities, $CONCURRENCY at a time"
    before="$(cpu_seconds "$SERVICE_PID") $(cpu_seconds "$ENV_PID")"; started=$(date +%s.%N)
    out=$(driver "$label" "$count" "$CONCURRENCY" "$first" "$identities")
    ended=$(date +%s.%N); after="$(cpu_seconds "$SERVICE_PID") $(cpu_seconds "$ENV_PID")"
    echo "$out" > "$OUT/driver-$label.txt"
    grep '^SIGNIN_ERROR' <<< "$out" >&2 || true
    HOP_LINES+=("$(grep '^SIGNIN_HOPS' <<< "$out")")
    RESULTS+=("$(grep '^SIGNIN_RESULT' <<< "$out") $(echo "$before $after $started $ended" | awk '{
        wall = $6 - $5; printf "svc_cpu=%.2f env_cpu=%.2f", ($3 - $1) / wall, ($4 - $2) / wall }') \
load=$(cut -d' ' -f1 /proc/loadavg)")
}

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
burst warmup $((1 + ROUNDS * COUNT)) "$WARMUP_IDENTITIES" "$WARMUP_COUNT"
if [ "${SIGNIN_JFR:-0}" = 1 ]; then
    jcmd "$SERVICE_PID" JFR.start name=signin settings=profile filename="$PWD/$OUT/service.jfr" >/dev/null
fi
for round in $(seq 1 "$ROUNDS"); do
    burst "a$round" 0 1 "$COUNT"
    burst "b$round" $((1 + (round - 1) * COUNT)) "$COUNT" "$COUNT"
done
if [ "${SIGNIN_JFR:-0}" = 1 ]; then
    jcmd "$SERVICE_PID" JFR.stop name=signin >/dev/null
    log "JFR recording: $OUT/service.jfr (jfr view hot-methods $OUT/service.jfr)"
fi

{
    echo "sign-in bench $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, load average before the bursts $LOAD_BEFORE" \
        "(load= below: the 1-minute load average at the end of each burst)"
    printf '%s\n' "${RESULTS[@]#SIGNIN_RESULT }"
    # Per burst: the median round's p99 (a single round's p99 swings with the VM), every round's, and all errors.
    printf '%s\n' "${RESULTS[@]:1}" | sed 's/^SIGNIN_RESULT //' | awk -v target="$P99_TARGET_MS" '{
        kind = substr($1, 1, 1); n[kind]++
        for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
        p99[kind, n[kind]] = v["p99_ms"]; rate[kind, n[kind]] = v["rate"]; errors[kind] += v["errors"]
    } END {
        for (kind in n) {
            count = n[kind]; list = ""
            for (i = 1; i <= count; i++) { sorted[i] = p99[kind, i] + 0; rates[i] = rate[kind, i] + 0
                list = list (i > 1 ? ", " : "") p99[kind, i] }
            for (i = 1; i <= count; i++) for (j = i + 1; j <= count; j++) {
                if (sorted[j] < sorted[i]) { t = sorted[i]; sorted[i] = sorted[j]; sorted[j] = t }
                if (rates[j] < rates[i]) { t = rates[i]; rates[i] = rates[j]; rates[j] = t } }
            median = sorted[int((count + 1) / 2)]; medianRate = rates[int((count + 1) / 2)]
            verdict = (errors[kind] == 0 && median < target) ? "MET" : "MISSED"
            printf "(%s) median of %d rounds: %s sign-ins/s, p99 %d ms (rounds: %s), %d errors: %s (target: 0 errors," \
                " p99 < %d ms)\n", kind, count, medianRate, median, list, errors[kind], verdict, target
        }
    }' | sort
    printf '%s\n' "${HOP_LINES[@]#SIGNIN_HOPS }"
    echo "ERROR lines in the service log: $(grep -c ' ERROR ' "$OUT/service.log" || true)"
} | tee "$OUT/results.txt"
