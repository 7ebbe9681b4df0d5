#!/usr/bin/env bash
# The read and bulk-update benchmark of the contacts API: ./bench/run.sh [seconds-per-scenario]
# Starts a throwaway PostgreSQL 15 (Debian's binaries), seeds 1,000,000 contacts, starts the
# packaged service against it, and for each scenario measures the service with wrk (8 connections)
# and the same SQL with pgbench (8 clients); then times 1,000-entry bulk updates against the same
# update as one raw statement; writes bench/RESULTS.md. Bounded in time; every process it starts
# is stopped on exit. Needs: PostgreSQL 15 server binaries, pgbench, wrk.
DURATION=${1:-20}
# The service's footprint target is 300 MiB resident. Its live heap is about 25 MiB, so a 96 MiB heap
# keeps the throughput of 128 and 160 MiB (young collections took 3.4% of the time instead of 2.5%);
# the JVM hands memory freed by its compilers back to the system every 5 s (without it, glibc kept
# about 20 MiB of it). With 128 MiB the peak was 292, 293 and 321 MiB in three runs.
SERVICE_JAVA_OPTS=${SERVICE_JAVA_OPTS:--Xmx96m -XX:+UseSerialGC -XX:TrimNativeHeapInterval=5000}
SCOPES="contact:list contact:read contact:create contact:update custom_field:create"
source "$(dirname "$0")/lib.sh"

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
  c.tag_ids
  from contacts c where c.tenant_id = '$TENANT' and c.deleted_at is null"
PAGE="order by c.created_at desc, c.id desc limit 51"
mkdir -p "$WORK/sql"
cat > "$WORK/sql/get_by_id.sql" <<SQL
\set n random(1, 900000)
$SELECT and c.id = 'con_' || lpad(:n::text, 26, '0');
SQL
printf '%s and c.archived_at is null %s;\n' "$SELECT" "$PAGE" > "$WORK/sql/list_first_page.sql"
# A custom-field filter is built from the definitions the service read before, and checks that they
# are still current (DefinitionSnapshot): the seed wrote them without raising the version, so 0.
CURRENT="coalesce((select v.version from property_definition_versions v where v.tenant_id = '$TENANT'
  and v.entity_type = 'contact'), 0) = 0"
printf '%s and c.archived_at is null and c.custom_fields @> %s and %s %s;\n' "$SELECT" "'{\"city\": \"Gdansk\"}'::jsonb" \
  "$CURRENT" "$PAGE" > "$WORK/sql/filter_one_field.sql"
printf '%s and c.archived_at is null and c.custom_fields @> %s and %s %s;\n' "$SELECT" \
  "'{\"city\": \"Gdansk\", \"plan\": \"Pro\"}'::jsonb" "$CURRENT" "$PAGE" > "$WORK/sql/filter_two_fields.sql"
# The tenant holds 90% of the contacts, so the service checks it on the rows found rather than in the
# trigram index (ContactQuery, SearchStatistics); the raw statement does the same.
SEARCH_SELECT=${SELECT/"c.tenant_id = '$TENANT' and c.deleted_at"/"c.tenant_id || '' = '$TENANT' and c.deleted_at"}
# The service leads a search with the longest part of its term that holds none of the trigrams 5% of the
# contacts hold (ContactQuery, SearchStatistics): every seeded email holds "use", "ser" and "er" and a
# digit, so for user<n>@ that part is r<n>. (Where the digits of n hold a common trigram of the seeded
# phone numbers, such as 500, the service leads with a shorter part; the raw statement always with r<n>.)
cat > "$WORK/sql/search.sql" <<SQL
\set n random(1, 900000)
$SEARCH_SELECT and c.archived_at is null and c.search_text like '%r' || :n || '%' and c.search_text like '%user' || :n || '@%' $PAGE;
SQL
printf "%s and c.archived_at is null and (c.created_at, c.id) < (timestamptz '2024-01-01' + 450000 * interval '1 second', '%s') %s;\n" \
  "$SELECT" "con_$(printf '%026d' 450000)" "$PAGE" > "$WORK/sql/deep_page.sql"

SCENARIOS="get_by_id list_first_page filter_one_field filter_two_fields search deep_page"
# The service is measured warm, as a long-running service is: the JIT compiles the request path in
# the first 20 to 40 s of load (get_by_id, measured first, ran at a third of its steady throughput
# after a 3 s warm-up). Every scenario runs WARMUP seconds before any is measured.
WARMUP=${WARMUP:-10}
echo "== warming the service up ($WARMUP s per scenario)"
for scenario in $SCENARIOS; do
  SCENARIO=$scenario TOKEN=$TOKEN DEEP_TOKEN=$DEEP_TOKEN wrk -t2 -c$CLIENTS -d"${WARMUP}s" -s bench/scenarios.lua "http://127.0.0.1:$HTTP_PORT" >/dev/null
done

echo "== measuring ($DURATION s per scenario and side, $CLIENTS clients)"
ROWS=""
for scenario in $SCENARIOS; do
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
bulk() { curl -s -o "$WORK/answer.json" -w '%{time_total}' -X PUT -H "Authorization: Bearer $TOKEN" \
  -H 'Content-Type: application/json' --data-binary "@$1" "http://127.0.0.1:$HTTP_PORT/api/v1/contacts/bulk"; }
# The moment a completed task's transaction finished (its completed_at), in nanoseconds since the epoch; empty
# while it runs. The service runs on this machine, so its clock is the client's: the completion time is measured
# to that moment rather than to when a poll happened to see it (starting curl took tens of milliseconds a poll).
completed_ns() { local at; at=$(curl -s -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$HTTP_PORT/api/v1/batch_tasks/$1" \
  | sed -n 's/.*"status":"completed".*"completed_at":"\([^"]*\)".*/\1/p'); [ -n "$at" ] && date -d "$at" +%s%N; }
# Warm-up, not measured: 30 requests with their tasks, so that the bulk path is compiled too.
for i in $(seq 201 230); do
  awk -v seed=$i -v body="$WORK/bulk.json" -v sql="$WORK/bulk.sql" -f bench/bulk_bodies.awk
  bulk "$WORK/bulk.json" >/dev/null
done
# ... and their tasks done, so that the measured tasks do not queue behind them.
for _ in $(seq 1 600); do
  open=$(for status in pending processing; do curl -s -H "Authorization: Bearer $TOKEN" \
    "http://127.0.0.1:$HTTP_PORT/api/v1/batch_tasks?status=$status"; done)
  [ "$(echo "$open" | grep -o '"batch_tasks":\[\]' | wc -l)" = 2 ] && break
  sleep 0.5
done
: > "$WORK/complete_ms"; : > "$WORK/raw_ms"
for i in $(seq 1 10); do
  awk -v seed=$i -v body="$WORK/bulk.json" -v sql="$WORK/bulk.sql" -f bench/bulk_bodies.awk
  start=$(date +%s%N)
  bulk "$WORK/bulk.json" >/dev/null
  task=$(sed -n 's/.*"batch_task_id":"\([^"]*\)".*/\1/p' "$WORK/answer.json")
  for _ in $(seq 1 3000); do done_ns=$(completed_ns "$task") && break; sleep 0.005; done
  echo $(( (done_ns - start) / 1000000 )) >> "$WORK/complete_ms"
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

echo "== customer upsert: 1,000 subscribers with 5 properties, half new"
: > "$WORK/upsert_ms"; : > "$WORK/upsert_raw_ms"
for i in $(seq 1 50); do
  awk -v seed=$i -v body="$WORK/customers.json" -v sql="$WORK/customers.sql" -f bench/customer_bodies.awk
  curl -s -o /dev/null -w '%{time_total}\n' -X POST -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
    --data-binary "@$WORK/customers.json" "http://127.0.0.1:$HTTP_PORT/api/v2/customers" | awk '{printf "%.1f\n", $1 * 1000}' >> "$WORK/upsert_ms"
  sed -i "s/@example.com/@raw.example.com/g" "$WORK/customers.sql"
  $PSQL -c '\timing on' -f "$WORK/customers.sql" | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' >> "$WORK/upsert_raw_ms"
done
read -r upsert_p50 upsert_p99 < <(percentiles < "$WORK/upsert_ms")
read -r upsert_raw_p50 upsert_raw_p99 < <(percentiles < "$WORK/upsert_raw_ms")
echo "   upsert p50 $upsert_p50 ms, p99 $upsert_p99 ms; raw INSERT ... ON CONFLICT p50 $upsert_raw_p50 ms, p99 $upsert_raw_p99 ms"
kill "$SAMPLER_PID"; SAMPLER_PID=
MAX_RSS_MB=$(max_rss_mb)

mkdir -p bench/results
cat > bench/results/1-reads-and-bulk.md <<MD
## Reads and bulk updates

Command: \`./bench/run.sh $DURATION\` ($DURATION s per scenario and side, $CLIENTS concurrent clients, loopback).
Data: 1,000,000 contacts in 10 tenants (900,000 in \`$TENANT\`, which every request reads), 6 custom
properties (single choice, number, text, date, boolean, list), 20 tags per tenant on every tenth contact,
a WhatsApp identity on every third.
Service: the packaged JVM service (\`target/quarkus-app/quarkus-run.jar\`), prod profile, JVM options \`$SERVICE_JAVA_OPTS\`.
Raw: the same SQL statements through \`pgbench -M prepared\`.
Warm-up: every scenario ran $WARMUP s against the service before any was measured, then each side
ran 3 s more before its measurement; 30 unmeasured bulk updates preceded the bulk measurements.

Machine: $(nproc) cores ($(lscpu | awk -F: '/Model name/ {gsub(/^ +/, "", $2); print $2; exit}')), $(free -g | awk '/Mem:/ {print $2}') GiB,
$(java -version 2>&1 | head -1), PostgreSQL $($PSQL -At -c 'show server_version'). Run on $(date -u +%Y-%m-%d).
The machine is shared; figures vary by run.

| scenario | service req/s | service p50 ms | service p99 ms | raw tps | raw p50 ms | raw p99 ms | service/raw | non-2xx |
|---|---|---|---|---|---|---|---|---|
$ROWS
Bulk update of 1,000 random contacts (three custom properties and the status), applied by the task engine
as one chunk (one transaction):

| measure | p50 ms | p99 ms | runs |
|---|---|---|---|
| 202 answer of \`PUT /api/v1/contacts/bulk\` | $accept_p50 | $accept_p99 | 100 |
| request sent until the task reads \`completed\` | $complete_p50 | $complete_p99 | 10 |
| the same update as one raw \`UPDATE ... FROM unnest(...)\` through psql | $raw_p50 | $raw_p99 | 10 |

Customer upsert (\`POST /api/v2/customers\`) of 1,000 subscribers with 5 properties each, half of them
existing contacts, 50 requests, beside the same rows as one raw \`INSERT ... ON CONFLICT\` through psql
(written to other emails, so the raw side inserts all 1,000 rows where the service updates half):

| measure | p50 ms | p99 ms |
|---|---|---|
| service | $upsert_p50 | $upsert_p99 |
| raw statement | $upsert_raw_p50 | $upsert_raw_p99 |

Service resident memory, highest sample during the run: $MAX_RSS_MB MiB.
MD
write_results
echo "== wrote bench/RESULTS.md"
cat bench/results/1-reads-and-bulk.md
