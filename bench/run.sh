#!/usr/bin/env bash
# The read benchmark of the contacts API: ./bench/run.sh [seconds-per-scenario]
# Starts a throwaway PostgreSQL 15 (Debian's binaries), seeds 1,000,000 contacts, starts the
# packaged service against it, and for each scenario measures the service with wrk (8 connections)
# and the same SQL with pgbench (8 clients), then writes bench/RESULTS.md. Bounded in time; every
# process it starts is stopped on exit. Needs: PostgreSQL 15 server binaries, pgbench, wrk.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-20}
CLIENTS=8
WORK=$(mktemp -d /tmp/contacts-bench.XXXXXX)
chmod 755 "$WORK"
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
SECRET=bench-page-token-secret
TENANT=tn_bench_0
# A bounded heap: the service's footprint target is 300 MiB resident.
SERVICE_JAVA_OPTS=${SERVICE_JAVA_OPTS:--Xmx160m -XX:+UseSerialGC}

free_port() {
  local port
  while true; do
    port=$((20000 + RANDOM % 20000))
    (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null || { echo $port; return; }
  done
}

as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

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
  -o "-p $PG_PORT -k $WORK/pg -c shared_buffers=1GB -c max_connections=100 -c fsync=off" start >/dev/null
PSQL="psql -q -h 127.0.0.1 -p $PG_PORT -U postgres -d postgres"

echo "== starting the service (it applies the migrations)"
HTTP_PORT=$(free_port)
# A development token; minting it also creates the development key pair the service will trust.
TOKEN=$(./mvnw -q compile exec:java@dev-token -Dtenant=$TENANT -Dscopes="contact:list contact:read contact:update")
DEV_KEY=$PWD/.dev/keys/public.pem
QUARKUS_HTTP_PORT=$HTTP_PORT \
QUARKUS_DATASOURCE_REACTIVE_URL=postgresql://127.0.0.1:$PG_PORT/postgres \
QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://127.0.0.1:$PG_PORT/postgres \
QUARKUS_DATASOURCE_USERNAME=postgres QUARKUS_DATASOURCE_PASSWORD=postgres \
MP_JWT_VERIFY_PUBLICKEY_LOCATION=$DEV_KEY MP_JWT_VERIFY_ISSUER=contact-properties-dev \
MP_JWT_VERIFY_AUDIENCES=contact-properties CONTACT_PROPERTIES_PAGE_TOKEN_SECRET=$SECRET \
QUARKUS_LOG_LEVEL=WARN \
  java $SERVICE_JAVA_OPTS -jar target/quarkus-app/quarkus-run.jar > "$WORK/service.log" 2>&1 &
SERVICE_PID=$!
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$HTTP_PORT/q/health/ready" >/dev/null && break; sleep 1; done

echo "== seeding 1,000,000 contacts"
SEED_START=$(date +%s)
$PSQL -f bench/seed.sql
echo "   seeded in $(( $(date +%s) - SEED_START )) s"

DEEP_TOKEN=$(java -cp "$(ls target/quarkus-app/app/*.jar)" bench/DeepToken.java "$SECRET" 450000)

# The statements the service runs (ContactRows.SELECT and ContactQuery), with the tenant inlined.
SELECT="select c.tenant_id, c.id, c.name, c.email, c.username, c.phone, c.language, c.status_override, c.folder_ids,
  c.created_at, c.updated_at, c.archived_at,
  (c.custom_fields - (select coalesce(array_agg(d.key), '{}') from property_definitions d
     where d.tenant_id = '$TENANT' and d.entity_type = 'contact' and d.deleted_at is not null))::text as custom_fields,
  (select coalesce(json_agg(json_build_object('id', i.id, 'channel', i.channel, 'metadata', i.metadata) order by i.id), '[]')
     from contact_identities i where i.tenant_id = c.tenant_id and i.contact_id = c.id)::text as identities,
  array(select ct.tag_id from contact_tags ct where ct.tenant_id = c.tenant_id and ct.contact_id = c.id order by ct.tag_id) as tag_ids
  from contacts c where c.tenant_id = '$TENANT' and c.deleted_at is null"
PAGE="order by c.created_at desc, c.id desc limit 51"
mkdir -p "$WORK/sql"
cat > "$WORK/sql/get_by_id.sql" <<SQL
\set n random(1, 900000)
$SELECT and c.id = 'con_' || lpad(:n::text, 26, '0');
SQL
printf '%s and c.archived_at is null %s;\n' "$SELECT" "$PAGE" > "$WORK/sql/list_first_page.sql"
printf '%s and c.archived_at is null and c.custom_fields @> %s %s;\n' "$SELECT" "'{\"city\": \"Gdansk\"}'::jsonb" "$PAGE" \
  > "$WORK/sql/filter_one_field.sql"
printf '%s and c.archived_at is null and c.custom_fields @> %s %s;\n' "$SELECT" \
  "'{\"city\": \"Gdansk\", \"plan\": \"Pro\"}'::jsonb" "$PAGE" > "$WORK/sql/filter_two_fields.sql"
cat > "$WORK/sql/search.sql" <<SQL
\set n random(1, 900000)
$SELECT and c.archived_at is null and c.search_text like '%user' || :n || '@%' $PAGE;
SQL
printf "%s and c.archived_at is null and (c.created_at, c.id) < (timestamptz '2024-01-01' + 450000 * interval '1 second', '%s') %s;\n" \
  "$SELECT" "con_$(printf '%026d' 450000)" "$PAGE" > "$WORK/sql/deep_page.sql"

echo "== measuring ($DURATION s per scenario and side, $CLIENTS clients)"
( while true; do ps -o rss= -p "$SERVICE_PID" >> "$WORK/rss"; sleep 1; done ) &
SAMPLER_PID=$!
ROWS=""
for scenario in get_by_id list_first_page filter_one_field filter_two_fields search deep_page; do
  # Warm both sides up briefly, then measure.
  SCENARIO=$scenario TOKEN=$TOKEN DEEP_TOKEN=$DEEP_TOKEN wrk -t2 -c$CLIENTS -d3s -s bench/scenarios.lua "http://127.0.0.1:$HTTP_PORT" >/dev/null
  read -r _ _ svc_rps svc_p50 svc_p99 svc_err svc_conn < <(SCENARIO=$scenario TOKEN=$TOKEN DEEP_TOKEN=$DEEP_TOKEN \
    wrk -t2 -c$CLIENTS -d"${DURATION}s" -s bench/scenarios.lua "http://127.0.0.1:$HTTP_PORT" | grep '^RESULT')
  rm -f "$WORK"/pgbench_log*
  (cd "$WORK" && pgbench -n -M prepared -c $CLIENTS -j 2 -T 3 -h 127.0.0.1 -p $PG_PORT -U postgres -f "sql/$scenario.sql" postgres >/dev/null 2>&1)
  raw_rps=$(cd "$WORK" && pgbench -n -M prepared -c $CLIENTS -j 2 -T "$DURATION" -l -h 127.0.0.1 -p $PG_PORT -U postgres \
    -f "sql/$scenario.sql" postgres 2>/dev/null | awk '/^tps/ {print $3; exit}')
  read -r raw_p50 raw_p99 < <(cat "$WORK"/pgbench_log* | awk '{print $3}' | sort -n | awk '{a[NR]=$1} END {printf "%.2f %.2f\n", a[int(NR*0.5)]/1000, a[int(NR*0.99)]/1000}')
  ratio=$(awk -v s="$svc_rps" -v r="$raw_rps" 'BEGIN {printf "%.0f%%", 100 * s / r}')
  ROWS+="| $scenario | $svc_rps | $svc_p50 | $svc_p99 | $(printf '%.1f' "$raw_rps") | $raw_p50 | $raw_p99 | $ratio | $svc_err |"$'\n'
  echo "   $scenario: service $svc_rps req/s (p50 $svc_p50 ms, p99 $svc_p99 ms, non-2xx $svc_err), raw $raw_rps tps (p50 $raw_p50 ms, p99 $raw_p99 ms), $ratio"
done

echo "== bulk update: 1,000 entries, three custom properties and the status"
percentiles() { sort -n | awk '{a[NR]=$1} END {p=int(NR*0.99); if (p < 1) p=NR; printf "%.1f %.1f\n", a[int((NR+1)/2)], a[p]}'; }
bulk() { curl -s -o "$WORK/answer.json" -w '%{time_total}' -X PUT -H "Authorization: Bearer $TOKEN" \
  -H 'Content-Type: application/json' --data-binary "@$1" "http://127.0.0.1:$HTTP_PORT/api/v1/contacts/bulk"; }
task_status() { curl -s -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$HTTP_PORT/api/v1/batch_tasks/$1" \
  | sed -n 's/.*"status":"\([a-z]*\)".*/\1/p'; }
: > "$WORK/complete_ms"; : > "$WORK/raw_ms"
for i in $(seq 1 10); do
  awk -v seed=$i -v body="$WORK/bulk.json" -v sql="$WORK/bulk.sql" -f bench/bulk_bodies.awk
  start=$(date +%s%N)
  bulk "$WORK/bulk.json" >/dev/null
  task=$(sed -n 's/.*"batch_task_id":"\([^"]*\)".*/\1/p' "$WORK/answer.json")
  for _ in $(seq 1 3000); do [ "$(task_status "$task")" = completed ] && break; sleep 0.005; done
  echo $(( ($(date +%s%N) - start) / 1000000 )) >> "$WORK/complete_ms"
  $PSQL -c '\timing on' -f "$WORK/bulk.sql" | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' >> "$WORK/raw_ms"
done
: > "$WORK/accept_ms"
for i in $(seq 11 110); do
  awk -v seed=$i -v body="$WORK/bulk-$i.json" -v sql="$WORK/bulk.sql" -f bench/bulk_bodies.awk
  bulk "$WORK/bulk-$i.json" | awk '{printf "%.1f\n", $1 * 1000}' >> "$WORK/accept_ms"
done
read -r accept_p50 accept_p99 < <(percentiles < "$WORK/accept_ms")
read -r complete_p50 complete_p99 < <(percentiles < "$WORK/complete_ms")
read -r raw_p50 raw_p99 < <(percentiles < "$WORK/raw_ms")
echo "   202 answer p50 $accept_p50 ms, p99 $accept_p99 ms; completion p50 $complete_p50 ms, p99 $complete_p99 ms;" \
  "raw UPDATE p50 $raw_p50 ms, p99 $raw_p99 ms"
kill "$SAMPLER_PID"; SAMPLER_PID=
MAX_RSS_MB=$(sort -n "$WORK/rss" | tail -1 | awk '{printf "%.0f", $1 / 1024}')

cat > bench/RESULTS.md <<MD
# Read benchmark of the contacts API

Command: \`./bench/run.sh $DURATION\` ($DURATION s per scenario and side, $CLIENTS concurrent clients, loopback).
Data: 1,000,000 contacts in 10 tenants (900,000 in \`$TENANT\`, which every request reads), 6 custom
properties (single choice, number, text, date, boolean, list), 20 tags per tenant on every tenth contact,
a WhatsApp identity on every third.
Service: the packaged JVM service (\`target/quarkus-app/quarkus-run.jar\`), prod profile, default heap.
Raw: the same SQL statements through \`pgbench -M prepared\`.

Machine: $(nproc) cores ($(lscpu | awk -F: '/Model name/ {gsub(/^ +/, "", $2); print $2; exit}')), $(free -g | awk '/Mem:/ {print $2}') GiB,
$(java -version 2>&1 | head -1), PostgreSQL $($PSQL -At -c 'show server_version'). Run on $(date -u +%Y-%m-%d).
The machine is shared; figures vary by run.

| scenario | service req/s | service p50 ms | service p99 ms | raw tps | raw p50 ms | raw p99 ms | service/raw | non-2xx |
|---|---|---|---|---|---|---|---|---|
$ROWS
Bulk update of 1,000 random contacts (three custom properties and the status), with the task engine's
default chunk of 500:

| measure | p50 ms | p99 ms | runs |
|---|---|---|---|
| 202 answer of \`PUT /api/v1/contacts/bulk\` | $accept_p50 | $accept_p99 | 100 |
| request sent until the task reads \`completed\` | $complete_p50 | $complete_p99 | 10 |
| the same update as one raw \`UPDATE ... FROM unnest(...)\` through psql | $raw_p50 | $raw_p99 | 10 |

Service resident memory, highest sample during the run: $MAX_RSS_MB MiB.
MD
echo "== wrote bench/RESULTS.md"
cat bench/RESULTS.md
