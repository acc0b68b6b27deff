#!/usr/bin/env bash
# One command: set up vig with its test tools and run every test, plus the
# house checks (ruff, mypy, import boundaries). Arguments go to pytest.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
VIG_SETUP_EXTRAS=test bash scripts/setup.sh
if ! command -v tmux >/dev/null 2>&1; then
    echo "vig tests: the tmux tests need tmux: sudo apt install tmux" >&2
fi
.venv/bin/ruff check vig_tui tests bench
.venv/bin/ruff format --check vig_tui tests bench
.venv/bin/mypy  # --strict over vig_tui, tests and bench (pyproject.toml)
.venv/bin/lint-imports
export VIG_VLC_ARGS="${VIG_VLC_ARGS:---vout=dummy --aout=dummy --intf=dummy}"
export TEXTUAL_ANIMATIONS=none
# Keep compiled modules (in __pycache__, ignored by git): every vig the tests start (the CLI,
# vig in tmux, the children killed mid-save) then reads them instead of compiling vig again.
unset PYTHONDONTWRITEBYTECODE
# The tests are shared out over two workers per core (pytest-xdist; tests/conftest.py works out
# `-n auto`; VIG_TEST_WORKERS=0 for one process). The real-time ones (tmux, Xvfb, libVLC playing,
# kill storms) all go to one worker, one after another (tests/conftest.py), so they never
# compete with each other.
exec .venv/bin/python -m pytest -n "${VIG_TEST_WORKERS:-auto}" --dist loadgroup "$@"
