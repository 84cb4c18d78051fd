#!/usr/bin/env bash
# The file source end to end (io.selfheal.bench.FileIngestBenchmark, docs/benchmarks.md) against the embedded AND an
# external durable PostgreSQL (scripts/external-postgres.sh), in a 512 MB heap, with the bare COPY ceiling measured in
# the same run. Needs: ./mvnw -DskipTests test-compile. Arguments are JVM options for the benchmark, e.g.
#   scripts/file-ingest-bench.sh -Dbench.lines=300000 -Dbench.rate=20000 -Dselfheal.files.max-batch-lines=10000
# JFR=1 also records target/file-bench-{embedded,external}.jfr.
# The test class path carries camel-cli-connector (through camel-jbang-core, test scope only): its once-a-second status
# task walks every route over JMX and took ~47% of the service's CPU in the first profile, so it is left out here, as
# it is out of the service's own jar.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -s target/cp.txt ] || ./mvnw -B -q -o dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
cp="$(tr ':' '\n' < target/cp.txt | grep -v camel-cli-connector | paste -sd:):target/classes:target/test-classes"
run() { java -Xmx512m ${JFR:+-XX:StartFlightRecording=filename=target/file-bench-$1.jfr,settings=profile} "${@:3}" \
  -cp "$cp" io.selfheal.bench.FileIngestBenchmark "$2" 2>&1 \
  | grep -E '^(WARMUP|THROUGHPUT|LATENCY|CEILING|  phase|  MISMATCH|PostgreSQL|file:|load|[0-9]{4}-)'; }
echo "== embedded PostgreSQL"
run embedded embedded "$@"
echo "== external PostgreSQL (scripts/external-postgres.sh)"
url=$(scripts/external-postgres.sh start)
trap 'scripts/external-postgres.sh stop' EXIT
run external "$url" "$@"
