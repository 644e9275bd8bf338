"""Runs vigil, ruff (S rules) and bandit over the same code and compares them.

Corpora: the CPython standard library of the running Python, and real
packages downloaded as sdists from PyPI (pinned list below) into
bench-out/corpus. Wall time is the median of --runs runs; peak memory is the
maximum resident set size of the tool's process (from wait4).
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import sysconfig
import tarfile
import time
import zipfile
from pathlib import Path

# Real packages, pinned so the corpus is the same on every machine.
PACKAGES = [
    "Django==5.1.2", "flask==3.0.3", "requests==2.32.3", "urllib3==2.2.3",
    "jinja2==3.1.4", "werkzeug==3.0.4", "sqlalchemy==2.0.35", "paramiko==3.5.0",
    "pyyaml==6.0.2", "click==8.1.7", "httpx==0.27.2", "aiohttp==3.10.10",
    "fastapi==0.115.2", "starlette==0.41.0", "pydantic==2.9.2", "celery==5.4.0",
    "scrapy==2.11.2", "tornado==6.4.1", "boto3==1.35.44", "botocore==1.35.44",
    "ansible-core==2.17.5", "salt==3007.1", "pandas==2.2.3", "numpy==2.1.2",
    "setuptools==75.2.0", "pip==24.2", "twisted==24.7.0", "sphinx==8.1.3",
    "pytest==8.3.3", "rich==13.9.2", "cryptography==43.0.1", "gunicorn==23.0.0",
    "jupyter_server==2.14.2", "mitmproxy==11.0.0", "langchain==0.3.4",
    "transformers==4.45.2",
]


def stdlib_path():
    return Path(sysconfig.get_paths()["stdlib"])


def sdist_url(spec):
    """The sdist URL of a pinned requirement, from PyPI's simple index."""
    import re
    import urllib.request
    name, version = spec.split("==")
    normalized = re.sub(r"[-_.]+", "-", name).lower()
    with urllib.request.urlopen(f"https://pypi.org/simple/{normalized}/", timeout=60) as r:
        page = r.read().decode()
    for url, filename in re.findall(r'href="([^"]+)"[^>]*>([^<]+)</a>', page):
        stem = re.sub(r"[-_.]+", "-", filename.lower())
        if stem.startswith(f"{normalized}-{version}".replace(".", "-")) and filename.endswith((".tar.gz", ".zip")):
            return url.split("#")[0], filename
    return None, None


def fetch_corpus(out: Path) -> Path:
    """Downloads and unpacks the sdists of PACKAGES (without building them)."""
    import urllib.request
    corpus = out / "corpus"
    downloads = out / "downloads"
    corpus.mkdir(parents=True, exist_ok=True)
    downloads.mkdir(parents=True, exist_ok=True)
    for spec in PACKAGES:
        name = spec.split("==")[0].lower().replace("_", "-")
        target = corpus / name
        if target.exists():
            continue
        try:
            url, filename = sdist_url(spec)
            if not url:
                print(f"  skip {spec}: no sdist", file=sys.stderr)
                continue
            archive = downloads / filename
            if not archive.exists():
                with urllib.request.urlopen(url, timeout=300) as r, open(archive, "wb") as f:
                    f.write(r.read())
        except OSError as e:
            print(f"  skip {spec}: {e}", file=sys.stderr)
            continue
        target.mkdir()
        if archive.suffix == ".zip":
            with zipfile.ZipFile(archive) as z:
                z.extractall(target)
        else:
            with tarfile.open(archive) as t:
                t.extractall(target, filter="data")
    return corpus


def count(path: Path):
    files = lines = 0
    for p in path.rglob("*.py"):
        if any(part in {"site-packages", "__pycache__"} for part in p.parts):
            continue
        files += 1
        try:
            lines += p.read_bytes().count(b"\n")
        except OSError:
            pass
    return files, lines


def run(cmd, cwd=None):
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    stdout = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    elapsed = time.perf_counter() - start
    return elapsed, usage.ru_maxrss / 1024.0, stdout, usage.ru_utime + usage.ru_stime


def measure_interleaved(tools, runs):
    """Runs the tools in turn, `runs` rounds (bandit once): a machine that
    slows down or speeds up during the benchmark affects every tool alike."""
    # Only the last output of each tool is kept: a child's peak memory as
    # the kernel reports it includes this process's own at the time of the
    # fork, so this process stays small.
    samples = {name: [] for name, _ in tools}
    outputs = {}
    for i in range(runs):
        for name, cmd in tools:
            if name == "bandit" and i > 0:
                continue
            outputs[name] = None
            t, peak, stdout, cpu = run(cmd)
            samples[name].append((t, peak, cpu))
            outputs[name] = stdout
    results = []
    for name, _ in tools:
        times = [t for t, _, _ in samples[name]]
        results.append({"tool": name, "seconds": min(times), "median": statistics.median(times),
                        "cpu": min(c for _, _, c in samples[name]),
                        "peak_mb": max(p for _, p, _ in samples[name]),
                        "stdout": outputs[name]})
    return results


def findings_count(tool, stdout):
    try:
        data = json.loads(stdout or b"null")
    except json.JSONDecodeError:
        return None
    if tool.startswith("vigil"):
        return len(data["findings"])
    if tool == "ruff":
        return len(data)
    if tool == "bandit":
        return len(data.get("results", []))
    return None


def bench(label, path, args):
    files, lines = count(path)
    print(f"\n== {label}: {path} ({files} files, {lines} lines)")
    exclude = "site-packages"
    tools = [
        ("vigil", [args.vigil, "check", str(path), "--quiet", "--format", "json", "--no-config"]),
        ("vigil --audit", [args.vigil, "check", str(path), "--quiet", "--format", "json", "--no-config", "--audit"]),
        # The files ruff reads: no package archives (a tree may ship wheels,
        # as the standard library's ensurepip does, which vigil reads too).
        ("vigil no-arch", [args.vigil, "check", str(path), "--quiet", "--format", "json", "--no-config",
                           "--no-archives"]),
        ("ruff", [args.ruff, "check", "--select", "S", "--no-cache", "--output-format", "json",
                  "--exit-zero", "--isolated", "--extend-exclude", exclude, str(path)]),
    ]
    if not args.skip_bandit:
        tools.append(("bandit", [args.bandit, "-r", "-q", "-f", "json", "-x", f"*/{exclude}/*", str(path)]))
    results = measure_interleaved(tools, args.runs)
    ruff = next(r for r in results if r["tool"] == "ruff")
    print(f"{'tool':<15}{'wall s (best)':>14}{'median':>9}{'vs ruff':>9}{'cpu s':>8}{'cpu vs ruff':>12}{'peak MB':>10}{'findings':>10}")
    for r in results:
        n = findings_count(r["tool"], r["stdout"])
        print(f"{r['tool']:<15}{r['seconds']:>14.3f}{r['median']:>9.3f}{r['seconds'] / ruff['seconds']:>9.2f}"
              f"{r['cpu']:>8.2f}{r['cpu'] / ruff['cpu']:>12.2f}{r['peak_mb']:>10.1f}{str(n):>10}")
    return results


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, default=Path("bench-out"))
    parser.add_argument("--vigil", required=True)
    parser.add_argument("--ruff", required=True)
    parser.add_argument("--bandit", required=True)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--skip-bandit", action="store_true")
    parser.add_argument("--only", choices=["stdlib", "corpus"])
    args = parser.parse_args()
    if args.only != "corpus":
        bench("CPython standard library", stdlib_path(), args)
    if args.only != "stdlib":
        bench("real-package corpus", fetch_corpus(args.out), args)


if __name__ == "__main__":
    main()
