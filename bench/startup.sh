#!/usr/bin/env bash
# Start-up of the packaged service, measured in one run, the variants alternating: the jar on JDK 17,
# the same jar on JDK 25, and the same jar on JDK 25 with the AOT cache its integration tests trained
# (./mvnw verify -Paot). Each start is against an already-migrated PostgreSQL 15 (Debian's binaries);
# timed from process start to the first 200 of /q/health/ready and of an authenticated GET /v1/contacts,
# with the CPU seconds the process used and its resident memory at that moment.
# Every variant runs with the same JVM options, SERVICE_JAVA_OPTS (default: the serial collector, a small
# heap and native memory handed back, as bench/run.sh runs it). SKIP_BUILD=1 measures what target/ holds.
#   ./bench/startup.sh [rounds]      (default 5)
# With SETTINGS, it measures instead what each setting buys on the AOT build: the same rounds, alternating
# the build as it is with the build plus each setting (an environment variable, or JVM options after "jvm:"):
#   SETTINGS="QUARKUS_FLYWAY_VALIDATE_ON_MIGRATE=false jvm:-Xmx64m" ./bench/startup.sh 5
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-5}
JDK17=${JDK17_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}
JDK25=${JDK25_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
WORK=$(mktemp -d /tmp/contacts-startup.XXXXXX)
chmod 755 "$WORK"
APP=target/quarkus-app
source bench/common.sh

cleanup() {
  [ -n "${PID:-}" ] && kill -9 "$PID" 2>/dev/null || true
  as_pg "$PG_BIN/pg_ctl" -D "$WORK/pg" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

OPTS=${SERVICE_JAVA_OPTS:--XX:+UseSerialGC -Xmx96m -Xms16m -XX:TrimNativeHeapInterval=5000}
if [ -z "${SKIP_BUILD:-}" ]; then
  echo "== building the jar and training its AOT cache on JDK 25 (the @QuarkusIntegrationTests)"
  JAVA_HOME=$JDK25 ./mvnw -B -q verify -Paot -Dtest=NONE -Dit.test=PackagedServiceIT \
    -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false
fi
[ -f $APP/app.aot ] || { echo "no AOT cache in $APP" >&2; exit 1; }
TOKEN=$(JAVA_HOME=$JDK25 ./mvnw -q exec:java@dev-token -Dtenant=tn_startup -Dscopes="contact:list")

echo "== starting PostgreSQL"
PG_PORT=$(free_port)
mkdir -p "$WORK/pg"
[ "$(id -u)" = 0 ] && chown postgres "$WORK/pg"
as_pg "$PG_BIN/initdb" -D "$WORK/pg" -U postgres -A trust >/dev/null
as_pg "$PG_BIN/pg_ctl" -D "$WORK/pg" -l "$WORK/pg/log" -w -o "-p $PG_PORT -k $WORK/pg -c fsync=off" start >/dev/null

export QUARKUS_DATASOURCE_REACTIVE_URL=postgresql://127.0.0.1:$PG_PORT/postgres
export QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://127.0.0.1:$PG_PORT/postgres
export QUARKUS_DATASOURCE_USERNAME=postgres QUARKUS_DATASOURCE_PASSWORD=postgres
export MP_JWT_VERIFY_PUBLICKEY_LOCATION=$PWD/.dev/keys/public.pem MP_JWT_VERIFY_ISSUER=contact-properties-dev
export MP_JWT_VERIFY_AUDIENCES=contact-properties CONTACT_PROPERTIES_PAGE_TOKEN_SECRET=startup-bench
export MALLOC_ARENA_MAX=2

now_ms() { date +%s%3N; }
# One start: prints "ready_ms first_request_ms cpu_s rss_mib".
start_once() {
  local java=$1; shift
  local port; port=$(free_port)
  local t0; t0=$(now_ms)
  (cd $APP && { [ -z "${EXTRA_ENV:-}" ] || export "$EXTRA_ENV"; } && QUARKUS_HTTP_PORT=$port exec "$java" "$@" -jar quarkus-run.jar > "$WORK/service.log" 2>&1) &
  PID=$!
  local ready="" first=""
  for _ in $(seq 1 6000); do
    if curl -sf -o /dev/null "http://127.0.0.1:$port/q/health/ready"; then ready=$(( $(now_ms) - t0 )); break; fi
    kill -0 $PID 2>/dev/null || { cat "$WORK/service.log" >&2; exit 1; }
    sleep 0.01
  done
  curl -sf -o /dev/null -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$port/v1/contacts"
  first=$(( $(now_ms) - t0 ))
  # The java process is the subshell's child after exec: the same PID.
  local ticks; ticks=$(awk '{print $14 + $15}' /proc/$PID/stat)
  local rss; rss=$(awk '/VmRSS/ {printf "%.0f", $2 / 1024}' /proc/$PID/status)
  kill $PID; wait $PID 2>/dev/null || true
  PID=
  echo "$ready $first $(awk -v t="$ticks" -v hz="$(getconf CLK_TCK)" 'BEGIN {printf "%.2f", t / hz}') $rss"
}

echo "== migrating once (not measured)"
start_once "$JDK17/bin/java" >/dev/null

if [ -n "${SETTINGS:-}" ]; then
  declare -A MEASURED
  for round in $(seq 1 "$ROUNDS"); do
    MEASURED[as-built]+="$(start_once "$JDK25/bin/java" $OPTS -XX:AOTCache=app.aot)"$'\n'
    for setting in $SETTINGS; do
      if [[ $setting == jvm:* ]]; then
        MEASURED[$setting]+="$(start_once "$JDK25/bin/java" $OPTS ${setting#jvm:} -XX:AOTCache=app.aot)"$'\n'
      else
        MEASURED[$setting]+="$(EXTRA_ENV=$setting start_once "$JDK25/bin/java" $OPTS -XX:AOTCache=app.aot)"$'\n'
      fi
    done
    echo "round $round done"
  done
  median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
  OUT=bench/results/6-startup-settings.md
  {
    echo "## Start-up: what each setting buys"
    echo
    echo "Command: \`SETTINGS=\"$SETTINGS\" ./bench/startup.sh $ROUNDS\`; run on $(date -u +%Y-%m-%d) at $(git rev-parse --short HEAD)."
    echo "The AOT build on JDK 25 with its cache, as built and with each setting, alternating; medians of $ROUNDS starts."
    echo
    echo "| setting | ready ms | first request ms | CPU s | RSS MiB |"
    echo "|---|---|---|---|---|"
    for v in as-built $SETTINGS; do
      cells=""
      for c in 1 2 3 4; do cells+=" $(echo -n "${MEASURED[$v]}" | awk -v c=$c 'NF {print $c}' | median) |"; done
      echo "| \`$v\` |$cells"
    done
  } > $OUT
  write_results
  cat $OUT
  exit 0
fi

declare -A RESULTS
for round in $(seq 1 "$ROUNDS"); do
  RESULTS[jdk17]+="$(start_once "$JDK17/bin/java" $OPTS)"$'\n'
  RESULTS[jdk25]+="$(start_once "$JDK25/bin/java" $OPTS)"$'\n'
  RESULTS[aot]+="$(start_once "$JDK25/bin/java" $OPTS -XX:AOTCache=app.aot)"$'\n'
  echo "round $round done"
done

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
column() { echo -n "${RESULTS[$1]}" | awk -v c="$2" 'NF {print $c}' | median; }
BASE=$(column jdk17 1)
OUT=bench/results/5-startup.md
{
  echo "## Start-up"
  echo
  echo "Command: \`./bench/startup.sh $ROUNDS\`; run on $(date -u +%Y-%m-%d) at $(git rev-parse --short HEAD), 2 cores, shared machine."
  echo "$ROUNDS starts of each variant, alternating, against an already-migrated PostgreSQL 15; medians. Ready: process start"
  echo "to the first 200 of \`/q/health/ready\`; first request: to the first answer of an authenticated \`GET /v1/contacts\`;"
  echo "CPU and resident memory read from /proc at that moment. JVM options of every variant: \`$OPTS\`."
  echo
  echo "| variant | ready ms | ratio to JDK 17 | first request ms | CPU s | RSS MiB |"
  echo "|---|---|---|---|---|---|"
  for v in jdk17 jdk25 aot; do
    label=$([ $v = jdk17 ] && echo "jar, JDK 17" || { [ $v = jdk25 ] && echo "jar, JDK 25" || echo "jar, JDK 25, AOT cache"; })
    ready=$(column $v 1)
    echo "| $label | $ready | $(awk -v a="$ready" -v b="$BASE" 'BEGIN {printf "%.2f", a / b}') | $(column $v 2) | $(column $v 3) | $(column $v 4) |"
  done
  echo
  echo "Every start (ready ms, first request ms, CPU s, RSS MiB):"
  echo
  for v in jdk17 jdk25 aot; do echo "- $v: $(echo -n "${RESULTS[$v]}" | paste -sd ';' | sed 's/;/; /g')"; done
} > $OUT
write_results
cat $OUT
