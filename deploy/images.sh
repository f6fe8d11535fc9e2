#!/usr/bin/env bash
# Builds the JVM and the native container image with buildah from src/main/docker, on base images built here from
# Debian packages (mmdebstrap), and runs each with podman: no Docker daemon, no registry. Each image runs as its
# non-root user with a read-only root file system, no capabilities and a writable /tmp only, against an embedded
# PostgreSQL and the GitLab emulator (dev.gitlablink.bench.ContainerEnvironment, from the test class path), and must
# show:
#   - /q/health/started, /q/health/live and /q/health/ready answering 200;
#   - a complete sign-in through the emulator (every hop checked), then a data read (a page of projects);
#   - a clean shutdown on SIGTERM: a request in flight when the signal comes (the emulator holds it LATENCY_MS)
#     still answers 200, readiness answers 503 meanwhile, and the process exits by itself.
# Prints image sizes, start-to-ready time and RSS per image; the same table goes to target/images/results.txt.
#
#   deploy/images.sh                  # both images (builds the jar; the native executable must exist or
#                                     # GRAALVM_HOME must point at a GraalVM/Mandrel to build it)
#   deploy/images.sh jvm              # the JVM image only
#   IMAGES_SKIP_BUILD=1 deploy/images.sh   # reuse target/quarkus-app and target/*-runner as they are
#   IMAGES_REBUILD_BASE=1 ...         # rebuild the Debian base images even if they exist
#
# Needs root and Debian's podman, buildah, mmdebstrap and runc (see the README, "Deploying").
set -euo pipefail
cd "$(dirname "$0")/.."

KINDS=${*:-jvm native}
OUT=target/images
MEMORY=${IMAGES_MEMORY:-512m}
LATENCY_MS=${IMAGES_SHUTDOWN_LATENCY_MS:-8000}
SUITE=${IMAGES_DEBIAN_SUITE:-trixie}
JRE_BASE=localhost/gitlab-link-base/jre21:$SUITE
NATIVE_BASE=localhost/gitlab-link-base/native:$SUITE
LOG_TAG=images

# shellcheck source=bench/lib.sh
source bench/lib.sh
# shellcheck source=deploy/lib.sh
source deploy/lib.sh

for tool in buildah podman mmdebstrap runc curl jq; do
    command -v "$tool" >/dev/null || { log "$tool is missing (apt-get install podman buildah mmdebstrap runc curl jq)"; exit 1; }
done
mkdir -p "$OUT"

use_containers_conf

CONTAINER=""
teardown() {
    local status=$?
    [ -n "$CONTAINER" ] && podman rm -f -t 0 "$CONTAINER" >/dev/null 2>&1 || true
    stop_container_environment
    exit "$status"
}
trap teardown EXIT
trap 'exit 130' INT TERM

# base_image NAME PACKAGES HOOK: a base image from Debian packages (no man pages, docs or locales), imported into
# podman's store, unless it is there already.
base_image() {
    local name=$1 packages=$2 hook=$3 tar
    if [ "${IMAGES_REBUILD_BASE:-0}" != 1 ] && podman image exists "$name"; then
        log "base $name exists (IMAGES_REBUILD_BASE=1 rebuilds it)"
        return
    fi
    tar=$OUT/base-$(echo "$name" | tr '/:' '--').tar
    log "building base $name from Debian $SUITE with mmdebstrap: $packages"
    mmdebstrap --variant=apt --format=tar --include="$packages" \
        --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/doc/*' \
        --dpkgopt='path-exclude=/usr/share/locale/*' \
        --essential-hook='mkdir -p "$1/usr/share/man/man1"' \
        --customize-hook="$hook" --customize-hook='rm -rf "$1"/var/cache/apt/* "$1"/var/lib/apt/lists/*' \
        "$SUITE" "$tar" > "$OUT/mmdebstrap.log" 2>&1 || { tail -n 30 "$OUT/mmdebstrap.log" >&2; exit 1; }
    podman import --change 'ENV JAVA_HOME=/usr/lib/jvm/java-21-openjdk-amd64' "$tar" "$name" >/dev/null 2>&1
    rm -f "$tar"
}

# The JVM base keeps ubi9/openjdk-21's contract that Dockerfile.jvm relies on: uid 185 and the run-java script; curl
# too, which podman's health check for a liveness probe calls (deploy/kubernetes/check.sh).
base_image "$JRE_BASE" openjdk-21-jre-headless,ca-certificates,curl \
    'echo "default:x:185:0:default:/home/default:/usr/sbin/nologin" >> "$1/etc/passwd"
     mkdir -p "$1/opt/jboss/container/java/run" "$1/home/default"
     chown 185:0 "$1/home/default"
     cp deploy/images/run-java.sh "$1/opt/jboss/container/java/run/run-java.sh"
     chmod 755 "$1/opt/jboss/container/java/run/run-java.sh"'
if [[ " $KINDS " == *" native "* ]]; then
    # What the executable links against (glibc, zlib) and CA certificates for https to GitLab.
    base_image "$NATIVE_BASE" ca-certificates,zlib1g \
        'echo "app:x:1001:0:app:/work:/usr/sbin/nologin" >> "$1/etc/passwd"'
fi

pick_jdk
runner() { ls target/*-runner 2>/dev/null | head -n 1; }
if [ "${IMAGES_SKIP_BUILD:-0}" != 1 ]; then
    if [[ " $KINDS " == *" native "* ]] && [ -z "$(runner)" ]; then
        [ -n "${GRAALVM_HOME:-}" ] || { log "no target/*-runner and no GRAALVM_HOME to build one"; exit 1; }
        log "building the native executable (./mvnw -B package -Dprod -Dnative -DskipTests)"
        ./mvnw -B -q package -Dprod -Dnative -DskipTests
    fi
    log "building the jar (./mvnw -B package -Dprod -DskipTests)"
    ./mvnw -B -q package -Dprod -DskipTests
fi
# The environment's class path, kept with IMAGES_SKIP_BUILD=1.
[ "${IMAGES_SKIP_BUILD:-0}" = 1 ] && [ -s "$OUT/classpath.txt" ] || build_classpath

declare -A IMAGE=([jvm]=localhost/gitlab-link:jvm [native]=localhost/gitlab-link:native)
declare -A DOCKERFILE=([jvm]=src/main/docker/Dockerfile.jvm [native]=src/main/docker/Dockerfile.native)
declare -A BASE=([jvm]=$JRE_BASE [native]=$NATIVE_BASE)
for kind in $KINDS; do
    log "buildah bud ${DOCKERFILE[$kind]} on ${BASE[$kind]} -> ${IMAGE[$kind]}"
    buildah bud --quiet --isolation chroot --pull=never --build-arg "BASE_IMAGE=${BASE[$kind]}" \
        -f "${DOCKERFILE[$kind]}" -t "${IMAGE[$kind]}" . > "$OUT/build-$kind.log" 2>&1 \
        || { tail -n 30 "$OUT/build-$kind.log" >&2; exit 1; }
done

start_container_environment

RESULTS=()
for kind in $KINDS; do
    CONTAINER=gitlab-link-$kind
    podman rm -f -t 0 "$CONTAINER" >/dev/null 2>&1 || true
    log "running ${IMAGE[$kind]}: --read-only, --cap-drop ALL, --memory $MEMORY, the image's own non-root user"
    started=$(now_ms)
    podman run -d --name "$CONTAINER" --network host --read-only --tmpfs /tmp:rw,size=64m,mode=1777 \
        --cap-drop ALL --security-opt no-new-privileges --memory "$MEMORY" \
        --env-file "$OUT/service.env" "${IMAGE[$kind]}" >/dev/null
    ready_ms=$(wait_ready "$SERVICE_URL" 60 "$CONTAINER" "$started")
    pid=$(podman inspect --format '{{.State.Pid}}' "$CONTAINER")
    rss_ready=$(rss_mb "$pid")
    log "ready $ready_ms ms after podman run; RSS $rss_ready MB"

    expect "health started" 200 "$(status_of "$SERVICE_URL/q/health/started")"
    expect "health live" 200 "$(status_of "$SERVICE_URL/q/health/live")"
    expect "health ready" 200 "$(status_of "$SERVICE_URL/q/health/ready")"
    uid=$(awk '/^Uid:/ { print $2 }' "/proc/$pid/status")
    [ "$uid" != 0 ] || fail "the service runs as root"
    expect "root file system read-only" true "$(podman inspect --format '{{.HostConfig.ReadonlyRootfs}}' "$CONTAINER")"
    podman exec "$CONTAINER" touch /probe 2>/dev/null && fail "the root file system is writable"
    log "ok: runs as uid $uid, writing to / fails"

    sign_in_and_read
    cookie="Cookie: gitlab_link_session=$SESSION_COOKIE"
    for _ in $(seq 1 300); do
        curl -fsS -o /dev/null -H "$cookie" "$PROJECTS_URL" || fail "a data read failed"
    done
    rss_used=$(rss_mb "$pid")
    log "RSS after sign-in and 300 reads: $rss_used MB"

    # Graceful shutdown: a request held by the emulator, SIGTERM while it waits, and it must still complete.
    emulator_knobs "{\"latencyMs\":$LATENCY_MS}"
    curl -s -o /dev/null -w '%{http_code}' --max-time 60 -H "$cookie" "$PROJECTS_URL" > "$OUT/inflight-$kind.txt" &
    inflight=$!
    sleep 1
    term_at=$(now_ms)
    podman kill --signal TERM "$CONTAINER" >/dev/null
    sleep 1
    expect "readiness while shutting down" 503 "$(status_of "$SERVICE_URL/q/health/ready")"
    wait "$inflight" || true
    expect "request in flight at SIGTERM ($LATENCY_MS ms upstream)" 200 "$(cat "$OUT/inflight-$kind.txt")"
    exit_code=$(podman wait "$CONTAINER")
    stopped_ms=$(( $(now_ms) - term_at ))
    emulator_knobs '{"latencyMs":0}'
    podman logs "$CONTAINER" > "$OUT/service-$kind.log" 2>&1
    log "exited with $exit_code, $stopped_ms ms after SIGTERM; log in $OUT/service-$kind.log"
    case $exit_code in 0|143) ;; *) fail "exit code $exit_code after SIGTERM" ;; esac
    podman rm "$CONTAINER" >/dev/null
    CONTAINER=""

    size=$(podman image inspect --format '{{.Size}}' "${IMAGE[$kind]}" | awk '{ printf "%.0f", $1 / 1000000 }')
    base_size=$(podman image inspect --format '{{.Size}}' "${BASE[$kind]}" | awk '{ printf "%.0f", $1 / 1000000 }')
    RESULTS+=("$(printf '%-7s %8s %8s %10s %10s %10s %10s' "$kind" "$size" "$base_size" "$ready_ms" \
        "$rss_ready" "$rss_used" "$stopped_ms")")
done

{
    echo "gitlab-link images, $(date -u '+%Y-%m-%d %H:%M UTC'), deploy/images.sh on $(nproc) CPUs, podman $(podman version --format '{{.Client.Version}}'), buildah $(buildah version | awk '/^Version:/ { print $2 }')"
    echo "each image: non-root, read-only root, --cap-drop ALL, --memory $MEMORY; ready = podman run to /q/health/ready 200"
    printf '%-7s %8s %8s %10s %10s %10s %10s\n' image 'size MB' 'base MB' 'ready ms' 'RSS ready' 'RSS used' 'stop ms'
    printf '%s\n' "${RESULTS[@]}"
    echo "RSS in MB; 'used' after a sign-in and 300 reads; 'stop' from SIGTERM to exit, with a request in flight for $LATENCY_MS ms"
} | tee "$OUT/results.txt"
