import os
import subprocess  # expect-audit: subprocess-import


def backup(name):
    os.system("cd /srv/uploads && tar czf /backup/uploads.tgz *")  # expect: shell-wildcard-injection  # expect-audit: os-shell-command, partial-executable-path  # bandit: B609
    subprocess.call("chown www-data:www-data *.html", shell=True)  # expect: shell-wildcard-injection  # expect-audit: subprocess-shell-true, partial-executable-path
    subprocess.run(f"sudo chmod 644 * && echo {name}", shell=True)  # expect: shell-wildcard-injection, subprocess-shell-true  # expect-audit: partial-executable-path
    subprocess.run(["sh", "-c", "rsync -a * /mnt/backup/"])  # expect: shell-wildcard-injection  # expect-audit: subprocess-no-shell, partial-executable-path
    os.system("tar czf /backup/uploads.tgz -- *")  # ok: shell-wildcard-injection  # expect-audit: os-shell-command, partial-executable-path
    os.system("tar czf /backup/uploads.tgz ./*")  # ok: shell-wildcard-injection  # expect-audit: os-shell-command, partial-executable-path
    os.system("chmod 644 /srv/www/*.html")  # ok: shell-wildcard-injection  # expect-audit: os-shell-command, partial-executable-path
    os.system("ls *")  # ok: shell-wildcard-injection  # expect-audit: os-shell-command, partial-executable-path
    subprocess.run(["tar", "czf", "out.tgz", "*"])  # ok: shell-wildcard-injection  # expect-audit: subprocess-no-shell, partial-executable-path
