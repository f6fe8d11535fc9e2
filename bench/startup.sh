#!/usr/bin/env bash
# Start-up and memory benchmark: time from exec to /q/health/ready = 200, RSS idle and after a minute of reads, for
# the production JVM jar (plain, and with the JDK's AOT cache) and the production native executable, in one run,
# against an embedded PostgreSQL and the GitLab emulator. See bench/README.md ("Start-up and memory").
#
#   bench/startup.sh                                   # build the jar; native if an executable is there or can be built
#   BENCH_SKIP_BUILD=1 bench/startup.sh                # reuse target/startup/ (jar) and the executable
#   STARTUP_NATIVE=path/to/gitlab-link-runner bench/startup.sh   # measure this native executable
#   STARTUP_BUILD_NATIVE=1 bench/startup.sh            # build it (./mvnw package -Dprod -Dnative, needs GRAALVM_HOME)
#
# Both are sized as the Kubernetes pod is (a 512 MiB memory limit): the JVM as src/main/docker/Dockerfile.jvm sizes it
# (60 % of it heap), the native executable with 80 % of it as its largest heap. Writes target/startup/results.txt.
# Exits 0 whether or not a target is met (MISSED); non-zero only when the benchmark cannot run.
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${STARTUP_RUNS:-5}
LOAD_SECONDS=${STARTUP_LOAD_SECONDS:-60}
OUT=target/startup
JVM_READY_TARGET_MS=1500
NATIVE_READY_TARGET_MS=150
NATIVE_RSS_TARGET_MB=80

LOG_TAG=startup
source bench/lib.sh
pick_jdk
log "JAVA_HOME=$JAVA_HOME"
mkdir -p "$OUT"

# The production jar (no emulator, no embedded database inside) is kept aside in $OUT/jvm; the default build the
# environment needs (the emulator, the test classes) is built after it.
if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
    if [ "${STARTUP_BUILD_NATIVE:-0}" = 1 ]; then
        log "building the production native executable (./mvnw -B -q package -Dprod -Dnative -DskipTests)"
        ./mvnw -B -q package -Dprod -Dnative -DskipTests
        cp target/gitlab-link-*-runner "$OUT/gitlab-link-runner"
    fi
    log "building the production jar (./mvnw -B -q package -Dprod -DskipTests)"
    ./mvnw -B -q package -Dprod -DskipTests
    rm -rf "$OUT/jvm" "$OUT/app.aot"
    cp -r target/quarkus-app "$OUT/jvm"
fi
BENCH_SKIP_BUILD=${BENCH_SKIP_BUILD:-0} build_service "$OUT"

NATIVE=${STARTUP_NATIVE:-$OUT/gitlab-link-runner}
[ -n "${STARTUP_NATIVE:-}" ] && [ -x "$STARTUP_NATIVE" ] && cp "$STARTUP_NATIVE" "$OUT/gitlab-link-runner" \
    && NATIVE=$OUT/gitlab-link-runner

JVM_OPTS="-XX:MaxRAM=512m -XX:InitialRAMPercentage=60 -XX:MaxRAMPercentage=60 \
-Djava.util.logging.manager=org.jboss.logmanager.LogManager"
VARIANTS=("jvm=$JAVA_HOME/bin/java $JVM_OPTS -jar $OUT/jvm/quarkus-run.jar")
if [ "$(java_major "$JAVA_HOME/bin/java")" -ge 25 ]; then
    VARIANTS+=("jvm-aot=$JAVA_HOME/bin/java $JVM_OPTS -XX:AOTCache=$OUT/app.aot -jar $OUT/jvm/quarkus-run.jar")
else
    log "the JDK's AOT cache needs JDK 25 (JEP 514); jvm-aot is not measured with $(java_major "$JAVA_HOME/bin/java")"
fi
if [ -x "$NATIVE" ]; then
    VARIANTS+=("native=$NATIVE -Xmx410m")
    log "native executable: $NATIVE ($(( $(stat -c %s "$NATIVE") / 1024 / 1024 )) MB)"
else
    log "no native executable at $NATIVE: set STARTUP_NATIVE or STARTUP_BUILD_NATIVE=1; native is not measured"
fi

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
log "$RUNS starts per variant, ${LOAD_SECONDS}s of reads on the last; load average $LOAD_BEFORE"
java -Dvertx.logger-delegate-factory-class-name=io.vertx.core.logging.JULLogDelegateFactory \
    -cp "target/classes:target/test-classes:$(cat "$OUT/classpath.txt")" dev.gitlablink.bench.StartupBench \
    "$OUT" "$RUNS" "$LOAD_SECONDS" "${VARIANTS[@]}" 2> "$OUT/driver.log" | tee "$OUT/driver.txt" >&2

verdict() { # verdict VALUE LIMIT
    [ "$1" -lt "$2" ] && echo met || echo MISSED
}
value() { # value VARIANT KEY
    grep "^STARTUP_SUMMARY $1 " "$OUT/driver.txt" | tr ' ' '\n' | sed -n "s/^$2=//p"
}
{
    echo "start-up bench $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, load average before $LOAD_BEFORE;" \
        "$RUNS starts per variant, medians; ready = exec to /q/health/ready 200"
    printf '%-8s %9s %6s %6s %10s %12s %9s %10s %11s %9s %11s\n' variant 'ready ms' min max 'first log' \
        'Flyway done' 'RSS idle' '(of files)' 'RSS loaded' 'RSS peak' 'reads/load'
    for variant in jvm jvm-aot native; do
        grep -q "^STARTUP_SUMMARY $variant " "$OUT/driver.txt" || continue
        printf '%-8s %9s %6s %6s %10s %12s %9s %10s %11s %9s %11s\n' "$variant" "$(value $variant ready_ms_median)" \
            "$(value $variant ready_ms_min)" "$(value $variant ready_ms_max)" "$(value $variant first_log_ms_median)" \
            "$(value $variant flyway_done_ms_median)" "$(value $variant rss_idle_mb_median)" \
            "$(value $variant rss_idle_file_mb_median)" \
            "$(value $variant rss_after_load_mb)" "$(value $variant rss_peak_mb)" "$(value $variant load_requests)"
    done
    echo "times in ms from exec: 'first log' the first log line (the runtime and the framework booted, the database" \
        "pool next), 'Flyway done' its last start-up line (the schema checked); RSS in MB, '(of files)' the part that is" \
        "mapped files (the executable's or the JDK's pages), 'loaded' after a sign-in" \
        "and ${LOAD_SECONDS}s of reads (8 connections), 'peak' the process's high-water mark"
    if grep -q '^STARTUP_SUMMARY jvm ' "$OUT/driver.txt"; then
        best_jvm=$(value jvm ready_ms_median)
        grep -q '^STARTUP_SUMMARY jvm-aot ' "$OUT/driver.txt" && best_jvm=$(printf '%s\n' "$best_jvm" \
            "$(value jvm-aot ready_ms_median)" | sort -n | head -n 1)
        echo "JVM ready under ${JVM_READY_TARGET_MS} ms: $(verdict "$best_jvm" $JVM_READY_TARGET_MS) ($best_jvm ms)"
    fi
    if grep -q '^STARTUP_SUMMARY native ' "$OUT/driver.txt"; then
        echo "native ready under ${NATIVE_READY_TARGET_MS} ms: $(verdict "$(value native ready_ms_median)" \
            $NATIVE_READY_TARGET_MS) ($(value native ready_ms_median) ms)"
        echo "native RSS idle under ${NATIVE_RSS_TARGET_MB} MB: $(verdict "$(value native rss_idle_mb_median)" \
            $NATIVE_RSS_TARGET_MB) ($(value native rss_idle_mb_median) MB)"
    fi
} | tee "$OUT/results.txt"
