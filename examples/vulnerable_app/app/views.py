"""Request handlers with classic injection bugs."""
import hashlib
import os
import pickle
import sqlite3

import requests
import yaml
from flask import Flask, request

from app import execute

app = Flask(__name__)
db = sqlite3.connect("app.db")


@app.route("/user")
def user():
    name = request.args.get("name")
    cur = db.cursor()
    cur.execute(f"SELECT * FROM users WHERE name = '{name}'")
    return str(cur.fetchall())


@app.route("/report")
def report():
    fmt = request.args.get("format", "pdf")
    os.system("generate-report --format " + fmt)
    execute("convert report." + fmt + " out.png", shell=True)
    return "ok"


@app.route("/session", methods=["POST"])
def session_restore():
    return pickle.loads(request.get_data())


@app.route("/config", methods=["POST"])
def config():
    return yaml.load(request.data)


@app.route("/calc")
def calc():
    return str(eval(request.args["expr"]))


def fetch_partner_feed(url):
    return requests.get(url, verify=False, timeout=5).text


def password_digest(password):
    return hashlib.md5(password.encode()).hexdigest()
