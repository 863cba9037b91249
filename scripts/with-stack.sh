#!/usr/bin/env bash
# Runs a command with Node 24, built code and the local stack up: used by the bench:* scripts.
set -euo pipefail
source "$(dirname "$0")/ensure-node.sh"
cd "$PULSE_ROOT"
npm run --silent build >&2
eval "$(bash deploy/local/stack up)"
export KAFKA_BROKERS SCHEMA_REGISTRY_URL CLICKHOUSE_URL
exec "$@"
