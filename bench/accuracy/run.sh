#!/usr/bin/env bash
# Sketch accuracy of a lake written with the dau and top_items pipelines (and ingest, whose
# events table is the ground truth): bench/accuracy/run.sh LAKE
set -euo pipefail
lake=$(cd "${1:?usage: bench/accuracy/run.sh LAKE}" && pwd)
cd "$(dirname "$0")/../.."
artifact=org.duckdb:duckdb_jdbc:1.4.4.0
mvn -B -q dependency:get -Dartifact=$artifact >/dev/null
jar=~/.m2/repository/org/duckdb/duckdb_jdbc/1.4.4.0/duckdb_jdbc-1.4.4.0.jar
exec java -cp "$jar" bench/accuracy/SketchAccuracy.java "$lake"
