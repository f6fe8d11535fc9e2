# Shell functions shared by deploy/images.sh and deploy/kubernetes/check.sh: podman's settings for this kind of host,
# the environment a container runs against (dev.gitlablink.bench.ContainerEnvironment: an embedded PostgreSQL and the
# GitLab emulator, from the test class path), a sign-in through it, and small checks. Source it from the repository
# root after bench/lib.sh (log, pick_jdk, emulator_knobs). Set OUT first.

# podman and buildah on a host with cgroups in hybrid mode and a low open-files limit: runc instead of crun, and
# ulimits at or below the host's. Soft and hard open-files limits are equal: podman 4.3's kube play swaps the two,
# and a soft limit above the hard one fails the pod's start.
use_containers_conf() {
    cat > "$OUT/containers.conf" <<'EOF'
[containers]
default_ulimits = ["nofile=20000:20000", "nproc=32768:32768"]
[engine]
runtime = "runc"
EOF
    export CONTAINERS_CONF=$PWD/$OUT/containers.conf
}

# build_classpath: the production build's test class path (src/local is a test source root there) in OUT/classpath.txt.
build_classpath() {
    ./mvnw -B -q -Dprod dependency:build-classpath -Dmdep.outputFile="$OUT/classpath.txt" > "$OUT/classpath.log" 2>&1 \
        || { cat "$OUT/classpath.log" >&2; exit 1; }
}

CONTAINER_ENV_PID=""

# start_container_environment: starts ContainerEnvironment writing into OUT, waits for READY and sources OUT/env.sh
# (SERVICE_URL, SERVICE_PORT, EMULATOR_URL). Its standard input is a FIFO held open on fd 3: "sign-in" commands go
# there, and closing it (stop_container_environment, or this shell's exit) ends the environment.
start_container_environment() {
    rm -f "$OUT/control" "$OUT/environment.log" "$OUT/env.sh" "$OUT/service.env" "$OUT/session.sh"
    mkfifo "$OUT/control"
    log "starting the embedded PostgreSQL and the GitLab emulator; log in $OUT/environment.log"
    BENCH_DIR="$OUT" java -Dvertx.logger-delegate-factory-class-name=io.vertx.core.logging.JULLogDelegateFactory \
        -cp "target/classes:target/test-classes:$(cat "$OUT/classpath.txt")" dev.gitlablink.bench.ContainerEnvironment \
        < "$OUT/control" > "$OUT/environment.log" 2>&1 &
    CONTAINER_ENV_PID=$!
    exec 3> "$OUT/control"
    local _
    for _ in $(seq 1 240); do
        grep -qx READY "$OUT/environment.log" 2>/dev/null && break
        kill -0 "$CONTAINER_ENV_PID" 2>/dev/null || { tail -n 40 "$OUT/environment.log" >&2; fail "the environment exited"; }
        sleep 0.5
    done
    grep -qx READY "$OUT/environment.log" || fail "the environment was not ready within 120 s"
    # shellcheck source=/dev/null
    source "$OUT/env.sh"
}

stop_container_environment() {
    exec 3>&- 2>/dev/null || true
    if [ -n "$CONTAINER_ENV_PID" ] && kill -0 "$CONTAINER_ENV_PID" 2>/dev/null; then
        kill -TERM "$CONTAINER_ENV_PID" 2>/dev/null || true
        wait "$CONTAINER_ENV_PID" 2>/dev/null || true
    fi
}

# sign_in_and_read: the whole sign-in through the emulator against SERVICE_URL (every hop checked by SignInFlow),
# then a page of projects; sets SESSION_COOKIE, ACCOUNT_ID and PROJECTS_URL.
sign_in_and_read() {
    local _
    echo sign-in >&3
    for _ in $(seq 1 120); do
        grep -q '^SIGNED_IN\|^SIGN_IN_FAILED' "$OUT/environment.log" && break
        sleep 0.5
    done
    grep -q '^SIGNED_IN' "$OUT/environment.log" || fail "sign-in: $(grep '^SIGN_IN_FAILED' "$OUT/environment.log")"
    # A later run signs in afresh.
    sed -i 's/^SIGNED_IN$/signed in (earlier run)/' "$OUT/environment.log"
    # shellcheck source=/dev/null
    source "$OUT/session.sh"
    log "ok: complete sign-in through the emulator (login, authorize, callback, session) as account $ACCOUNT_ID"
    PROJECTS_URL="$SERVICE_URL/api/accounts/$ACCOUNT_ID/projects?perPage=20"
    expect "data read: projects on the first page" 20 "$(curl -fsS --max-time 20 \
        -H "Cookie: gitlab_link_session=$SESSION_COOKIE" "$PROJECTS_URL" \
        | jq 'if type == "array" then length else .items | length end')"
}

# fail WHY: the last lines of CONTAINER's log if one is set, and exit.
fail() {
    log "FAILED: $*"
    if [ -n "${CONTAINER:-}" ]; then
        podman logs "$CONTAINER" > "$OUT/$CONTAINER.log" 2>&1 || true
        tail -n 40 "$OUT/$CONTAINER.log" >&2
        log "the container's whole log: $OUT/$CONTAINER.log"
    fi
    exit 1
}

now_ms() { date +%s%3N; }
status_of() { curl -s -o /dev/null -w '%{http_code}' --max-time 20 "$@" || true; }
rss_mb() { awk '/^VmRSS:/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }

# expect WHAT WANTED GOT
expect() {
    [ "$2" = "$3" ] || fail "$1: expected $2, got $3"
    log "ok: $1 ($3)"
}

# wait_ready URL SECONDS CONTAINER STARTED_MS: polls URL/q/health/ready until 200 while CONTAINER runs; prints the
# milliseconds since STARTED_MS.
wait_ready() {
    local _
    for _ in $(seq 1 $(( $2 * 50 ))); do
        if [ "$(status_of "$1/q/health/ready")" = 200 ]; then
            echo $(( $(now_ms) - $4 ))
            return
        fi
        [ "$(podman inspect --format '{{.State.Running}}' "$3" 2>/dev/null)" = true ] || fail "$3 is not running"
        sleep 0.02
    done
    fail "not ready within $2 s"
}
