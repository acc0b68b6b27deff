#!/usr/bin/env bash
# Make the lock files again from pyproject.toml's ranges: exact versions with
# hashes, for every platform, that scripts/setup.sh installs from. Run it after
# changing a dependency and commit requirements/*.txt.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
uv="${UV:-.venv/bin/uv}"
common=(--universal --python-version 3.11 --generate-hashes --no-header -q)
"$uv" pip compile requirements/uv.in "${common[@]}" -o requirements/uv.txt
"$uv" pip compile pyproject.toml requirements/build.in --extra test "${common[@]}" \
    -o requirements/test.txt
# the app's lock holds the same versions as the test lock, minus the test tools
pins="$(mktemp)"
trap 'rm -f "$pins"' EXIT
grep -E '^[A-Za-z0-9].*==' requirements/test.txt | sed 's/ *\\$//' >"$pins"
"$uv" pip compile pyproject.toml requirements/build.in -c "$pins" --no-annotate "${common[@]}" \
    -o requirements/app.txt
