import os
import stat
from pathlib import Path


def install(path, mode):
    os.chmod("/etc/myapp/hooks.sh", 0o777)  # expect: permissive-file-permissions  # bandit: B103
    os.chmod(path, stat.S_IRWXU | stat.S_IWOTH)  # expect: permissive-file-permissions
    os.chmod(path, 0o664)  # expect: permissive-file-permissions
    Path(path).chmod(0o666)  # expect: permissive-file-permissions
    os.chmod(path, 0o755)  # ok: permissive-file-permissions
    os.chmod(path, stat.S_IRUSR | stat.S_IWUSR)  # ok: permissive-file-permissions
    os.chmod(path, mode)  # ok: permissive-file-permissions
    os.makedirs(path, 0o777)  # expect-audit: permissive-file-permissions
    os.mkdir(path, 0o700)  # ok: permissive-file-permissions
    os.umask(0)  # expect: permissive-file-permissions
    old = os.umask(0)  # expect-audit: permissive-file-permissions
    os.umask(old)  # ok: permissive-file-permissions
    os.umask(0o022)  # ok: permissive-file-permissions


SHARED = 0o777
PRIVATE = 0o600
GROUP_READ = PRIVATE | 0o040


def publish(path):
    os.chmod(path, SHARED)  # expect: permissive-file-permissions@5
    os.chmod(path, PRIVATE)  # ok: permissive-file-permissions
    os.chmod(path, mode=GROUP_READ)  # ok: permissive-file-permissions
