import subprocess  # expect-audit: subprocess-import  # bandit: B404
import subprocess as sp  # expect-audit: subprocess-import
from subprocess import PIPE, run  # expect-audit: subprocess-import
from asyncio import create_subprocess_exec  # expect-audit: subprocess-import
import os  # ok: subprocess-import
import asyncio  # ok: subprocess-import
from . import subprocess_helpers  # ok: subprocess-import
