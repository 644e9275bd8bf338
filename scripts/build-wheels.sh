#!/usr/bin/env bash
# Builds vigil's Python distribution (vigil-sast) with maturin: the sdist and
# platform wheels that carry the `vigil` executable. See docs/packaging.md.
#
#   scripts/build-wheels.sh                    # sdist + a wheel for this machine
#   scripts/build-wheels.sh sdist host         # the same, named
#   scripts/build-wheels.sh manylinux-x86_64 manylinux-aarch64 \
#                           musllinux-x86_64 musllinux-aarch64   # Linux, with zig
#   scripts/build-wheels.sh macos              # on macOS: a universal2 wheel
#   scripts/build-wheels.sh windows            # on Windows (Git Bash): MSVC x86_64
#
# Wheels go to $OUT (default dist/). maturin and, for the Linux targets,
# ziglang come from PyPI into a virtualenv under target/ ($VENV). The Rust
# targets are added with rustup when missing. CARGO_TARGET_DIR is honoured,
# so a release build already made for this machine is reused.
set -euo pipefail
cd "$(dirname "$0")/.."

OUT="${OUT:-dist}"
VENV="${VENV:-target/wheel-venv}"
MATURIN_SPEC="${MATURIN_SPEC:-maturin>=1.9,<2}"
ZIG_SPEC="${ZIG_SPEC:-ziglang>=0.13}"

[ $# -gt 0 ] || set -- sdist host

python="${PYTHON:-python3}"
command -v "$python" >/dev/null 2>&1 || python=python
if [ ! -x "$VENV/bin/python" ] && [ ! -x "$VENV/Scripts/python.exe" ]; then
  "$python" -m venv "$VENV"
fi
bin="$VENV/bin"
[ -d "$bin" ] || bin="$VENV/Scripts"
bin="$(cd "$bin" && pwd)"
"$bin/python" -m pip install --quiet --disable-pip-version-check "$MATURIN_SPEC"
# maturin, and `python -m ziglang` for maturin --zig, from the virtualenv.
export PATH="$bin:$PATH"

needs_zig() {
  "$bin/python" -m pip install --quiet --disable-pip-version-check "$ZIG_SPEC"
}

# Adds a Rust target when rustup has it not yet (it needs the network).
add_target() {
  if ! rustup target list --installed | grep -qx "$1"; then
    rustup target add "$1"
  fi
}

# A Linux wheel built with zig as the linker: the glibc or musl version in
# the tag is the one zig links against, not this machine's.
linux() { # TRIPLE COMPATIBILITY
  needs_zig
  add_target "$1"
  maturin build --release --locked --out "$OUT" --target "$1" --zig --compatibility "$2"
}

for what in "$@"; do
  echo "== $what"
  case "$what" in
    sdist) maturin sdist --out "$OUT" ;;
    host) maturin build --release --locked --out "$OUT" ;;
    manylinux-x86_64) linux x86_64-unknown-linux-gnu manylinux2014 ;;
    manylinux-aarch64) linux aarch64-unknown-linux-gnu manylinux2014 ;;
    musllinux-x86_64) linux x86_64-unknown-linux-musl musllinux_1_2 ;;
    musllinux-aarch64) linux aarch64-unknown-linux-musl musllinux_1_2 ;;
    macos)
      add_target x86_64-apple-darwin
      add_target aarch64-apple-darwin
      maturin build --release --locked --out "$OUT" --target universal2-apple-darwin
      ;;
    windows)
      add_target x86_64-pc-windows-msvc
      maturin build --release --locked --out "$OUT" --target x86_64-pc-windows-msvc
      ;;
    *)
      echo "unknown target $what (sdist, host, manylinux-x86_64, manylinux-aarch64," \
        "musllinux-x86_64, musllinux-aarch64, macos, windows)" >&2
      exit 2
      ;;
  esac
done
ls -l "$OUT"
