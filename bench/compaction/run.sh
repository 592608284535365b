#!/usr/bin/env bash
# DuckDB query time over a lake's events table: bench/compaction/run.sh LAKE
set -euo pipefail
lake=$(cd "${1:?usage: bench/compaction/run.sh LAKE}" && pwd)
cd "$(dirname "$0")/../.."
mvn -B -q dependency:get -Dartifact=org.duckdb:duckdb_jdbc:1.4.4.0 >/dev/null
jar=~/.m2/repository/org/duckdb/duckdb_jdbc/1.4.4.0/duckdb_jdbc-1.4.4.0.jar
exec java -cp "$jar" bench/compaction/QueryTime.java "$lake"
