import asyncssh
import paramiko
import pysftp
from paramiko import AutoAddPolicy, SSHClient


def connect(host):
    client = SSHClient()
    client.set_missing_host_key_policy(AutoAddPolicy())  # expect: ssh-host-key-unverified  # bandit: B507
    client.set_missing_host_key_policy(paramiko.AutoAddPolicy)  # expect: ssh-host-key-unverified
    client.set_missing_host_key_policy(paramiko.WarningPolicy())  # expect: ssh-host-key-unverified
    client.set_missing_host_key_policy(paramiko.RejectPolicy())  # ok: ssh-host-key-unverified
    client.load_system_host_keys()  # ok: ssh-host-key-unverified
    cnopts = pysftp.CnOpts()
    cnopts.hostkeys = None  # expect: ssh-host-key-unverified
    cnopts.hostkeys.load("known_hosts")  # ok: ssh-host-key-unverified


async def run(host):
    await asyncssh.connect(host, known_hosts=None)  # expect: ssh-host-key-unverified
    await asyncssh.connect(host, known_hosts="~/.ssh/known_hosts")  # ok: ssh-host-key-unverified
    await asyncssh.connect(host)  # ok: ssh-host-key-unverified
