import asyncio
import os
import re
import shlex
import socket
import subprocess  # expect-audit: subprocess-import
import sys

import paramiko
from flask import Flask, abort, request
from openai import OpenAI

app = Flask(__name__)
ALLOWED_TOOLS = {"ls", "whoami", "uptime"}


@app.route("/ping")
def ping():
    host = request.args["host"]
    subprocess.run(f"ping -c 1 {host}", shell=True)  # expect: command-injection  # expect-audit: partial-executable-path  # bandit: B602
    subprocess.run(["ping", "-c", "1", host])  # expect-audit: partial-executable-path, subprocess-no-shell  # ok: command-injection
    subprocess.run(["sh", "-c", "ping -c 1 " + host])  # expect: command-injection  # expect-audit: partial-executable-path, subprocess-no-shell
    subprocess.run(["sudo", "bash", "-c", host])  # expect: command-injection  # expect-audit: partial-executable-path, subprocess-no-shell
    os.system("nslookup " + host)  # expect: command-injection  # bandit: B605
    os.popen("dig " + host).read()  # expect: command-injection
    subprocess.run("ping -c 1 " + shlex.quote(host), shell=True)  # expect-audit: subprocess-shell-true  # ok: command-injection
    subprocess.check_output(f"ping -c {int(request.args['count'])} localhost", shell=True)  # expect-audit: partial-executable-path, subprocess-shell-true  # ok: command-injection
    return "ok"


@app.route("/tool/<name>")
def tool(name):
    if name not in ALLOWED_TOOLS:
        abort(404)
    os.system(name)  # expect-audit: os-shell-command  # ok: command-injection
    port = request.args["port"]
    if port.isdigit():
        os.system("nc -z localhost " + port)  # expect-audit: os-shell-command  # ok: command-injection
    os.system("nc -z localhost " + port)  # expect: command-injection
    version = request.args["v"]
    if re.fullmatch(r"[0-9a-z_-]+", version):
        os.system("install-tool " + version)  # expect-audit: os-shell-command  # ok: command-injection
    return "ok"


@app.route("/run/<int:job>/<path:script>")
def run_job(job, script):
    os.system(f"run-job {job}")  # expect-audit: os-shell-command, partial-executable-path  # ok: command-injection
    os.system(f"run-script {script}")  # expect: command-injection  # expect-audit: partial-executable-path
    return "ok"


def cli():
    target = sys.argv[1]
    subprocess.call("tar xzf " + target, shell=True)  # expect: command-injection
    mode = input("mode: ")
    os.execl("/bin/sh", "sh", "-c", "echo " + mode)  # expect: command-injection  # bandit: B606
    os.execv(os.environ["EDITOR"], ["editor", "notes.txt"])  # expect: command-injection


async def jobs():
    data = sys.stdin.readline()
    await asyncio.create_subprocess_shell(data)  # expect: command-injection
    conn, _ = socket.socket().accept()
    command = conn.recv(1024).decode()
    await asyncio.create_subprocess_exec(command, "--version")  # expect: command-injection  # expect-audit: subprocess-no-shell
    await asyncio.create_subprocess_exec("git", "log", command)  # expect-audit: partial-executable-path, subprocess-no-shell  # ok: command-injection


def remote(request):
    client = paramiko.SSHClient()
    client.exec_command("ls " + os.environ.get("REMOTE_DIR", "/"))  # expect: command-injection  # bandit: B601


def agent(prompt):
    client = OpenAI()
    reply = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": prompt}])
    command = reply.choices[0].message.content
    subprocess.run(command, shell=True)  # expect: command-injection


class Runner:
    def __init__(self, command):
        self.command = command

    def run(self):
        return subprocess.check_output(self.command, shell=True)  # expect: command-injection


@app.route("/runner")
def runner():
    Runner(request.args["cmd"]).run()
    Runner("uptime").run()
    return "ok"


@app.route("/flow")
def flow():
    cmd = "ls"
    if request.args.get("long"):
        cmd = "ls -l"
    subprocess.run(cmd, shell=True)  # expect-audit: subprocess-shell-true  # ok: command-injection
    try:
        value = request.args["v"]
        cleaned = int(value)
    except ValueError:
        cleaned = value
    os.system(f"echo {cleaned}")  # expect: command-injection
    names = [n for n in request.args.getlist("n") if n in ALLOWED_TOOLS]
    for n in names:
        os.system(n)  # expect-audit: os-shell-command  # ok: command-injection
    words = [w.upper() for w in request.args.getlist("w")]
    os.system(" ".join(words))  # expect: command-injection
    run = lambda c: os.system(c)  # expect: command-injection
    run(request.args["lambda"])
    with open("/tmp/x") as f:  # expect: hardcoded-temp-path
        os.system(f.read())  # expect: os-shell-command  # ok: command-injection
    while (line := request.args.get("line")):
        os.system(line)  # expect: command-injection
        break
    match request.args.get("action"):
        case "start" | "stop" as action:
            os.system("service app " + action)  # expect-audit: os-shell-command  # ok: command-injection
        case other:
            os.system("service app " + other)  # expect: command-injection
    return "ok"


STATE = {}


def remember():
    global LAST
    LAST = request.args["last"]


def replay():
    os.system(LAST)  # expect: command-injection


def no_source(cmd):
    subprocess.run(cmd, shell=True)  # expect: subprocess-shell-true  # ok: command-injection


@app.route("/actions")
def actions_before_loop():
    host = request.args["host"]
    actions = {"ping": lambda: os.system("ping " + host)}  # expect: command-injection
    for name in request.args.getlist("do"):
        actions[name]()
    return "ok"


@app.route("/legacy-diag")
def legacy_diag():
    # The command family is one list for the pattern rules and the
    # dataflow engine: every way to start a program is a sink.
    import platform
    import posix

    from invoke import run as invoke_run

    target = request.form.get("target", "")
    platform.popen("traceroute " + target)  # expect: command-injection@5
    posix.system("host " + target)  # expect: command-injection
    invoke_run(f"dig {target}")  # expect: command-injection  # expect-audit: partial-executable-path
    subprocess.run(["python3", "-c", target])  # expect: command-injection  # expect-audit: partial-executable-path, subprocess-no-shell
    subprocess.run(["bash", "-e", "/opt/tools/diag.sh", target])  # expect-audit: partial-executable-path, subprocess-no-shell  # ok: command-injection
    return "started"
