#!/usr/bin/env bash
# Source benchmarks (issue 14): the service in one JVM with -Xmx512m, on the main classpath plus the test classes.
#   scripts/bench-sources.sh kafka [--records 1000000] [--warmup-records 200000] [--partitions 4] [--jdbc-url jdbc:postgresql://...]
#   scripts/bench-sources.sh http  [--events 400000] [--warmup-events 200000] [--clients 4] [--batch 1000] [--format ndjson|json] [--gzip true]
# BENCH_JFR=file.jfr records a JFR profile of the run; BENCH_HEAP=256m runs it in another heap than -Xmx512m.
# See docs/benchmarks.md ("Kafka", "HTTP").
set -euo pipefail
cd "$(dirname "$0")/.."
case "${1:-}" in
  kafka) main=io.selfheal.bench.KafkaIngestBenchmark ;;
  http) main=io.selfheal.bench.HttpIngestBenchmark ;;
  *) echo "usage: $0 kafka|http [--name value ...]" >&2; exit 2 ;;
esac
shift
if [[ ! -f target/bench-classpath.txt || pom.xml -nt target/bench-classpath.txt ]]; then
  ./mvnw -B -q -o dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
fi
./mvnw -B -q -o -DskipTests test-compile
# camel-jbang (a test dependency) brings Camel's CLI connector, which walks every MBean each second: the service
# does not ship it, so the benchmark leaves it out.
cp=$(tr ':' '\n' < target/bench-classpath.txt | grep -v -e camel-cli-connector -e camel-jbang-core | paste -sd:)
jfr=()
if [[ -n "${BENCH_JFR:-}" ]]; then
  jfr=("-XX:StartFlightRecording=filename=${BENCH_JFR},settings=${BENCH_JFR_SETTINGS:-profile}")
fi
exec java "-Xmx${BENCH_HEAP:-512m}" "${jfr[@]}" -cp "target/test-classes:target/classes:$cp" "$main" "$@"
