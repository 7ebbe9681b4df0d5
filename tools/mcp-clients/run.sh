#!/usr/bin/env bash
# Runs the official MCP clients against the packaged service, by hand (not part of ./mvnw verify: they
# need npm): the TypeScript SDK client calling every tool (sdk-check.mjs, which fails on any result the
# SDK rejects against the tool's output schema), then the conformance suite's server scenarios the
# issue names, through a proxy that adds a token (the suite's CLI sends none).
#   ./mvnw package -DskipTests && tools/mcp-clients/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
source bench/common.sh
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
WORK=$(mktemp -d /tmp/contacts-mcp.XXXXXX)
chmod 755 "$WORK"
cleanup() {
  [ -n "${PROXY:-}" ] && kill "$PROXY" 2>/dev/null || true
  [ -n "${PID:-}" ] && kill "$PID" 2>/dev/null || true
  as_pg "$PG_BIN/pg_ctl" -D "$WORK/pg" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

(cd tools/mcp-clients && npm install --no-audit --no-fund --silent)
NODE=tools/mcp-clients/node_modules/node/bin/node   # Node 22, which the conformance suite needs

PG_PORT=$(free_port)
mkdir -p "$WORK/pg" && { [ "$(id -u)" != 0 ] || chown postgres "$WORK/pg"; }
as_pg "$PG_BIN/initdb" -D "$WORK/pg" -U postgres -A trust >/dev/null
as_pg "$PG_BIN/pg_ctl" -D "$WORK/pg" -l "$WORK/pg/log" -w -o "-p $PG_PORT -k $WORK/pg" start >/dev/null

PORT=$(free_port)
QUARKUS_HTTP_PORT=$PORT \
QUARKUS_DATASOURCE_REACTIVE_URL=postgresql://127.0.0.1:$PG_PORT/postgres \
QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://127.0.0.1:$PG_PORT/postgres \
QUARKUS_DATASOURCE_USERNAME=postgres QUARKUS_DATASOURCE_PASSWORD=postgres \
MP_JWT_VERIFY_PUBLICKEY_LOCATION=$PWD/.dev/keys/public.pem MP_JWT_VERIFY_ISSUER=contact-properties-dev \
MP_JWT_VERIFY_AUDIENCES=contact-properties CONTACT_PROPERTIES_PAGE_TOKEN_SECRET=mcp-clients \
  java -jar target/quarkus-app/quarkus-run.jar > "$WORK/service.log" 2>&1 &
PID=$!
until curl -sf -o /dev/null "http://127.0.0.1:$PORT/q/health/ready"; do
  kill -0 $PID 2>/dev/null || { cat "$WORK/service.log" >&2; exit 1; }
  sleep 0.2
done

echo "== TypeScript SDK $(grep -m1 '"version"' tools/mcp-clients/node_modules/@modelcontextprotocol/sdk/package.json)"
KEY=.dev/keys/private.pem BASE=http://127.0.0.1:$PORT $NODE tools/mcp-clients/sdk-check.mjs

echo "== conformance suite $(grep -m1 '"version"' tools/mcp-clients/node_modules/@modelcontextprotocol/conformance/package.json)"
PROXY_PORT=$(free_port)
KEY=.dev/keys/private.pem UPSTREAM_PORT=$PORT PROXY_PORT=$PROXY_PORT $NODE tools/mcp-clients/token-proxy.mjs &
PROXY=$!
sleep 1
FAILED=0
for scenario in server-initialize ping tools-list resources-list prompts-list logging-set-level dns-rebinding-protection; do
  echo "-- $scenario"
  $NODE tools/mcp-clients/node_modules/.bin/conformance server --url "http://localhost:$PROXY_PORT/mcp" \
    --scenario "$scenario" 2>&1 | tail -3 || FAILED=1
done
grep -E ' (ERROR|WARN) ' "$WORK/service.log" || echo "service log: no ERROR or WARN line"
exit $FAILED
