import os
import subprocess  # expect-audit: subprocess-import

GIT = os.environ.get("GIT", "/usr/bin/git")


def deploy(branch):
    subprocess.run(["git", "checkout", branch])  # expect-audit: subprocess-no-shell, partial-executable-path  # bandit: B603
    subprocess.check_call(["make", "all"])  # expect-audit: subprocess-no-shell, partial-executable-path
    subprocess.Popen(branch)  # expect-audit: subprocess-no-shell
    subprocess.run(["git", "status"], executable=GIT)  # expect-audit: subprocess-no-shell


async def build(target):
    import asyncio

    await asyncio.create_subprocess_exec("/usr/bin/make", target)  # expect-audit: subprocess-no-shell


def unrelated(runner, branch):
    runner.run(["git", "checkout", branch])  # ok: subprocess-no-shell
