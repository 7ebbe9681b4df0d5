#!/usr/bin/env bash
# The CSV import benchmark: ./bench/import.sh [rows]
# A 12-column file (name, email, phone, tags and 8 custom properties of mixed types, 2% invalid
# rows) imported into an empty tenant and again as an update of the same contacts, by the packaged
# service running with -Xmx256m; beside it the same file loaded by psql \copy into a staging table
# and merged with one INSERT ... ON CONFLICT, into an empty tenant and again as an update of the
# same rows. A 100,000-row file first shows whether memory grows with file size. Writes its
# section of bench/RESULTS.md. Needs PostgreSQL 15 server binaries.
# After the 100,000-row file come two of the same size whose rows repeat emails (every row one email;
# 1,000 emails, each in 100 rows), timed beside it: the work before the 202 must not grow with how
# often an email repeats. ./bench/import.sh repeats runs only these three (a few minutes) and writes
# only their part of the section.
if [ "${1:-}" = repeats ]; then REPEATS_ONLY=1; shift; fi
ROWS=${1:-1000000}
# Native Memory Tracking (summary, a few per cent of the service's CPU) reports the memory the JVM has
# committed, which shows whether it grows with the file; resident memory also moves with pages of that
# memory first touched late.
SERVICE_JAVA_OPTS=${SERVICE_JAVA_OPTS:--Xmx256m -XX:NativeMemoryTracking=summary}
SCOPES="contact:create contact:list"
# A bulk load writes WAL faster than the default max_wal_size (1 GB) lets checkpoints keep up with:
# they came every 9 to 12 s, and each one makes the next write of every page log the whole page.
# As PostgreSQL's manual advises for large loads ("Populating a Database"), the benchmark's server
# allows 4 GB between checkpoints, for the service and the raw load alike.
PG_EXTRA_OPTS="-c max_wal_size=4GB ${PG_EXTRA_OPTS:-}"
# EVENTS=off measures the same with the contact event triggers (V25, V26) disabled (bench/lib.sh), and writes
# its section as bench/results/2-import.events-off.md: what change events cost an import.
# PG_STATS=1 also prints the statements that took the most database time (pg_stat_statements).
[ -n "${PG_STATS:-}" ] && PG_EXTRA_OPTS="${PG_EXTRA_OPTS:-} -c shared_preload_libraries=pg_stat_statements"
source "$(dirname "$0")/lib.sh"
[ -n "${PG_STATS:-}" ] && $PSQL -c "create extension pg_stat_statements"

RESULT=bench/results/2-import.md EVENTS_NOTE="" EVENTS_COMMAND=""
if [ "${EVENTS:-on}" = off ]; then
  RESULT=bench/results/2-import.events-off.md EVENTS_NOTE=", change events off" EVENTS_COMMAND="EVENTS=off "
fi

$PSQL <<SQL
insert into property_definitions (tenant_id, entity_type, key, title, type, choices, predefined, created_at, created_by, updated_at)
select '$TENANT', 'contact', key, title, type, choices::jsonb, predefined, now(), 'bench', now() from (values
  ('email', 'Email', 'email', '[]', true), ('phone', 'Phone', 'phone', '[]', true),
  ('plan', 'Plan', 'single_choice', '["Free", "Pro", "Business"]', false), ('age', 'Age', 'number', '[]', false),
  ('city', 'City', 'text', '[]', false), ('signup', 'Signup', 'date', '[]', false), ('vip', 'VIP', 'boolean', '[]', false),
  ('interests', 'Interests', 'list', '[]', false), ('website', 'Website', 'url', '[]', false),
  ('score', 'Score', 'number', '[]', false)) p(key, title, type, choices, predefined);
SQL

csv() { # rows file [emails: how many distinct emails the rows cycle through; default one per row]
  awk -v rows="$1" -v emails="${3:-0}" 'BEGIN {
    print "name,email,phone,tags,plan,age,city,signup,vip,interests,website,score"
    split("Free Pro Business", plans, " "); split("Krakow Warsaw Gdansk Poznan", cities, " ")
    for (i = 1; i <= rows; i++) {
      age = (i % 50 == 0) ? "n/a" : 18 + i % 60
      e = emails > 0 ? i % emails : i
      # About 100 bytes a row, so that 1,000,000 rows (97 MiB) stay under the 100 MiB upload limit.
      printf "P %d,u%d@ex.io,+4850%07d,\"S%d;W%d\",%s,%s,%s,2021-%02d-%02d,%s,ski,http://e.io/%d,%d.%d\n", \
        i, e, i, i % 20, i % 5, plans[1 + i % 3], age, cities[1 + i % 4], 1 + i % 12, 1 + i % 28, (i % 2 ? "y" : "n"), i, i % 1000, i % 10
    }
  }' > "$2"
}

import_once() { # file -> "seconds rows_per_s created updated failed accepted_seconds"
  local start id status accepted
  start=$(date +%s%N)
  local answer
  answer=$(curl -s -w ' HTTP %{http_code}' -H "Authorization: Bearer $TOKEN" -F "file=@$1;type=text/csv" \
    "http://127.0.0.1:$HTTP_PORT/v1/contacts/import")
  id=$(echo "$answer" | sed -n 's/.*"importId":"\([^"]*\)".*/\1/p')
  [ -n "$id" ] || { echo "the upload of $1 was refused: $answer" >&2; tail -20 "$WORK/service.log" >&2; exit 1; }
  accepted=$(awk -v ns=$(( $(date +%s%N) - start )) 'BEGIN {printf "%.2f", ns / 1e9}')
  echo "   202 answered after $accepted s (file stored as a task)" >&2
  for _ in $(seq 1 36000); do
    status=$(curl -s -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$HTTP_PORT/v1/contacts/imports/$id")
    case "$status" in *'"status":"completed"'*|*'"status":"failed"'*) break ;; esac
    sleep 0.5
  done
  local seconds=$(awk -v ns=$(( $(date +%s%N) - start )) 'BEGIN {printf "%.1f", ns / 1e9}')
  local total=$(echo "$status" | sed -n 's/.*"totalRows":\([0-9]*\).*/\1/p')
  echo "$seconds $(awk -v r="$total" -v s="$seconds" 'BEGIN {printf "%.0f", r / s}')" \
    "$(echo "$status" | sed -n 's/.*"createdCount":\([0-9]*\).*/\1/p')" \
    "$(echo "$status" | sed -n 's/.*"updatedCount":\([0-9]*\).*/\1/p')" \
    "$(echo "$status" | sed -n 's/.*"failedCount":\([0-9]*\).*/\1/p')" "$accepted"
}

# Memory the JVM has committed (Native Memory Tracking), in MiB; "n/a" when it is not tracking.
committed_mb() {
  jcmd "$SERVICE_PID" VM.native_memory summary 2>/dev/null \
    | sed -n 's/^Total: reserved=[0-9]*KB, committed=\([0-9]*\)KB.*/\1/p' | awk '{printf "%.0f", $1 / 1024} END {if (NR == 0) printf "n/a"}'
}
# CPU seconds used so far by the service, and by this benchmark's PostgreSQL (server and live backends).
cpu_seconds() {
  local postmaster
  postmaster=$(head -1 "$WORK/pg/postmaster.pid")
  awk '{printf "%.2f ", ($14 + $15) / 100}' "/proc/$SERVICE_PID/stat"
  for pid in $postmaster $(pgrep -P "$postmaster"); do cat "/proc/$pid/stat" 2>/dev/null; done \
    | awk '{s += $14 + $15 + $16 + $17} END {printf "%.2f\n", s / 100}'
}
cpu_per_row() { # "service postgres" CPU seconds at the start -> "service_us postgres_us" per row of the big file
  local now; now=$(cpu_seconds)
  awk -v a="$1" -v b="$2" -v now="$now" -v rows="$ROWS" 'BEGIN {split(now, n, " "); printf "%.0f %.0f\n", (n[1] - a) * 1e6 / rows, (n[2] - b) * 1e6 / rows}'
}

echo "== 100,000 rows (memory baseline)"
csv 100000 "$WORK/small.csv"
read -r small_s small_rps small_created _ small_failed small_accepted < <(import_once "$WORK/small.csv")
SMALL_RSS=$(max_rss_mb)
SMALL_COMMITTED=$(committed_mb)
$PSQL -c "delete from contacts where tenant_id = '$TENANT'"

echo "== 100,000 rows of one email, then 100,000 rows of 1,000 emails"
csv 100000 "$WORK/one.csv" 1
read -r one_s one_rps one_created _ one_failed one_accepted < <(import_once "$WORK/one.csv")
$PSQL -c "delete from contacts where tenant_id = '$TENANT'"
csv 100000 "$WORK/thousand.csv" 1000
read -r thousand_s thousand_rps thousand_created _ thousand_failed thousand_accepted < <(import_once "$WORK/thousand.csv")
$PSQL -c "delete from contacts where tenant_id = '$TENANT'"
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }
mkdir -p bench/results
cat > bench/results/2-import.repeats.md <<MD
### Rows that repeat an email

Command: \`./bench/import.sh repeats\` (or the whole script); run on $(date -u +%Y-%m-%d) at $(git rev-parse --short HEAD),
$(nproc) cores, shared machine. The same 100,000-row file three times over but for its emails: one email per row,
one email in every row, and 1,000 emails each in 100 rows; each into an empty tenant. The later row of an email wins
and every earlier one is reported (counted failed). Time to the 202 is the work the upload does before answering;
the ratio is to the file of distinct emails.

| file | 202 after s | ratio | wall time s (upload to completed) | ratio | created | failed |
|---|---|---|---|---|---|---|
| 100,000 distinct emails | $small_accepted | 1.00 | $small_s | 1.00 | $small_created | $small_failed |
| 100,000 rows of one email | $one_accepted | $(ratio "$one_accepted" "$small_accepted") | $one_s | $(ratio "$one_s" "$small_s") | $one_created | $one_failed |
| 100,000 rows of 1,000 emails | $thousand_accepted | $(ratio "$thousand_accepted" "$small_accepted") | $thousand_s | $(ratio "$thousand_s" "$small_s") | $thousand_created | $thousand_failed |
MD
if [ -n "${REPEATS_ONLY:-}" ]; then
  kill "$SAMPLER_PID"; SAMPLER_PID=
  write_results
  cat bench/results/2-import.repeats.md
  exit 0
fi

echo "== $ROWS rows: create, then update"
csv "$ROWS" "$WORK/big.csv"
read -r cpu_service cpu_pg < <(cpu_seconds)
read -r create_s create_rps created _ create_failed _ < <(import_once "$WORK/big.csv")
read -r create_cpu_service create_cpu_pg < <(cpu_per_row "$cpu_service" "$cpu_pg")
read -r cpu_service cpu_pg < <(cpu_seconds)
read -r update_s update_rps _ updated update_failed _ < <(import_once "$WORK/big.csv")
read -r update_cpu_service update_cpu_pg < <(cpu_per_row "$cpu_service" "$cpu_pg")
BIG_RSS=$(max_rss_mb)
BIG_COMMITTED=$(committed_mb)

echo "== raw: psql \\copy into a staging table, then one INSERT ... ON CONFLICT (twice: create, then update)"
raw_once() { # -> "seconds rows_per_s"
  local start=$(date +%s%N)
  $PSQL >&2 <<SQL
create unlogged table staging (name text, email text, phone text, tags text, plan text, age text, city text, signup text,
  vip text, interests text, website text, score text);
\copy staging from '$WORK/big.csv' with (format csv, header true)
insert into contacts (tenant_id, id, name, email, phone, custom_fields, created_at, updated_at)
select 'tn_raw', 'con_raw_' || email, name, email, phone,
       jsonb_build_object('plan', plan, 'city', city, 'signup', signup, 'vip', vip = 'yes', 'website', website,
                          'interests', to_jsonb(string_to_array(interests, ',')), 'score', score::numeric)
         || case when age ~ '^[0-9]+$' then jsonb_build_object('age', age::int) else '{}'::jsonb end,
       now(), now()
  from staging
on conflict (tenant_id, lower(email)) where deleted_at is null and email is not null
do update set name = excluded.name, phone = excluded.phone, custom_fields = contacts.custom_fields || excluded.custom_fields,
              updated_at = now();
drop table staging;
SQL
  local seconds=$(awk -v ns=$(( $(date +%s%N) - start )) 'BEGIN {printf "%.1f", ns / 1e9}')
  echo "$seconds $(awk -v r="$ROWS" -v s="$seconds" 'BEGIN {printf "%.0f", r / s}')"
}
read -r raw_s raw_rps < <(raw_once)
read -r raw_update_s raw_update_rps < <(raw_once)
kill "$SAMPLER_PID"; SAMPLER_PID=

mkdir -p bench/results
cat > $RESULT <<MD
## CSV import$EVENTS_NOTE

Command: \`${EVENTS_COMMAND}./bench/import.sh $ROWS\`. File: $ROWS rows, 12 columns (name, email, phone, tags and 8 custom
properties: single choice, number, text, date, boolean, list, url, number), 2% invalid rows. Service:
the packaged JVM service with \`$SERVICE_JAVA_OPTS\`, default chunk of 500 rows. PostgreSQL 15 with
\`shared_buffers=1GB fsync=off max_wal_size=4GB\` (a throwaway bulk-load server) for both sides. Machine: $(nproc) cores,
$(free -g | awk '/Mem:/ {print $2}') GiB; run on $(date -u +%Y-%m-%d), shared machine.

| run | wall time s (upload to completed) | rows/s | created | updated | failed |
|---|---|---|---|---|---|
| 100,000 rows, new contacts | $small_s | $small_rps | | | |
| $ROWS rows, new contacts | $create_s | $create_rps | $created | | $create_failed |
| $ROWS rows, same contacts again | $update_s | $update_rps | | $updated | $update_failed |
| raw: \`\\copy\` into staging + one \`INSERT ... ON CONFLICT\`, new contacts | $raw_s | $raw_rps | | | |
| raw: the same again, as an update of the same contacts | $raw_update_s | $raw_update_rps | | | |

Service time over raw time: $(awk -v a="$create_s" -v b="$raw_s" 'BEGIN {printf "%.2f", a / b}')× for new contacts,
$(awk -v a="$update_s" -v b="$raw_update_s" 'BEGIN {printf "%.2f", a / b}')× for the update.

CPU time per row, from upload to completed: the service $create_cpu_service µs and PostgreSQL $create_cpu_pg µs for
new contacts, $update_cpu_service µs and $update_cpu_pg µs for the update (the machine has $(nproc) cores).

Service memory after the 100,000-row file, then after the $ROWS-row files: committed by the JVM (Native
Memory Tracking) $SMALL_COMMITTED MiB, then $BIG_COMMITTED MiB; resident, highest sample, $SMALL_RSS MiB, then $BIG_RSS MiB.
MD
write_results
cat $RESULT

if [ -n "${PG_STATS:-}" ]; then
  $PSQL -c "select round(total_exec_time) as total_ms, calls, round(mean_exec_time::numeric, 2) as mean_ms,
              left(regexp_replace(query, '\s+', ' ', 'g'), 140) as query
              from pg_stat_statements order by total_exec_time desc limit 15"
fi
