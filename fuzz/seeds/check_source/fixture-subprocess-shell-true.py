import subprocess  # expect-audit: subprocess-import
import subprocess as sp  # expect-audit: subprocess-import
from subprocess import Popen, check_output  # expect-audit: subprocess-import


def handler(request):
    host = request.args["host"]
    subprocess.run(f"ping -c 1 {host}", shell=True)  # expect: subprocess-shell-true  # expect-audit: partial-executable-path
    sp.call("nslookup " + host, shell=True)  # expect: subprocess-shell-true
    Popen(["ping", host], shell=1)  # expect: subprocess-shell-true
    check_output(  # expect: subprocess-shell-true
        "dig %s" % host,
        shell=True,
    )
    subprocess.getoutput("whois " + host)  # expect: subprocess-shell-true
    subprocess.run("ls -l", shell=True)  # expect-audit: subprocess-shell-true, partial-executable-path
    LISTING = "ls -la /var/log"
    subprocess.run(LISTING, shell=True)  # expect-audit: subprocess-shell-true, partial-executable-path
    subprocess.run(["ping", "-c", "1", host])  # ok: subprocess-shell-true  # expect-audit: subprocess-no-shell, partial-executable-path
    subprocess.run(f"ping {host}", shell=False)  # ok: subprocess-shell-true  # expect-audit: subprocess-no-shell
    subprocess.run("ls", shell=False)  # ok: subprocess-shell-true  # expect-audit: subprocess-no-shell, partial-executable-path


class Runner:
    def run(self, cmd, shell=False):
        return cmd

    def go(self, cmd):
        # Not subprocess, so not a finding; any call with `shell=True` is
        # still listed for review (Bandit B604).
        self.run(cmd, shell=True)  # expect-audit: subprocess-shell-true  # bandit: B604
        self.run(cmd, shell="powershell")  # expect-audit: subprocess-shell-true
        self.run(cmd, shell=1)  # expect-audit: subprocess-shell-true
        self.run(cmd, shell=("bash",))  # ok: subprocess-shell-true
        self.run(cmd, shell="fast")  # ok: subprocess-shell-true


def shadowed(subprocess, cmd):
    subprocess.run(cmd, shell=True)  # expect-audit: subprocess-shell-true
    subprocess.run(cmd, shell=False)  # ok: subprocess-shell-true


async def run_async(host):
    import asyncio

    await asyncio.create_subprocess_shell(f"ping -c 1 {host}")  # expect: subprocess-shell-true  # expect-audit: partial-executable-path
    await asyncio.create_subprocess_shell("uptime")  # expect-audit: subprocess-shell-true, partial-executable-path
