"""Thin wrappers around subprocess (the re-export target)."""
from subprocess import run as run_command  # noqa: F401
import subprocess


def ping(host):
    # The host comes from the request: the shell will run whatever it holds.
    return subprocess.run("ping -c 1 " + host, shell=True, capture_output=True)
