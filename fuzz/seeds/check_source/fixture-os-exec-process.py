import os
import pty

import pexpect


def launch(tool, path):
    os.execvp(tool, [tool, path])  # expect-audit: os-exec-process
    os.spawnl(os.P_WAIT, "/bin/true", "true")  # expect-audit: os-exec-process
    pty.spawn(tool)  # expect-audit: os-exec-process
    pexpect.spawn(f"ssh {tool}")  # expect-audit: os-exec-process
    os.getpid()  # ok: os-exec-process
