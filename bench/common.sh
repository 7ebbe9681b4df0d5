#!/usr/bin/env bash
# Helpers every benchmark script sources: a free TCP port, running PostgreSQL's tools as the postgres
# user when the script runs as root (initdb refuses root), and writing bench/RESULTS.md.
free_port() {
  local port
  while true; do
    port=$((20000 + RANDOM % 20000))
    (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null || { echo $port; return; }
  done
}

as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

# bench/RESULTS.md: every section under bench/results, in order, each after a blank line.
write_results() { { echo "# Benchmark results"; for f in bench/results/*.md; do echo; cat "$f"; done; } > bench/RESULTS.md; }
