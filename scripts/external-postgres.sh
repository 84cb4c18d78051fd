#!/usr/bin/env bash
# A real, separate PostgreSQL 15 server at its DURABLE defaults (fsync=on, synchronous_commit=on, full_page_writes=on)
# for benchmarks and manual runs against "an external database" (issue 14). Uses Debian's binaries under
# /usr/lib/postgresql/15/bin (apt-get install postgresql-15); no system cluster, no root service.
#
# Usage: scripts/external-postgres.sh start [DIR]   initdb's DIR (default target/external-postgres) on first use,
#                                                   starts it on a free port, prints the JDBC URL on stdout
#        scripts/external-postgres.sh stop  [DIR]   fast shutdown (checkpoint, then exit)
#        scripts/external-postgres.sh url   [DIR]   prints the JDBC URL of the running server
#
# The superuser is `selfheal` with trust authentication on 127.0.0.1 only, database `selfheal`. Use it as
#   SELFHEAL_DB_URL=$(scripts/external-postgres.sh start) SELFHEAL_DB_USER=selfheal java -jar target/selfheal.jar
# PostgreSQL refuses to run as root: as root the server runs in a user namespace (`unshare -U`, as the embedded server
# does), where it is an unprivileged user; otherwise it runs as the current user. PGBIN overrides the binaries' folder.
set -euo pipefail
action=${1:-}
dir=$(realpath -m "${2:-target/external-postgres}")
bin=${PGBIN:-/usr/lib/postgresql/15/bin}
data=$dir/data

as_server_user() { # runs a PostgreSQL program as a non-root user
  if [ "$(id -u)" = 0 ]; then unshare -U "$@"; else "$@"; fi
}

free_port() {
  python3 - <<'EOF' 2>/dev/null || echo $((20000 + RANDOM % 20000))
import socket
s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()
EOF
}

port_of() { sed -n 4p "$data/postmaster.pid"; }

running() { [ -f "$data/postmaster.pid" ] && kill -0 "$(head -1 "$data/postmaster.pid")" 2>/dev/null; }

print_url() { echo "jdbc:postgresql://127.0.0.1:$(port_of)/selfheal"; }

case $action in
  start)
    if running; then print_url; exit 0; fi
    mkdir -p "$dir"
    if [ ! -f "$data/PG_VERSION" ]; then
      as_server_user "$bin/initdb" -D "$data" -U selfheal --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
        || { cat "$dir/initdb.log" >&2; exit 1; }
      # durable defaults are PostgreSQL's own: state them so nobody wonders, and stay off the network
      cat >>"$data/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
unix_socket_directories = ''
fsync = on
synchronous_commit = on
full_page_writes = on
max_connections = 100
shared_buffers = 128MB
EOF
    fi
    port=$(free_port)
    as_server_user "$bin/pg_ctl" -D "$data" -l "$dir/server.log" -o "-p $port" -w -t 60 start >/dev/null \
      || { tail -20 "$dir/server.log" >&2; exit 1; }
    if ! as_server_user "$bin/psql" -h 127.0.0.1 -p "$port" -U selfheal -d postgres -tAc \
        "SELECT 1 FROM pg_database WHERE datname = 'selfheal'" | grep -q 1; then
      as_server_user "$bin/createdb" -h 127.0.0.1 -p "$port" -U selfheal selfheal
    fi
    print_url
    ;;
  stop)
    if running; then
      pid=$(head -1 "$data/postmaster.pid")
      kill -INT "$pid" # fast shutdown; works across the user namespace
      for _ in $(seq 1 600); do kill -0 "$pid" 2>/dev/null || exit 0; sleep 0.1; done
      echo "PostgreSQL (pid $pid) did not stop within 60 s" >&2
      exit 1
    fi
    ;;
  url)
    running || { echo "not running: $data" >&2; exit 1; }
    print_url
    ;;
  *)
    sed -n '2,14p' "$0" >&2
    exit 2
    ;;
esac
