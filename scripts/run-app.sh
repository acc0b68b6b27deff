#!/usr/bin/env bash
# One command: set up vig (first time only takes a while) and open it.
# Arguments are passed to vig, e.g.  bash scripts/run-app.sh --data-dir /tmp/vig-try
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$here/scripts/setup.sh"
exec "$here/.venv/bin/vig" "$@"
