import argparse
import re

import click
from flask import Flask, request

app = Flask(__name__)


@app.route("/search")
def search():
    pattern = request.args["q"]
    re.search(pattern, "some text")  # expect: regex-injection
    re.compile(pattern)  # expect: regex-injection
    re.search(re.escape(pattern), "some text")  # ok: regex-injection
    re.sub("[0-9]+", pattern, "a1b2")  # ok: regex-injection
    re.findall(r"\w+", pattern)  # ok: regex-injection
    return "ok"


@click.command()
@click.option("--filter", "expr")
def cli(expr):
    # A command-line tool that takes a pattern does so by design: an audit note.
    re.compile(expr)  # expect-audit: regex-injection


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--pattern")
    args = parser.parse_args()
    re.match(args.pattern, "x")  # expect-audit: regex-injection


def matcher(pattern):
    return re.compile(pattern)
  # ok: regex-injection