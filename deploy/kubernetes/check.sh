#!/usr/bin/env bash
# Proves deploy/kubernetes/kubernetes.yml three ways, on this machine, without a cluster:
#   1. a real API server: kube-apiserver (built here from Debian 12's kubernetes source package, v1.20.2) on a local
#      etcd; `kubectl apply --dry-run=server --validate=strict`, then a real apply, and a broken copy must be refused.
#      1.20 has no policy/v1, so the PodDisruptionBudget goes there as policy/v1beta1 (the same spec fields);
#   2. current schemas: every object, the policy/v1 PodDisruptionBudget included, against Kubernetes 1.31 schemas
#      (npm kubernetes-models; deploy/kubernetes/validate-schemas.mjs);
#   3. the Deployment's pod under `podman kube play`, through the podman-only overlay deploy/podman, from
#      the image deploy/images.sh built (localhost/gitlab-link:jvm), against an embedded PostgreSQL and the GitLab
#      emulator: the three probes, the security context as run, a sign-in and a data read.
# Long: never part of ./mvnw verify.
#
#   deploy/kubernetes/check.sh               # all three
#   deploy/kubernetes/check.sh api schemas   # any of: api schemas pod
#
# Needs root, Debian's etcd-server, golang-go, rsync (to build kube-apiserver once, into target/kube), kubectl,
# node and npm, podman (see the README, "Deploying").
set -euo pipefail
cd "$(dirname "$0")/../.."

STEPS=${*:-api schemas pod}
OUT=target/kube
MANIFEST=deploy/kubernetes/kubernetes.yml
LOG_TAG=kubernetes
# shellcheck source=bench/lib.sh
source bench/lib.sh
# shellcheck source=deploy/lib.sh
source deploy/lib.sh
mkdir -p "$OUT"
wants() { [[ " $STEPS " == *" $1 "* ]]; }

ETCD_PID=""
APISERVER_PID=""
CONTAINER=""
teardown() {
    local status=$?
    if [ -n "$CONTAINER" ]; then
        podman kube down "$OUT/podman-play.yml" >/dev/null 2>&1 || true
    fi
    rm -f deploy/podman/local.env deploy/podman/secret.env deploy/podman/port.yaml
    stop_container_environment
    for pid in $APISERVER_PID $ETCD_PID; do
        kill -TERM "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    exit "$status"
}
trap teardown EXIT
trap 'exit 130' INT TERM

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# kube-apiserver v1.20.2 from Debian 12's source package (no download of a Kubernetes release), built once.
build_apiserver() {
    [ -x "$OUT/bin/kube-apiserver" ] && return
    local apt="-o Dir::Etc::SourceList=$PWD/$OUT/sources.list -o Dir::Etc::SourceParts=/dev/null"
    apt="$apt -o Dir::State::Lists=$PWD/$OUT/apt/lists"
    log "building kube-apiserver from Debian's kubernetes source package (once; several minutes)"
    mkdir -p "$OUT/apt/lists/partial" "$OUT/src" "$OUT/bin"
    echo "deb-src http://deb.debian.org/debian bookworm main" > "$OUT/sources.list"
    # shellcheck disable=SC2086
    apt-get $apt update -q > "$OUT/apt.log" 2>&1
    # shellcheck disable=SC2086
    (cd "$OUT/src" && apt-get $apt source --download-only kubernetes >> "../apt.log" 2>&1)
    local src
    (cd "$OUT/src" && tar xzf kubernetes_*.orig.tar.gz && tar xJf kubernetes_*.debian.tar.xz)
    src=$(ls -d "$OUT"/src/kubernetes-*/ | head -n 1)
    while read -r patch; do
        [ -n "$patch" ] && patch -d "$src" -p1 -s < "$OUT/src/debian/patches/$patch"
    done < "$OUT/src/debian/patches/series"
    # GOPATH mode with the vendored dependencies, as Debian builds it; make runs the code generators first.
    (cd "$src" && env GOPATH="$PWD/.go" CGO_ENABLED=0 make WHAT=cmd/kube-apiserver) > "$OUT/build.log" 2>&1 \
        || { tail -n 30 "$OUT/build.log" >&2; exit 1; }
    cp "$src/_output/bin/kube-apiserver" "$OUT/bin/"
}

KUBECTL=(kubectl --kubeconfig "$OUT/kubeconfig")
start_apiserver() {
    local etcd_port peer_port api_port token
    etcd_port=$(free_port); peer_port=$(free_port); api_port=$(free_port)
    rm -rf "$OUT/etcd" "$OUT/pki"
    mkdir -p "$OUT/pki"
    log "starting etcd on 127.0.0.1:$etcd_port and kube-apiserver on 127.0.0.1:$api_port; logs in $OUT"
    etcd --data-dir "$OUT/etcd" --listen-client-urls "http://127.0.0.1:$etcd_port" \
        --advertise-client-urls "http://127.0.0.1:$etcd_port" --listen-peer-urls "http://127.0.0.1:$peer_port" \
        --initial-advertise-peer-urls "http://127.0.0.1:$peer_port" \
        --initial-cluster "default=http://127.0.0.1:$peer_port" > "$OUT/etcd.log" 2>&1 &
    ETCD_PID=$!
    token=$(head -c 24 /dev/urandom | base64 | tr -d '/+=')
    echo "$token,admin,admin,system:masters" > "$OUT/pki/tokens.csv"
    openssl genrsa -out "$OUT/pki/sa.key" 2048 2>/dev/null
    "$OUT/bin/kube-apiserver" --etcd-servers "http://127.0.0.1:$etcd_port" --bind-address 127.0.0.1 \
        --secure-port "$api_port" --insecure-port 0 --cert-dir "$OUT/pki" --token-auth-file "$OUT/pki/tokens.csv" \
        --authorization-mode RBAC --service-account-issuer https://kubernetes.default.svc \
        --service-account-key-file "$OUT/pki/sa.key" --service-account-signing-key-file "$OUT/pki/sa.key" \
        --service-cluster-ip-range 10.96.0.0/16 > "$OUT/apiserver.log" 2>&1 &
    APISERVER_PID=$!
    "${KUBECTL[@]}" config set-cluster local --server "https://127.0.0.1:$api_port" --insecure-skip-tls-verify=true >/dev/null
    "${KUBECTL[@]}" config set-credentials admin --token "$token" >/dev/null
    "${KUBECTL[@]}" config set-context local --cluster local --user admin >/dev/null
    "${KUBECTL[@]}" config use-context local >/dev/null
    local _
    for _ in $(seq 1 120); do
        "${KUBECTL[@]}" get --raw /readyz >/dev/null 2>&1 && "${KUBECTL[@]}" get namespace default >/dev/null 2>&1 && return
        kill -0 "$APISERVER_PID" 2>/dev/null || { tail -n 30 "$OUT/apiserver.log" >&2; fail "kube-apiserver exited"; }
        sleep 1
    done
    fail "kube-apiserver was not ready within 120 s"
}

# refused NAME PATTERN: the dry run must refuse OUT/NAME.yml with a message matching PATTERN.
refused() {
    cmp -s "$OUT/for-1.20.yml" "$OUT/$1.yml" && fail "$OUT/$1.yml is not broken: the script's edit found nothing to change"
    if "${KUBECTL[@]}" apply --dry-run=server --validate=strict -f "$OUT/$1.yml" > "$OUT/$1.txt" 2>&1; then
        fail "the dry run accepted $OUT/$1.yml"
    fi
    grep -qE "$2" "$OUT/$1.txt" || fail "$OUT/$1.yml refused for another reason: $(grep -v '^Warning' "$OUT/$1.txt")"
    log "ok: $1 refused: $(grep -m1 -E "$2" "$OUT/$1.txt" | cut -c1-160)"
}

check_api() {
    command -v etcd >/dev/null || fail "etcd is missing (apt-get install etcd-server)"
    build_apiserver
    start_apiserver
    log "API server $("${KUBECTL[@]}" version -o json 2>/dev/null | jq -r .serverVersion.gitVersion)"
    # The one object 1.20 cannot know as written: policy/v1 PodDisruptionBudget, sent as policy/v1beta1.
    sed 's|^apiVersion: policy/v1$|apiVersion: policy/v1beta1|' "$MANIFEST" > "$OUT/for-1.20.yml"
    "${KUBECTL[@]}" apply --dry-run=server --validate=strict -f "$OUT/for-1.20.yml" 2>&1 | grep -v '^Warning: ' \
        | tee "$OUT/dry-run.txt" >&2
    [ "${PIPESTATUS[0]}" = 0 ] || fail "kubectl apply --dry-run=server refused the manifests"
    log "ok: kubectl apply --dry-run=server --validate=strict accepted every object"
    # The same check must refuse broken copies: an unknown field, and a selector that matches no pod template.
    sed -E 's/^( *)maxSurge: (.*)$/\1maxSurge: \2\n\1maxSurgePercent: 1/' "$OUT/for-1.20.yml" > "$OUT/broken-field.yml"
    refused broken-field 'maxSurgePercent'
    awk '/^---/ { deployment = 0 } /^kind: Deployment$/ { deployment = 1 }
         deployment && /matchLabels:/ { selector = 1; print; next }
         selector && /app.kubernetes.io\/name:/ { sub(/gitlab-link$/, "gitlab-linked"); selector = 0 } { print }' \
        "$OUT/for-1.20.yml" > "$OUT/broken-selector.yml"
    refused broken-selector 'selector.*does not match template|does not match template labels'
    "${KUBECTL[@]}" apply --validate=strict -f "$OUT/for-1.20.yml" 2>&1 | grep -v '^Warning: ' >&2
    "${KUBECTL[@]}" get deployment,service,ingress,configmap,poddisruptionbudget,serviceaccount \
        -l app.kubernetes.io/name=gitlab-link 2>/dev/null | tee "$OUT/stored.txt" >&2
    expect "grace period stored" 30 "$("${KUBECTL[@]}" get deployment gitlab-link \
        -o jsonpath='{.spec.template.spec.terminationGracePeriodSeconds}')"
}

check_schemas() {
    local modules=$OUT/schema/node_modules
    if [ ! -d "$modules/kubernetes-models" ] || [ ! -d "$modules/yaml" ]; then
        log "installing kubernetes-models 4.5.1 and yaml 2 from npm into $OUT/schema"
        mkdir -p "$OUT/schema"
        (cd "$OUT/schema" && npm install --no-audit --no-fund --no-save kubernetes-models@4.5.1 yaml@2 >/dev/null 2>&1)
    fi
    SCHEMA_MODULES=$PWD/$modules node deploy/kubernetes/validate-schemas.mjs "$MANIFEST" >&2 \
        || fail "objects fail the current schemas"
    log "ok: every object matches the Kubernetes 1.31 schemas"
}

check_pod() {
    podman image exists localhost/gitlab-link:jvm || fail "no image localhost/gitlab-link:jvm: run deploy/images.sh jvm"
    use_containers_conf
    pick_jdk
    [ -f "$OUT/classpath.txt" ] || build_classpath
    start_container_environment
    # The run's addresses and secrets for the podman overlay: plain settings over the ConfigMap, secrets in the
    # ConfigMap standing in for the Secret, and the port for the probes (no port list: the pod uses the host's network).
    local secrets='^(GITLAB_CLIENT_SECRET|TOKEN_ENCRYPTION_KEYS|SESSION_ENCRYPTION_SECRET|QUARKUS_DATASOURCE_PASSWORD)='
    grep -E "$secrets" "$OUT/service.env" > deploy/podman/secret.env
    { grep -vE "$secrets" "$OUT/service.env"; echo "PUBLIC_BASE_URL=$SERVICE_URL"; } > deploy/podman/local.env
    cat > deploy/podman/port.yaml <<EOF
- {op: remove, path: /spec/template/spec/containers/0/ports}
- {op: replace, path: /spec/template/spec/containers/0/livenessProbe/httpGet/port, value: $SERVICE_PORT}
- {op: replace, path: /spec/template/spec/containers/0/readinessProbe/httpGet/port, value: $SERVICE_PORT}
- {op: replace, path: /spec/template/spec/containers/0/startupProbe/httpGet/port, value: $SERVICE_PORT}
EOF
    kubectl kustomize deploy/podman > "$OUT/podman-play.yml"
    log "podman kube play $OUT/podman-play.yml (kubectl kustomize deploy/podman)"
    CONTAINER=gitlab-link-pod-gitlab-link
    local started ready_ms
    started=$(now_ms)
    podman kube play --replace "$OUT/podman-play.yml" > "$OUT/podman-play.txt" 2>&1 \
        || { cat "$OUT/podman-play.txt" >&2; fail "podman kube play failed"; }
    CONTAINER=$(podman ps --format '{{.Names}}' | grep -E '^gitlab-link-pod.*-gitlab-link$' | head -n 1)
    [ -n "$CONTAINER" ] || fail "no container of the pod: $(cat "$OUT/podman-play.txt")"
    ready_ms=$(wait_ready "$SERVICE_URL" 90 "$CONTAINER" "$started")
    log "pod ready $ready_ms ms after podman kube play"
    # Podman maps only the liveness probe (to a health check); readiness and startup are checked here.
    expect "startup probe /q/health/started" 200 "$(status_of "$SERVICE_URL/q/health/started")"
    expect "liveness probe /q/health/live" 200 "$(status_of "$SERVICE_URL/q/health/live")"
    expect "readiness probe /q/health/ready" 200 "$(status_of "$SERVICE_URL/q/health/ready")"
    podman healthcheck run "$CONTAINER" >/dev/null 2>&1 || fail "podman's health check from the liveness probe failed"
    log "ok: podman's health check made from the liveness probe passes"
    local pid uid
    pid=$(podman inspect --format '{{.State.Pid}}' "$CONTAINER")
    uid=$(awk '/^Uid:/ { print $2 }' "/proc/$pid/status")
    [ "$uid" != 0 ] || fail "the pod's service runs as root"
    expect "root file system read-only" true "$(podman inspect --format '{{.HostConfig.ReadonlyRootfs}}' "$CONTAINER")"
    expect "capabilities" "" "$(awk '/^CapEff:/ { sub(/^0+$/, "", $2); print $2 }' "/proc/$pid/status")"
    expect "memory limit (bytes)" 536870912 "$(podman inspect --format '{{.HostConfig.Memory}}' "$CONTAINER")"
    expect "shutdown delay from the Deployment's env" 5S \
        "$(podman exec "$CONTAINER" sh -c 'echo $QUARKUS_SHUTDOWN_DELAY' 2>/dev/null || echo unreadable)"
    log "ok: runs as uid $uid, no capabilities"
    sign_in_and_read
    # (podman 4.3 logs that it cannot reach systemd to remove the health check timer it never made here)
    podman kube down "$OUT/podman-play.yml" > /dev/null 2>&1
    CONTAINER=""
    log "ok: pod removed (podman kube down)"
}

wants api && check_api
wants schemas && check_schemas
wants pod && check_pod
log "all checks passed: $STEPS"
