import logging
import os
import tempfile
from pathlib import Path

CACHE = "/var/tmp/app-cache"  # expect-audit: hardcoded-temp-path  # bandit: B108


def save(report, name):
    with open("/tmp/report.csv", "w") as f:  # expect: hardcoded-temp-path
        f.write(report)
    os.makedirs(CACHE, exist_ok=True)  # expect: hardcoded-temp-path
    Path(f"/tmp/{name}.json").write_text(report)  # expect: hardcoded-temp-path
    logging.FileHandler("/dev/shm/debug.log")  # expect: hardcoded-temp-path
    tempfile.mkstemp(dir="/tmp")  # expect-audit: hardcoded-temp-path
    os.path.join("/tmp", name)  # expect-audit: hardcoded-temp-path
    open("/tmp/app.%d.pid" % os.getpid(), "w")  # expect: hardcoded-temp-path
    open("/tmp/{}.lock".format(name), "w")  # expect: hardcoded-temp-path
    open("/tmpfiles/report.csv")  # ok: hardcoded-temp-path
    open(os.path.join(tempfile.gettempdir(), name))  # ok: hardcoded-temp-path
