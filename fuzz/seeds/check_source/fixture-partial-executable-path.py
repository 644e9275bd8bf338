import os
import subprocess  # expect-audit: subprocess-import
from subprocess import check_output  # expect-audit: subprocess-import


def build(target):
    subprocess.run(["git", "pull"])  # expect-audit: partial-executable-path, subprocess-no-shell  # bandit: B607
    check_output("make")  # expect-audit: partial-executable-path, subprocess-no-shell
    os.system("cd /srv/app && make install")  # expect-audit: partial-executable-path, os-shell-command
    os.execvp("python3", ["python3", "-m", "build"])  # expect-audit: partial-executable-path, os-exec-process
    subprocess.run(["/usr/bin/git", "pull"])  # ok: partial-executable-path  # expect-audit: subprocess-no-shell
    subprocess.run(["git", "pull"], executable="/usr/bin/git")  # ok: partial-executable-path  # expect-audit: subprocess-no-shell
    os.system("/usr/bin/make -C /srv/app")  # ok: partial-executable-path  # expect-audit: os-shell-command
    os.system("cd /srv/app")  # ok: partial-executable-path  # expect-audit: os-shell-command
    subprocess.run([target, "--version"])  # ok: partial-executable-path  # expect-audit: subprocess-no-shell
    subprocess.run(r"C:\Tools\build.exe")  # ok: partial-executable-path  # expect-audit: subprocess-no-shell
