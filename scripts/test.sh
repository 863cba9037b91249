#!/usr/bin/env bash
# The whole test suite: static checks, unit tests, then end-to-end tests against the real local
# stack (started here if it is not running). Usage: npm test  [-- vitest filters]
set -euo pipefail
source "$(dirname "$0")/ensure-node.sh"
cd "$PULSE_ROOT"

export TZ=UTC
echo "pulse: type-check, lint, contract drift" >&2
npx tsc -p tsconfig.json --noEmit
npx eslint --max-warnings 0 .
npm run --silent build

if [ "${PULSE_EXTERNAL_STACK:-0}" != "1" ]; then
  echo "pulse: starting the local stack" >&2
  eval "$(bash deploy/local/stack up)"
  export KAFKA_BROKERS SCHEMA_REGISTRY_URL CLICKHOUSE_URL
fi

results="$PULSE_STATE_DIR/test-results.json"
status=0
npx vitest run --reporter=default --reporter=json --outputFile.json="$results" "$@" || status=$?
# One plain summary line for CI logs.
node -e 'const r = require(process.argv[1]); console.log(`tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests + r.numTodoTests} skipped`)' "$results" || true
exit "$status"
