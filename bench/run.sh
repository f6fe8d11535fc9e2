#!/usr/bin/env bash
# Load benchmark of GET /api/accounts/{id}/projects on the packaged service, next to a direct load of the
# GitLab emulator's /api/v4/projects, in one run on this machine. See bench/README.md.
#
#   bench/run.sh                       # build, start everything, run both scenarios, print the table
#   BENCH_DURATION=60s bench/run.sh    # longer measured runs (see bench/README.md for every knob)
#
# Prints requests/s, p50 and p99 per scenario and target, and a verdict against the targets; the same table
# goes to target/bench/results.txt. Exits 0 whether or not a target is met (the verdict says MISSED).
set -euo pipefail
cd "$(dirname "$0")/.."

JIT_WARMUP=${BENCH_JIT_WARMUP:-90s}
BASELINE_JIT_WARMUP=${BENCH_BASELINE_JIT_WARMUP:-30s}
WARMUP=${BENCH_WARMUP:-5s}
DURATION=${BENCH_DURATION:-15s}
ROUNDS=${BENCH_ROUNDS:-3}
THREADS=${BENCH_THREADS:-2}
CONNECTIONS_A=${BENCH_CONNECTIONS_A:-64}
CONNECTIONS_B=${BENCH_CONNECTIONS_B:-500}
LATENCY_B_MS=${BENCH_LATENCY_MS:-200}
LATENCY_C_MS=${BENCH_LATENCY_C_MS:-1000}
WRK_TIMEOUT=${BENCH_WRK_TIMEOUT:-10s}
PER_PAGE=${BENCH_PER_PAGE:-20}
# Which scenarios to run, for a quicker A/B of one of them (BENCH_SCENARIOS=b); the README's results use all three.
SCENARIOS=${BENCH_SCENARIOS:-a b c}
OUT=target/bench

# shellcheck source=bench/lib.sh
source bench/lib.sh

# wants SCENARIO: whether BENCH_SCENARIOS names it.
wants() { [[ " $SCENARIOS " == *" $1 "* ]]; }

BASELINE_PID=""

teardown() {
    local status=$?
    if [ -n "$BASELINE_PID" ]; then
        kill -TERM "$BASELINE_PID" 2>/dev/null || true
    fi
    stop_environment
    exit "$status"
}
trap teardown EXIT
trap 'exit 130' INT TERM

pick_jdk
log "JAVA_HOME=$JAVA_HOME"
install_wrk
mkdir -p "$OUT"
build_service "$OUT"
rm -f "$OUT/baseline.log" "$OUT"/wrk-*.txt
start_environment "$OUT"

set_latency() {
    emulator_knobs "{\"latencyMs\":$1}"
}

SERVICE_PATH="/api/accounts/$ACCOUNT_ID/projects?perPage=$PER_PAGE"
DIRECT_PATH="/api/v4/projects?membership=true&per_page=$PER_PAGE&simple=true"

# The reference proxy for (b) (src/test/java/dev/gitlablink/bench/BaselineProxy.java): the same upstream call, one
# JSON parse and one encode, nothing else. Same heap as the service; the token goes through the environment.
log "starting the baseline proxy; log in $OUT/baseline.log"
BASELINE_UPSTREAM="$EMULATOR_URL$DIRECT_PATH" BASELINE_AUTHORIZATION="Bearer $GITLAB_TOKEN" \
    java -Xms"${BENCH_SERVICE_HEAP:-512m}" -Xmx"${BENCH_SERVICE_HEAP:-512m}" -cp "target/test-classes:$(cat "$OUT/classpath.txt")" dev.gitlablink.bench.BaselineProxy \
    > "$OUT/baseline.log" 2>&1 &
BASELINE_PID=$!
for _ in $(seq 1 60); do
    grep -q '^PORT ' "$OUT/baseline.log" 2>/dev/null && break
    kill -0 "$BASELINE_PID" 2>/dev/null || { log "the baseline proxy exited:"; cat "$OUT/baseline.log" >&2; exit 1; }
    sleep 0.5
done
BASELINE_URL="http://127.0.0.1:$(sed -n 's/^PORT //p' "$OUT/baseline.log" | head -n 1)"
[ "$BASELINE_URL" != "http://127.0.0.1:" ] || { log "the baseline proxy did not start"; exit 1; }

# run_wrk NAME CONNECTIONS DURATION TARGET: one wrk run, its full output in $OUT/wrk-NAME.txt.
run_wrk() {
    local name=$1 connections=$2 duration=$3 target=$4 cookie="" authorization="" url
    if [ "$target" = service ]; then
        url="$SERVICE_URL$SERVICE_PATH"
        cookie="gitlab_link_session=$SESSION_COOKIE"
    elif [ "$target" = baseline ]; then
        url="$BASELINE_URL/"
    else
        url="$EMULATOR_URL$DIRECT_PATH"
        authorization="Bearer $GITLAB_TOKEN"
    fi
    BENCH_COOKIE="$cookie" BENCH_AUTHORIZATION="$authorization" wrk -t "$THREADS" -c "$connections" \
        -d "$duration" --timeout "$WRK_TIMEOUT" --latency -s bench/report.lua "$url" > "$OUT/wrk-$name.txt" 2>&1
}

# Sanity check before loading: both URLs answer 200 with the bench credentials.
check_status() {
    local code
    code=$(curl -s -o /dev/null -w '%{http_code}' "$@")
    [ "$code" = 200 ] || { log "pre-check failed: HTTP $code for ${*: -1}"; exit 1; }
}
check_status -H "Cookie: gitlab_link_session=$SESSION_COOKIE" "$SERVICE_URL$SERVICE_PATH"
check_status -H "Authorization: Bearer $GITLAB_TOKEN" "$EMULATOR_URL$DIRECT_PATH"
check_status "$BASELINE_URL/"

# CPU snapshot "proxy env machine" for PROXY_PID: CPU seconds used so far by the proxy JVM under load (the service
# or the baseline proxy) and the environment JVM, and busy CPU seconds of the whole machine (all processes,
# without time stolen by a hypervisor).
cpu_snapshot() {
    local machine
    machine=$(awk -v hz="$(getconf CLK_TCK)" '/^cpu / { printf "%.2f", ($2 + $3 + $4 + $7 + $8) / hz }' /proc/stat)
    echo "$(cpu_seconds "$1") $(cpu_seconds "$ENV_PID") $machine"
}

ROWS=()
# measure SCENARIO TARGET CONNECTIONS ROUND: warm-up run, then the measured run and the CPU each party used meanwhile.
measure() {
    local scenario=$1 target=$2 connections=$3 round=$4 name="$1-$2-$4" result before after started ended
    local proxy=$SERVICE_PID
    [ "$target" = baseline ] && proxy=$BASELINE_PID
    log "$scenario / $target, round $round: warm-up $WARMUP, then $DURATION at $connections connections"
    run_wrk "$name-warmup" "$connections" "$WARMUP" "$target"
    before=$(cpu_snapshot "$proxy"); started=$(date +%s.%N)
    run_wrk "$name" "$connections" "$DURATION" "$target"
    ended=$(date +%s.%N); after=$(cpu_snapshot "$proxy")
    result=$(grep '^BENCH_RESULT' "$OUT/wrk-$name.txt") || { log "wrk failed:"; cat "$OUT/wrk-$name.txt" >&2; exit 1; }
    ROWS+=("$scenario $target $connections round=$round ${result#BENCH_RESULT } $(echo "$before $after $started $ended" | awk '{
        wall = $8 - $7
        printf "service_cpu=%.2f env_cpu=%.2f", ($4 - $1) / wall, ($5 - $2) / wall
        printf " machine_cpu=%.2f", ($6 - $3) / wall }')")
}

# The service's JIT needs tens of thousands of requests before it reaches its steady speed (it starts at a
# tenth of it, and C2 competes for the same cores); without this the first scenario would measure the compiler.
log "JIT warm-up of the service: $JIT_WARMUP at $CONNECTIONS_A connections"
set_latency 0
run_wrk jit-warmup "$CONNECTIONS_A" "$JIT_WARMUP" service
# Targets are compared within a round (one run of each, one after the other) and the verdicts take the median
# over rounds: on a shared VM the emulator alone drifts by a factor of two within an hour.
if wants a; then
    for round in $(seq 1 "$ROUNDS"); do
        measure a service "$CONNECTIONS_A" "$round"
        measure a direct "$CONNECTIONS_A" "$round"
    done
fi
if wants b; then
    # The baseline proxy gets its own JIT warm-up (it needs far fewer requests than the service), then (b).
    run_wrk baseline-jit-warmup "$CONNECTIONS_A" "$BASELINE_JIT_WARMUP" baseline
    set_latency "$LATENCY_B_MS"
    for round in $(seq 1 "$ROUNDS"); do
        measure b service "$CONNECTIONS_B" "$round"
        measure b direct "$CONNECTIONS_B" "$round"
        measure b baseline "$CONNECTIONS_B" "$round"
    done
fi
if wants c; then
    # (c): (b)'s connections with a latency at which CPU is no limit on this machine, so only the way requests wait
    # decides the rate: a 200-thread pool would cap it at 200 / latency.
    set_latency "$LATENCY_C_MS"
    measure c service "$CONNECTIONS_B" 1
    measure c direct "$CONNECTIONS_B" 1
fi
set_latency 0

report() {
    echo "gitlab-link benchmark, $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "command: bench/run.sh (BENCH_JIT_WARMUP=$JIT_WARMUP BENCH_WARMUP=$WARMUP BENCH_DURATION=$DURATION" \
        "BENCH_ROUNDS=$ROUNDS BENCH_SCENARIOS=\"$SCENARIOS\"" \
        "BENCH_THREADS=$THREADS BENCH_CONNECTIONS_A=$CONNECTIONS_A BENCH_CONNECTIONS_B=$CONNECTIONS_B" \
        "BENCH_LATENCY_MS=$LATENCY_B_MS BENCH_LATENCY_C_MS=$LATENCY_C_MS)"
    echo "machine: $(nproc) CPUs ($(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n 1)) shared by the" \
        "service, the emulator, PostgreSQL and wrk; $(java -version 2>&1 | head -n 1);" \
        "$(wrk -v 2>&1 | head -n 1 | cut -d' ' -f1-2)"
    echo "service: GET $SERVICE_PATH (session cookie)"
    echo "direct:  GET $DIRECT_PATH (Bearer token); the bench user is a member of $PROJECT_COUNT projects"
    echo "baseline: bench/BaselineProxy (src/test/java/dev/gitlablink/bench): the direct call through a proxy that only"
    echo "          parses and re-encodes the JSON, (b) only"
    echo "upstream latency (emulator knob): (a) 0 ms, (b) $LATENCY_B_MS ms, (c) $LATENCY_C_MS ms"
    echo
    printf '%-8s %-8s %5s %5s %8s %7s %7s %7s %5s %6s %6s %6s %8s\n' scenario target round conns 'req/s' \
        'p50 ms' 'p99 ms' non-2xx 'sock' 'svc' 'emu' 'all' 'svc ms'
    printf '%-8s %-8s %5s %5s %8s %7s %7s %7s %5s %6s %6s %6s %8s\n' '' '' '' '' '' '' '' '' 'err' 'CPU' 'CPU' \
        'CPU' 'CPU/req'
    local row
    for row in "${ROWS[@]}"; do
        # shellcheck disable=SC2086
        set -- $row
        local scenario=$1 target=$2 connections=$3
        shift 3
        local -A f=()
        local pair per_request="-"
        for pair in "$@"; do f[${pair%%=*}]=${pair#*=}; done
        if [ "$target" != direct ]; then
            per_request=$(awk -v c="${f[service_cpu]}" -v r="${f[rps]}" 'BEGIN { printf "%.2f", 1000 * c / r }')
        fi
        printf '%-8s %-8s %5s %5s %8s %7s %7s %7s %5s %6s %6s %6s %8s\n' "$scenario" "$target" "${f[round]}" \
            "$connections" "${f[rps]}" "${f[p50_ms]}" "${f[p99_ms]}" "${f[status_errors]}" \
            "$(( f[connect_errors] + f[read_errors] + f[write_errors] + f[timeouts] ))" \
            "${f[service_cpu]}" "${f[env_cpu]}" "${f[machine_cpu]}" "$per_request"
    done
    echo
    echo "req/s counts every answer, the verdicts only 2xx ones; sock err = wrk's connect/read/write errors and"
    echo "timeouts; CPU = cores used on average during the measured run by the service JVM (svc; for the baseline row,"
    echo "the baseline proxy's JVM), the JVM running"
    echo "the emulator (emu), and every process on the machine (all, out of $(nproc): adds wrk, PostgreSQL and"
    echo "anything else running); svc ms CPU/req = service (or baseline proxy) CPU time per answer."
    verdicts
}

# ok_rates SCENARIO TARGET: 2xx answers per second of each round's row, one per line, in round order.
ok_rates() {
    local row
    for row in "${ROWS[@]}"; do
        case "$row" in
            "$1 $2 "*) echo "$row" | tr ' ' '\n' | awk -F= '
                $1 == "requests" { r = $2 } $1 == "status_errors" { e = $2 } $1 == "seconds" { s = $2 }
                END { printf "%.1f\n", (r - e) / s }' ;;
        esac
    done
}

# median: the median of the numbers on standard input.
median() {
    sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# ok_rate SCENARIO TARGET: the median over rounds of the 2xx rate.
ok_rate() {
    ok_rates "$1" "$2" | median
}

verdicts() {
    local service_a direct_a ratio_a service_b ideal_b service_c ideal_c
    service_a=$(ok_rate a service); direct_a=$(ok_rate a direct); service_b=$(ok_rate b service)
    service_c=$(ok_rate c service)
    ideal_b=$(awk -v c="$CONNECTIONS_B" -v l="$LATENCY_B_MS" 'BEGIN { printf "%.0f", c * 1000 / l }')
    ideal_c=$(awk -v c="$CONNECTIONS_B" -v l="$LATENCY_C_MS" 'BEGIN { printf "%.0f", c * 1000 / l }')
    # (a) compares the two runs of each round (made one after the other), then takes the median ratio.
    if wants a; then
        ratio_a=$(paste <(ok_rates a service) <(ok_rates a direct) | awk '{ print $1 / $2 }' | median)
        awk -v s="$service_a" -v d="$direct_a" -v r="$ratio_a" -v n="$ROUNDS" 'BEGIN {
            printf "target (a): service >= 0.5 x direct: medians %.0f vs %.0f 2xx/s; median of %d rounds = %.2f x direct -> %s\n",
                s, d, n, r, (r >= 0.5 ? "MET" : "MISSED") }'
    fi
    if wants b; then
        awk -v s="$service_b" -v i="$ideal_b" 'BEGIN {
            printf "target (b): service >= 90%% of %d (connections / latency) = %d: median %.0f 2xx/s = %.0f%% of ideal -> %s\n",
                i, 0.9 * i, s, 100 * s / i, (s >= 0.9 * i ? "MET" : "MISSED") }'
    fi
    if wants c; then
        awk -v s="$service_c" -v i="$ideal_c" 'BEGIN {
            printf "check  (c): service >= 90%% of %d (connections / latency) = %d: %.0f 2xx/s = %.0f%% of ideal -> %s\n",
                i, 0.9 * i, s, 100 * s / i, (s >= 0.9 * i ? "MET" : "MISSED") }'
    fi
    if wants b; then
        awk -v s="$service_b" -v b="$(ok_rate b baseline)" -v i="$ideal_b" 'BEGIN {
            printf "reference (b): baseline proxy median %.0f 2xx/s = %.0f%% of ideal; the service does %.0f%% of the baseline\n",
                b, 100 * b / i, 100 * s / b }'
    fi
}

report | tee "$OUT/results.txt"
log "results in $OUT/results.txt, wrk outputs in $OUT/wrk-*.txt, service log in $OUT/service.log"
