#!/usr/bin/env bash
# docs/reliability.md from the fault tests' own rows: runs the tests (mvn verify, as CI does),
# then assembles the rows they wrote. bench/reliability/report.sh [--no-tests]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
if [[ "${1:-}" != "--no-tests" ]]; then
  rm -rf ./*/target/reliability
  mvn -B verify
fi
[[ -f deploy/target/classpath.txt ]] || bin/lakestream --version >/dev/null
java -cp "$(cat deploy/target/classpath.txt)" bench/reliability/Report.java "$root" docs/reliability.md
