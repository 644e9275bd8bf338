#!/bin/sh
# Benchmarks the secrets pass over the CPython standard library (or the
# directory given as first argument) and prints MB/s, total time and the
# ratio to parsing the same files. Pass --show to list every match.
set -eu
cd "$(dirname "$0")/../../.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-/work/target-secrets}"
exec cargo run --quiet --release -p vigil_secrets --example bench_stdlib -- "$@"
