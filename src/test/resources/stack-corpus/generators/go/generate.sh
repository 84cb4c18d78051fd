#!/usr/bin/env bash
# Generates the Go part of the stack corpus: builds ./shopfront as build a and as build b (a copy with a comment line
# inserted every 5 lines), runs each bug of app.Bugs through several entry points and records what the process wrote
# to stderr (the panic and goroutine dump, or net/http's "http: panic serving" log with the stack).
# Usage: generate.sh OUTPUT_DIR   (needs Go >= 1.19)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$(cd "${1:-$here/../../data}" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
entries=(cli http worker job)
bugs=$(sed -n '/^var Bugs = \[\]string{/,/^}/p' "$here/shopfront/app/operations.go" | grep -o '"[a-z-]*"' | tr -d '"')
for build in a b; do
  src="$work/src/shopfront-$build"
  mkdir -p "$src" && cp -r "$here/shopfront/." "$src/"
  if [ "$build" = b ]; then
    find "$src" -name '*.go' | while read -r f; do
      awk '{print} NR % 5 == 3 && !/^import \($/ {print "// build b: shifted"}' "$f" > "$f.tmp" && mv "$f.tmp" "$f"
    done
  fi
  (cd "$src" && GOFLAGS=-mod=mod go build -o "$work/shopfront-$build" .)
  file="$out/go-$build.txt"
  : > "$file"
  i=0; n=$([ "$build" = a ] && echo 0 || echo 500)
  index=0; offset=$([ "$build" = a ] && echo 0 || echo 1)
  for op in $bugs; do
    for k in 0 1 2; do
      entry=${entries[$(( (index + k + offset) % 4 ))]}
      n=$((n + 1)); i=$((i + 1))
      trace=""
      for attempt in 1 2 3; do  # a loaded machine can kill the process before it writes anything
        trace=$("$work/shopfront-$build" "$op" "$entry" "$n" 2>&1 >/dev/null || true)
        [ -n "$trace" ] && break
      done
      printf '### event go-%s-%d bug=go-%s path=%s build=%s\nmessage: %s\n%s\n' "$build" "$i" "$op" "$entry" "$build" \
        "$(printf '%s' "$trace" | head -1)" "$trace" >> "$file"
    done
    index=$((index + 1))
  done
  echo "$build: $i events"
done
