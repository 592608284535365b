#!/usr/bin/env bash
# docs/reliability.md from the fault tests' own rows: runs the tests (mvn verify, as CI does),
# then assembles the rows they wrote. bench/reliability/report.sh [--no-tests] [--long]
# (--long: the long variants, mvn -B verify -Preliability-long)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
run=(mvn -B verify)
tests=true
for a in "$@"; do
  case "$a" in
    --no-tests) tests=false ;;
    --long) run+=(-Preliability-long) ;;
    *) echo "usage: bench/reliability/report.sh [--no-tests] [--long]" >&2; exit 2 ;;
  esac
done
if $tests; then
  rm -rf ./*/target/reliability
  "${run[@]}"
fi
[[ -f deploy/target/classpath.txt ]] || bin/lakestream --version >/dev/null
java -cp "$(cat deploy/target/classpath.txt)" bench/reliability/Report.java "$root" docs/reliability.md "${run[*]}"
