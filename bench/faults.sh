#!/usr/bin/env bash
# The fault suite: the packaged service as a child process, with an embedded PostgreSQL and the GitLab emulator,
# through PostgreSQL restarting under load, kill -9 during refreshes, GitLab hanging during a refresh wave, GitLab
# answering 5xx and 429 for a minute, and two replicas with one killed mid-flight. See bench/README.md.
#
#   bench/faults.sh                              # build, run every case (about seven minutes), print the numbers
#   FAULTS=PostgresRestartFaultIT bench/faults.sh  # one case (a class name in src/test/java/dev/gitlablink/fault)
#
# The cases are JUnit tests tagged "fault" (*FaultIT), left out of ./mvnw verify. Each asserts that nothing is lost
# and that the service recovers by itself, and appends its numbers to target/faults/results.txt, which this script
# prints at the end. Exits non-zero when a case fails.
#
# Settings of the service reach it through the environment (see bench/lib.sh): e.g. when rate limits exist,
# RATE_LIMIT_...=... bench/faults.sh sets them for every case.
set -euo pipefail
cd "$(dirname "$0")/.."

CASES=${FAULTS:-*FaultIT}
OUT=target/faults

# shellcheck source=bench/lib.sh
LOG_TAG=faults
source bench/lib.sh

pick_jdk
log "JAVA_HOME=$JAVA_HOME"
mkdir -p "$OUT"
rm -f "$OUT/results.txt"
log "running $CASES (./mvnw verify, unit tests skipped); output in $OUT/maven.log"
status=0
./mvnw -B verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dit.failIfNoSpecifiedTests=false \
    -Dit.test="$CASES" -Dit.excludedGroups=none > "$OUT/maven.log" 2>&1 || status=$?
{
    echo "gitlab-link fault suite, $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
    echo "machine: $(nproc) CPUs, $(java -version 2>&1 | head -n 1)"
    grep -E '^\[(INFO|ERROR)\] Tests run:.*in dev\.gitlablink\.fault' "$OUT/maven.log" | sed 's/^\[[A-Z]*\] //' || true
    echo
    cat "$OUT/results.txt" 2>/dev/null || echo "(no case wrote numbers)"
} | tee "$OUT/summary.txt"
if [ "$status" -ne 0 ]; then
    log "the suite failed (maven exit $status); see $OUT/maven.log and target/failsafe-reports"
fi
exit "$status"
