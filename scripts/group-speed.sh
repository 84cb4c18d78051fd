#!/usr/bin/env bash
# Whole-process speed of `java -jar target/selfheal.jar group` (docs/grouping.md, "Speed of the group command").
# For HDFS and BGL: generates LINES lines by repeating the Loghub-2k sample with its numbers varied, then times, on the
# same file and in the same run: `wc -l` (reading alone), the read+split ceiling (GroupSpeedBenchmark split: reading
# and --log-format splitting with no grouping and no output), and `group` end to end (JVM start to CSV written).
# Figures are lines/s by wall-clock time and by CPU time (user+sys; on a busy machine the wall-clock figure drops,
# the CPU figure much less). Needs target/selfheal.jar and target/test-classes: ./mvnw -DskipTests package
# Usage: scripts/group-speed.sh [DATA_DIR (default src/test/resources/loghub-2k)] [LINES (default 3200000)]
# OTHER_JAR=path/to/selfheal.jar also times that build's `group` on the same file (e.g. the previous version).
set -euo pipefail
data=${1:-src/test/resources/loghub-2k}
lines=${2:-3200000}
work=${TMPDIR:-/tmp}/selfheal-group-speed
cp=target/selfheal.jar:target/test-classes
mkdir -p "$work"

measure() { # LABEL COMMAND...: runs COMMAND once, prints its wall-clock and CPU figures
  local label=$1 times
  shift
  times=$( { TIMEFORMAT='%R %U %S'; time "$@" >/dev/null 2>&1; } 2>&1 )
  read -r wall user sys <<<"$times"
  awk -v l="$label" -v n="$lines" -v w="$wall" -v u="$user" -v s="$sys" 'BEGIN {
    printf "  %-12s wall %6.2f s %10.0f lines/s   cpu %6.2f s %10.0f lines/s\n", l, w, n / w, u + s, n / (u + s) }'
}

echo "$(date -u '+%F %T') UTC, $(nproc) cores, $(java -version 2>&1 | head -1), $lines lines per file"
for name in HDFS BGL; do
  format=$(awk -F'\t' -v n="$name" '$1 == n { print $2 }' "$data/formats.tsv")
  file="$work/$name-$lines.log"
  [ -s "$file" ] || java -cp "$cp" io.selfheal.bench.GroupSpeedBenchmark generate "$data/$name/${name}_2k.log" "$lines" "$file"
  echo "$name ($(du -h "$file" | cut -f1)), load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  measure "wc -l" wc -l "$file"
  measure "read+split" java -cp "$cp" io.selfheal.bench.GroupSpeedBenchmark split "$format" "$file"
  measure "group" java -jar target/selfheal.jar group --quiet --log-format "$format" --input "$file" \
      --output "$work/$name.csv"
  if [ -n "${OTHER_JAR:-}" ]; then
    measure "group other" java -jar "$OTHER_JAR" group --log-format "$format" --input "$file" --output "$work/$name-other.csv"
    cmp -s "$work/$name.csv" "$work/$name-other.csv" && echo "  same output as $OTHER_JAR" \
      || echo "  OUTPUT DIFFERS from $OTHER_JAR"
  fi
  echo "  load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
done
