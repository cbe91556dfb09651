#!/usr/bin/env bash
# Inference through the KServe v2 client and the embedded server against ONNX Runtime in-process, one 512x512 slice
# and batches of 8, in one JMH run (ai-marketplace/src/test/java/com/radrelay/inference/bench/InferenceBenchmark).
# Needs the installed modules (./mvnw install -DskipTests). Writes JMH's JSON next to its text report.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../../.." && pwd)
OUT=${OUT:-/tmp/inference-bench}
mkdir -p "$OUT"
cd "$ROOT"
source .mvn/select-jdk.sh
./mvnw -o -q -B -pl ai-marketplace test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$OUT/classpath.txt"
echo "-cp ai-marketplace/target/test-classes:ai-marketplace/target/classes:$(cat "$OUT/classpath.txt")" \
  >"$OUT/java-args"
# ONNX Runtime 1.29.0 crashes (SIGSEGV) as it loads when the process's command line is longer than about 4 KB, so
# the classpath goes through an argument file here and through a manifest jar in JMH's forked JVM.
"$JAVA_HOME/bin/java" @"$OUT/java-args" -Djmh.separateClasspathJAR=true org.openjdk.jmh.Main InferenceBenchmark \
  -rf json -rff "$OUT/inference.json" | tee "$OUT/inference.txt"
