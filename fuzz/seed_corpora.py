#!/usr/bin/env python3
"""Rebuilds the seed corpora of the manifests and osv_import targets.

Run from fuzz/: python3 seed_corpora.py [SDIST_DIR ...]

Each manifests seed is one byte choosing the parser (its index in FILES of
fuzz_targets/manifests.rs) followed by a real file; each osv_import seed is
one byte choosing the reader (see fuzz_targets/osv_import.rs) followed by a
real record, archive or stored database. Sources: the fixtures of
crates/vigil_deps, the embedded advisory snapshot, and the manifests of
unpacked sdists under the directories given (vigil's benchmark corpus,
bench-out/corpus, when given). The check_source seeds (Python files from the
standard library and the rule fixtures) are described in docs/fuzzing.md.
"""

import hashlib
import io
import json
import pathlib
import sys
import zipfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
SEEDS = pathlib.Path(__file__).resolve().parent / "seeds"
FILES = ["requirements.txt", "pyproject.toml", "poetry.lock", "uv.lock", "pylock.toml",
         "Pipfile", "Pipfile.lock", "setup.cfg", "setup.py", "script.py"]
MAX_SEED = 48 * 1024


def kind_of(path: pathlib.Path):
    name = path.name
    if name in FILES:
        return FILES.index(name)
    if name.endswith((".txt", ".in")):
        return 0
    if name.startswith("pylock.") and name.endswith(".toml"):
        return 4
    if name.endswith(".py"):
        return 9
    return None


def put(target: str, selector: int, content: bytes, label: str):
    if len(content) > MAX_SEED:
        return
    data = bytes([selector]) + content
    digest = hashlib.sha1(data).hexdigest()[:16]
    out = SEEDS / target / f"{label}-{digest}"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(data)


def manifests(sdist_dirs):
    fixtures = ROOT / "crates/vigil_deps/tests/fixtures"
    for path in sorted(fixtures.rglob("*")):
        kind = kind_of(path) if path.is_file() else None
        if kind is not None:
            put("manifests", kind, path.read_bytes(), "fixture")
    per_kind = {}
    for base in sdist_dirs:
        for path in sorted(pathlib.Path(base).rglob("*")):
            if not path.is_file() or "test" in path.parent.name.lower():
                continue
            name = path.name
            if not (name in FILES or (name.startswith("requirements") and name.endswith(".txt"))):
                continue
            kind = kind_of(path)
            if per_kind.get(kind, 0) >= 25:
                continue
            per_kind[kind] = per_kind.get(kind, 0) + 1
            put("manifests", kind, path.read_bytes(), "sdist")


def osv():
    fixtures = ROOT / "crates/vigil_deps/tests/fixtures/osv"
    for path in sorted(fixtures.rglob("*")):
        if path.suffix == ".json":
            put("osv_import", 0, path.read_bytes(), "fixture")
        elif path.suffix in (".yaml", ".yml"):
            put("osv_import", 1, path.read_bytes(), "fixture")
    # A small archive of the fixtures, as an OSV export.
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(fixtures.rglob("*")):
            if path.suffix in (".json", ".yaml", ".yml"):
                archive.write(path, path.relative_to(fixtures).as_posix())
    put("osv_import", 2, buffer.getvalue(), "fixtures-zip")
    # Records of the embedded snapshot.
    data = ROOT / "crates/vigil_deps/data"
    for snapshot in sorted(data.glob("*.zip")):
        with zipfile.ZipFile(snapshot) as archive:
            names = sorted(n for n in archive.namelist() if n.endswith((".json", ".yaml", ".yml")))
            for name in names[:: max(1, len(names) // 40)][:40]:
                selector = 0 if name.endswith(".json") else 1
                put("osv_import", selector, archive.read(name), "pypa")
    # Lines of the embedded store, as a stored database (header written by
    # the target: selector 4) and as is (selector 3, a few lines only).
    for store in sorted(data.glob("*.vdb")):
        lines = store.read_bytes().split(b"\n")
        header, body = lines[0], [l for l in lines[1:] if l]
        meta = header.split(b"\t", 3)[3] if header.count(b"\t") >= 3 else b"{}"
        for i in range(0, min(len(body), 400), 40):
            put("osv_import", 4, meta + b"\n" + b"\n".join(body[i:i + 3]) + b"\n", "store")
        put("osv_import", 3, header + b"\n", "store-header")


if __name__ == "__main__":
    manifests(sys.argv[1:])
    osv()
