#!/bin/sh
# The entry point of the Debian-built JVM base (deploy/images.sh), in place of the ubi9/openjdk-21 run-java script that
# Dockerfile.jvm calls: the same variables (JAVA_OPTS, JAVA_OPTS_APPEND, JAVA_APP_JAR, JAVA_MAX_MEM_RATIO) and the same
# default heap ceiling of 80 % of the container's memory limit. exec: the JVM is the container's process 1 and gets
# SIGTERM itself.
exec java -XX:MaxRAMPercentage="${JAVA_MAX_MEM_RATIO:-80}" $JAVA_OPTS $JAVA_OPTS_APPEND -jar "$JAVA_APP_JAR" "$@"
