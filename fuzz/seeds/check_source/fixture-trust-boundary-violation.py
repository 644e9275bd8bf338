from django.http import HttpResponse
from flask import Flask, abort, request, session

app = Flask(__name__)
ROLES = {"reader", "editor"}


@app.route("/prefs", methods=["POST"])
def prefs():
    session["theme"] = request.form["theme"]  # expect: trust-boundary-violation
    role = request.form["role"]
    if role not in ROLES:
        abort(400)
    session["role"] = role  # ok: trust-boundary-violation
    session["visits"] = int(request.form.get("visits", "0"))  # ok: trust-boundary-violation
    session["user_id"] = 42  # ok: trust-boundary-violation
    return "ok"


def django_prefs(request):
    request.session["lang"] = request.POST["lang"]  # expect: trust-boundary-violation
    request.session["count"] = len(request.POST)  # ok: trust-boundary-violation
    return HttpResponse("ok")


def store(value):  # ok: trust-boundary-violation
    session["value"] = value


@app.route("/login", methods=["POST"])
def login_with_database():
    import sqlite3

    db = sqlite3.connect("app.db")
    user = db.execute(
        "SELECT * FROM user WHERE username = ?", (request.form["username"],)
    ).fetchone()
    # The row comes from the database, selected by the username.
    session["user_id"] = user["id"]  # ok: trust-boundary-violation
    session["name"] = request.form["username"]  # expect: trust-boundary-violation
