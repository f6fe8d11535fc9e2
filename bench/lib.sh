# Shell functions shared by bench/run.sh, bench/soak.sh and bench/faults.sh: picking a JDK, installing wrk, building,
# and running dev.gitlablink.bench.BenchEnvironment (embedded PostgreSQL, GitLab emulator, packaged service).
# Source it from the repository root. It sets no traps: each script stops what it started with stop_environment.
#
# The service inherits the calling environment except QUARKUS_* and GITLAB_* (testsupport/ServiceProcess), so
# settings of the service such as TOKEN_REFRESH_SKEW or rate limits (RATE_LIMIT_*) are passed by exporting them
# before calling a script; BENCH_SERVICE_ENV="NAME=value ..." passes any variable, those two prefixes included.

log() { printf '[%s] %s\n' "${LOG_TAG:-bench}" "$*" >&2; }

java_major() {
    "$1" -version 2>&1 | sed -n 's/.* version "\([0-9]*\).*/\1/p' | head -n 1
}

# Same rule as .ci/run: keep a JAVA_HOME >= 21, else the default java if >= 21, else the newest JDK >= 21.
pick_jdk() {
    if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ] && [ "$(java_major "$JAVA_HOME/bin/java")" -ge 21 ]; then
        export PATH="$JAVA_HOME/bin:$PATH"
        return
    fi
    local current candidate
    current=$(command -v java || true)
    if [ -n "$current" ] && [ "$(java_major "$current")" -ge 21 ]; then
        JAVA_HOME=$(dirname "$(dirname "$(readlink -f "$current")")")
    else
        for candidate in $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV); do
            if [ -x "$candidate/bin/java" ] && [ "$(java_major "$candidate/bin/java")" -ge 21 ]; then
                JAVA_HOME=${candidate%/}
                break
            fi
        done
    fi
    if [ -z "${JAVA_HOME:-}" ] || [ ! -x "$JAVA_HOME/bin/java" ]; then
        log "no JDK >= 21 found; set JAVA_HOME"
        exit 1
    fi
    export JAVA_HOME
    export PATH="$JAVA_HOME/bin:$PATH"
}

install_wrk() {
    command -v wrk >/dev/null && return
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo=sudo
    log "installing wrk (Debian package)"
    if ! $sudo apt-get install -y -q wrk >/dev/null 2>&1; then
        $sudo apt-get update -q >/dev/null
        $sudo apt-get install -y -q wrk >/dev/null
    fi
}

# CPU seconds (user + system) a process has used so far; 0 if it is gone.
cpu_seconds() {
    local stat
    stat=$(cat "/proc/$1/stat" 2>/dev/null) || { echo 0; return; }
    # Fields after the ")" closing the command name: utime and stime are the 12th and 13th.
    echo "${stat##*) }" | awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f", ($12 + $13) / hz }'
}

# build_service OUT: packages the service and the test classes (unless BENCH_SKIP_BUILD=1) and writes the test class
# path to OUT/classpath.txt.
build_service() {
    if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
        log "building (./mvnw -B -q package -DskipTests)"
        ./mvnw -B -q package -DskipTests
    fi
    ./mvnw -B -q dependency:build-classpath -Dmdep.outputFile="$1/classpath.txt" >/dev/null
}

ENV_PID=""

# start_environment OUT: starts BenchEnvironment writing into OUT (its BENCH_* settings come from the caller's
# environment), waits for READY and sources OUT/env.sh (SERVICE_URL, EMULATOR_URL, SERVICE_PID, ...).
start_environment() {
    local out=$1
    rm -f "$out/env.sh" "$out/service.pid" "$out/service.log" "$out/environment.log"
    log "starting the environment (embedded PostgreSQL, GitLab emulator, packaged service); log in $out/environment.log"
    # Standard input is a pipe that closes when the calling script dies, so the environment never outlives it.
    # Vert.x logs through JUL, so emulator errors reach the log (its SLF4J binding is not configured outside Quarkus).
    BENCH_DIR="$out" java -Dvertx.logger-delegate-factory-class-name=io.vertx.core.logging.JULLogDelegateFactory \
        -cp "target/classes:target/test-classes:$(cat "$out/classpath.txt")" dev.gitlablink.bench.BenchEnvironment \
        < <(while kill -0 $$ 2>/dev/null; do sleep 1; done) > "$out/environment.log" 2>&1 &
    ENV_PID=$!
    local _
    for _ in $(seq 1 360); do
        grep -qx READY "$out/environment.log" 2>/dev/null && break
        if ! kill -0 "$ENV_PID" 2>/dev/null; then
            log "the environment exited before READY:"
            tail -n 40 "$out/environment.log" >&2
            exit 1
        fi
        sleep 0.5
    done
    grep -qx READY "$out/environment.log" || { log "the environment was not READY within 180 s"; exit 1; }
    # shellcheck source=/dev/null
    source "$out/env.sh"
    log "service $SERVICE_URL, emulator $EMULATOR_URL"
}

# stop_environment: stops the environment (which stops the service, the emulator and the database), and a service
# orphaned by an environment that was killed.
stop_environment() {
    if [ -n "$ENV_PID" ] && kill -0 "$ENV_PID" 2>/dev/null; then
        log "stopping the environment (pid $ENV_PID)"
        kill -TERM "$ENV_PID" 2>/dev/null || true
        local _
        for _ in $(seq 1 60); do
            kill -0 "$ENV_PID" 2>/dev/null || break
            sleep 0.5
        done
        kill -0 "$ENV_PID" 2>/dev/null && kill -KILL "$ENV_PID" 2>/dev/null || true
    fi
    if [ -n "${SERVICE_PID:-}" ] && kill -0 "$SERVICE_PID" 2>/dev/null \
            && tr '\0' ' ' < "/proc/$SERVICE_PID/cmdline" 2>/dev/null | grep -q 'quarkus-run.jar'; then
        kill -TERM "$SERVICE_PID" 2>/dev/null || true
    fi
}

# emulator_knobs JSON: sets knobs through the emulator's admin API.
emulator_knobs() {
    curl -fsS -o /dev/null -X POST -H 'Content-Type: application/json' -d "$1" "$EMULATOR_URL/-/emulator/knobs"
}
