import codecs
import html
import io
import os
import shutil
from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import FileResponse
from flask import Flask, abort, request, send_file, send_from_directory
from werkzeug.utils import secure_filename

app = Flask(__name__)
api = FastAPI()
BASE = "/srv/files"


@app.route("/read")
def read():
    name = request.args["name"]
    open(os.path.join(BASE, name))  # expect: path-traversal
    open(os.path.join(BASE, os.path.basename(name)))  # ok: path-traversal
    open(os.path.join(BASE, secure_filename(name)))  # ok: path-traversal
    open(os.path.join(BASE, html.escape(name)))  # expect: path-traversal
    io.open(name)  # expect: path-traversal
    codecs.open(name, encoding="utf-8")  # expect: path-traversal
    os.remove(os.path.join(BASE, name))  # expect: path-traversal
    shutil.copy(name, "/var/backups/")  # expect: path-traversal
    (Path(BASE) / name).read_text()  # expect: path-traversal
    Path(BASE, name).unlink()  # expect: path-traversal
    send_file(name)  # expect: path-traversal
    send_from_directory(BASE, name)  # ok: path-traversal
    return "ok"


@app.route("/checked")
def checked():
    name = request.args["name"]
    path = os.path.realpath(os.path.join(BASE, name))
    if not path.startswith(BASE + os.sep):
        abort(403)
    open(path)  # ok: path-traversal
    resolved = (Path(BASE) / name).resolve()
    if not resolved.is_relative_to(BASE):
        raise PermissionError(name)
    resolved.read_text()  # ok: path-traversal
    joined = os.path.join(BASE, name)
    if joined.startswith(BASE):
        open(joined)  # expect: path-traversal
    return "ok"


@api.get("/download/{filename}")
def download(filename: str, page: int = 1):
    open(f"/srv/pages/{page}.html")  # ok: path-traversal
    return FileResponse(f"/srv/files/{filename}")  # expect: path-traversal


def no_source(name):
    return open(name).read()  # ok: path-traversal


def convert_main():
    # A command-line tool opens the files it is given: by design, an audit
    # note; the same path from a request above is a finding.
    import argparse
    import sys

    parser = argparse.ArgumentParser()
    parser.add_argument("--out")
    args = parser.parse_args()
    open(sys.argv[1])  # expect-audit: path-traversal
    os.makedirs(args.out)  # expect-audit: path-traversal
    os.remove(os.environ["CACHE_FILE"])  # expect-audit: path-traversal
