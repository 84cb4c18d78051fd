#!/usr/bin/env bash
# Generates the Java part of the stack corpus: compiles the shopfront application twice (build b has a comment line
# inserted every 7 lines, so every line number shifts, and extra lambdas/anonymous classes, so their numbering
# shifts), runs each build and writes java-a.txt and java-b.txt. Build b runs in a named class loader with
# -Dsun.reflect.noInflation=true. Needs JDK 17 and spring-core/spring-jcl 6 and byte-buddy jars (from ~/.m2).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="${1:-$here/../../data}"
m2="${M2_REPO:-$HOME/.m2/repository}"
libs="$(ls "$m2"/org/springframework/spring-core/6.*/spring-core-6.*.jar | tail -1):$(ls "$m2"/org/springframework/spring-jcl/6.*/spring-jcl-6.*.jar | tail -1):$(ls "$m2"/net/bytebuddy/byte-buddy/1.1[5-9]*/byte-buddy-1.*.jar | tail -1)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cp -r "$here/src" "$work/src-a"
cp -r "$here/src" "$work/src-b"
find "$work/src-b" -name '*.java' | while read -r f; do
  sed -i -e 's|^\(\s*\)//B |\1|' "$f"
  awk '{print} NR % 7 == 3 {print "    // build b: shifted"}' "$f" > "$f.tmp" && mv "$f.tmp" "$f"
done
for b in a b; do
  mkdir -p "$work/classes-$b"
  javac -nowarn -d "$work/classes-$b" -cp "$libs" $(find "$work/src-$b" -name '*.java')
done
java -cp "$work/classes-a:$libs" com.shopfront.app.CorpusMain a "$out/java-a.txt"
java -Dsun.reflect.noInflation=true -Dcorpus.classpath="$work/classes-b:$libs" -cp "$work/classes-b" \
  com.shopfront.app.Launcher b "$out/java-b.txt"
grep -c '^### event' "$out/java-a.txt" "$out/java-b.txt"
