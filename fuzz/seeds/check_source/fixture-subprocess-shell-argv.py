import asyncio
import os
import shlex
import subprocess as sp  # expect-audit: subprocess-import


async def search(pattern, path):
    sp.run(["bash", "-c", f"grep {pattern} /var/log/app.log"])  # expect: subprocess-shell-argv  # expect-audit: subprocess-no-shell, partial-executable-path
    sp.Popen(["/bin/sh", "-ec", "find . -name " + pattern])  # expect: subprocess-shell-argv  # expect-audit: subprocess-no-shell
    await asyncio.create_subprocess_exec("/bin/bash", "-o", "pipefail", "-c", pattern)  # expect: subprocess-shell-argv  # expect-audit: subprocess-no-shell
    os.execv("/bin/sh", ["sh", "-c", path])  # expect: subprocess-shell-argv  # expect-audit: os-exec-process
    sp.run(["cmd.exe", "/c", "type " + path])  # expect: subprocess-shell-argv  # expect-audit: subprocess-no-shell, partial-executable-path
    args = ["sudo", "bash", "-c", path]
    sp.check_call(args)  # expect: subprocess-shell-argv  # expect-audit: subprocess-no-shell, partial-executable-path
    sp.run(["bash", "-c", f"grep {shlex.quote(pattern)} /var/log/app.log"])  # ok: subprocess-shell-argv  # expect-audit: subprocess-no-shell, partial-executable-path
    sp.run(["bash", "-c", "uptime"])  # ok: subprocess-shell-argv  # expect-audit: subprocess-no-shell, partial-executable-path
    sp.run(["grep", "--", pattern, "/var/log/app.log"])  # ok: subprocess-shell-argv  # expect-audit: subprocess-no-shell, partial-executable-path
    sp.run(["bash", "script.sh", pattern])  # ok: subprocess-shell-argv  # expect-audit: subprocess-no-shell, partial-executable-path
