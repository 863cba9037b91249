#!/usr/bin/env bash
# Runs a command with Node 24 and freshly built code (no stack): used by CLI and bench scripts.
set -euo pipefail
source "$(dirname "$0")/ensure-node.sh"
cd "$PULSE_ROOT"
npm run --silent build >&2
exec "$@"
