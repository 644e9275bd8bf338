import re

from flask import Flask, request

app = Flask(__name__)
EMAIL = re.compile(r"^([a-zA-Z0-9]+)*@example\.com$")  # expect: redos-pattern
SIMPLE = re.compile(r"^[a-zA-Z0-9]+@example\.com$")


@app.route("/check")
def check():
    email = request.args["email"]
    EMAIL.match(email)  # expect: redos-tainted
    SIMPLE.match(email)  # ok: redos-tainted
    re.match(r"^(\w+\s?)*$", email)  # expect: redos-pattern, redos-tainted
    re.match(r"^\w+$", email)  # ok: redos-tainted
    EMAIL.match(email[:254]) if False else None  # ok: redos-tainted
    if email.isalnum():
        EMAIL.match(email)  # ok: redos-tainted
    return "ok"


def lambda_handler(event, context):
    body = event["body"]
    re.search(r"(a+)+b", body)  # expect: redos-pattern, redos-tainted
    return {"statusCode": 200}


def check_all(text):
    return EMAIL.match(text)  # ok: redos-tainted
