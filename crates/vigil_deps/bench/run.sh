#!/bin/sh
# Benchmark of the dependency audit: a generated uv.lock with 500 packages,
# parsed, matched against the database (load included) and rendered as JSON.
# Usage: crates/vigil_deps/bench/run.sh   (from anywhere in the workspace)
set -eu
cd "$(dirname "$0")/../../.."
exec cargo run --quiet --release -p vigil_deps --example bench
