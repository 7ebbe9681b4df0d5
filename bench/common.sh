#!/usr/bin/env bash
# Helpers every benchmark script sources: a free TCP port, and running PostgreSQL's tools as the
# postgres user when the script runs as root (initdb refuses root).
free_port() {
  local port
  while true; do
    port=$((20000 + RANDOM % 20000))
    (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null || { echo $port; return; }
  done
}

as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
