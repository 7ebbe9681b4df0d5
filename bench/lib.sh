#!/usr/bin/env bash
# Shared set-up of the benchmarks, sourced by bench/run.sh and bench/import.sh: a throwaway
# PostgreSQL 15 (Debian's binaries) and the packaged service against it, both on free ports and
# both stopped on exit. Expects SERVICE_JAVA_OPTS and SCOPES to be set by the caller; PG_EXTRA_OPTS
# adds server options (such as -c shared_preload_libraries=pg_stat_statements to see where time goes);
# EVENTS=off disables the contact event triggers once the service has migrated the schema.
# The service runs with two glibc malloc arenas (MALLOC_ARENA_MAX), as is usual for a JVM whose memory
# is watched: it allocates natively from few threads, and every extra arena keeps its own free memory.
set -euo pipefail
cd "$(dirname "$0")/.."
CLIENTS=8
WORK=$(mktemp -d /tmp/contacts-bench.XXXXXX)
chmod 755 "$WORK"
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
SECRET=bench-page-token-secret
TENANT=tn_bench_0
source bench/common.sh

cleanup() {
  [ -n "${SERVICE_PID:-}" ] && kill "$SERVICE_PID" 2>/dev/null || true
  [ -n "${SAMPLER_PID:-}" ] && kill "$SAMPLER_PID" 2>/dev/null || true
  as_pg "$PG_BIN/pg_ctl" -D "$WORK/pg" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

command -v wrk >/dev/null || { [ "$(id -u)" = 0 ] && apt-get install -y -q wrk >/dev/null; }
./mvnw -B -q package -DskipTests

echo "== starting PostgreSQL"
PG_PORT=$(free_port)
mkdir -p "$WORK/pg"
[ "$(id -u)" = 0 ] && chown postgres "$WORK/pg"
as_pg "$PG_BIN/initdb" -D "$WORK/pg" -U postgres -A trust >/dev/null
as_pg "$PG_BIN/pg_ctl" -D "$WORK/pg" -l "$WORK/pg/log" -w \
  -o "-p $PG_PORT -k $WORK/pg -c shared_buffers=1GB -c max_connections=100 -c fsync=off ${PG_EXTRA_OPTS:-}" start >/dev/null
PSQL="psql -q -h 127.0.0.1 -p $PG_PORT -U postgres -d postgres"

echo "== starting the service (it applies the migrations)"
# Without rate limits: the benchmarks measure one tenant at thousands of requests a second, far over
# its default budgets, which would turn the figures into a measure of 429s.
HTTP_PORT=$(free_port)
# A development token; minting it also creates the development key pair the service will trust.
TOKEN=$(./mvnw -q compile exec:java@dev-token -Dtenant=$TENANT -Dscopes="$SCOPES")
DEV_KEY=$PWD/.dev/keys/public.pem
QUARKUS_HTTP_PORT=$HTTP_PORT \
QUARKUS_DATASOURCE_REACTIVE_URL=postgresql://127.0.0.1:$PG_PORT/postgres \
QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://127.0.0.1:$PG_PORT/postgres \
QUARKUS_DATASOURCE_USERNAME=postgres QUARKUS_DATASOURCE_PASSWORD=postgres \
MP_JWT_VERIFY_PUBLICKEY_LOCATION=$DEV_KEY MP_JWT_VERIFY_ISSUER=contact-properties-dev \
MP_JWT_VERIFY_AUDIENCES=contact-properties CONTACT_PROPERTIES_PAGE_TOKEN_SECRET=$SECRET \
CONTACT_PROPERTIES_RATE_LIMIT_ENABLED=false \
QUARKUS_LOG_LEVEL=WARN MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2} \
  java $SERVICE_JAVA_OPTS -jar target/quarkus-app/quarkus-run.jar > "$WORK/service.log" 2>&1 &
SERVICE_PID=$!
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$HTTP_PORT/q/health/ready" >/dev/null && break; sleep 1; done
# EVENTS=off: the contact event triggers (V25, V26) disabled, to measure what change events cost.
if [ "${EVENTS:-on}" = off ]; then
  $PSQL -c "alter table contacts disable trigger contacts_events_insert" \
    -c "alter table contacts disable trigger contacts_events_update"
fi

# Samples the service's resident memory once a second into $WORK/rss until stopped.
( while true; do ps -o rss= -p "$SERVICE_PID" >> "$WORK/rss"; sleep 1; done ) &
SAMPLER_PID=$!
max_rss_mb() { sort -n "$WORK/rss" | tail -1 | awk '{printf "%.0f", $1 / 1024}'; }
percentiles() { sort -n | awk '{a[NR]=$1} END {p=int(NR*0.99); if (p < 1) p=NR; printf "%.1f %.1f\n", a[int((NR+1)/2)], a[p]}'; }
