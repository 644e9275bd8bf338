#!/usr/bin/env bash
# Speed benchmark: vigil vs `ruff check --select S --no-cache` vs `bandit -r`
# on the CPython standard library of this machine and on a corpus of real
# PyPI packages (sdists). Prints wall-time ratios and peak memory.
#
#   scripts/bench.sh            # everything (installs ruff and bandit in bench-out/venv)
#   RUNS=5 scripts/bench.sh     # more repetitions
set -euo pipefail
cd "$(dirname "$0")/.."
out=bench-out
mkdir -p "$out"
if [ ! -x "$out/venv/bin/ruff" ] || [ ! -x "$out/venv/bin/bandit" ]; then
  python3 -m venv "$out/venv"
  "$out/venv/bin/pip" install -q ruff bandit
fi
cargo build --release -q -p vigil
python3 scripts/bench.py --out "$out" --vigil target/release/vigil \
  --ruff "$out/venv/bin/ruff" --bandit "$out/venv/bin/bandit" --runs "${RUNS:-3}" "$@"
