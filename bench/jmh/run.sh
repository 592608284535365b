#!/usr/bin/env bash
# JMH microbenchmarks of the per-event operations (decode, row checksum, sketch updates, HMAC,
# Parquet row writes, event serialization):
# builds the module, runs JMH (1 fork, 3 warm-up and 5 measured iterations of 2 s each, unless
# JMH options are given: bench/jmh/run.sh -f 2 -i 10 ...), and writes bench/target/jmh.json
# and the table in docs/benchmarks-operators.md. Timings of this machine, when it runs; never
# part of the tests.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
mvn -B -q -ntp -o -DskipTests -Dspotless.check.skip=true -pl bench -am package \
  dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime 2>/dev/null \
  || mvn -B -q -ntp -DskipTests -Dspotless.check.skip=true -pl bench -am package \
       dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
cp="bench/target/classes:$(cat bench/target/classpath.txt)"
opts=("$@")
if [[ ${#opts[@]} -eq 0 ]]; then
  opts=(-f 1 -wi 3 -i 5 -w 2s -r 2s)
fi
java -cp "$cp" org.openjdk.jmh.Main "${opts[@]}" -rf json -rff bench/target/jmh.json
java -cp "$cp" bench/jmh/Table.java bench/target/jmh.json docs/benchmarks-operators.md
