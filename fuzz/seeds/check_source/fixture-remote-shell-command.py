import shlex

import paramiko
from fabric import Connection
from fabric.api import sudo


def tail(host, service):
    client = paramiko.SSHClient()
    client.connect(host)
    client.exec_command(f"tail -n 100 /var/log/{service}.log")  # expect: remote-shell-command
    client.exec_command("uptime")  # expect-audit: remote-shell-command
    client.exec_command(f"tail /var/log/{shlex.quote(service)}.log")  # expect-audit: remote-shell-command
    with Connection(host) as conn:
        conn.run("systemctl restart " + service)  # expect: remote-shell-command
        conn.put(service)  # ok: remote-shell-command
    sudo("rm -rf /srv/cache/%s" % service)  # expect: remote-shell-command


def helper(ssh, cmd):
    ssh.exec_command(cmd)  # expect: remote-shell-command


def unrelated(runner, cmd):
    runner.run(cmd)  # ok: remote-shell-command
