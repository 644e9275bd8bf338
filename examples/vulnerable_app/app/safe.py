"""The same tasks done safely: vigil reports nothing here."""
import ast
import hashlib
import json
import sqlite3
import subprocess

import requests
import yaml

db = sqlite3.connect("app.db")


def user(name):
    cur = db.cursor()
    cur.execute("SELECT * FROM users WHERE name = ?", (name,))
    return cur.fetchall()


def report(fmt):
    subprocess.run(["generate-report", "--format", fmt], check=True)


def restore(data):
    return json.loads(data)


def config(text):
    return yaml.safe_load(text)


def calc(expr):
    return ast.literal_eval(expr)


def fetch_partner_feed(url):
    return requests.get(url, timeout=5).text


def etag(body):
    return hashlib.md5(body, usedforsecurity=False).hexdigest()


def listing():
    return subprocess.run("ls -l /var/log", shell=True, capture_output=True)  # nosec B602 - fixed command
