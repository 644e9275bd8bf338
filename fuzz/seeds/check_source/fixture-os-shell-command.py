import os
from os import popen as open_pipe
import commands  # expect-audit: subprocess-import


def ping(host):
    os.system("ping -c 1 " + host)  # expect: os-shell-command
    open_pipe(f"nslookup {host}")  # expect: os-shell-command  # expect-audit: partial-executable-path
    os.popen("uptime")  # expect-audit: os-shell-command, partial-executable-path
    commands.getoutput("whois %s" % host)  # expect: os-shell-command
    __import__("os").system(host)  # expect: os-shell-command
    os.path.join("a", host)  # ok: os-shell-command
    commands.getstatus(host)  # expect: os-shell-command
    from invoke import run

    run(f"dig {host}")  # expect: os-shell-command  # expect-audit: partial-executable-path


def system(cmd):
    return cmd


def local_function(host):
    system("ping " + host)  # ok: os-shell-command
