import http.client
import urllib.request
from urllib.parse import quote, urlparse

import httpx
import requests
from flask import Flask, abort, request
from starlette.requests import Request

app = Flask(__name__)
ALLOWED = {"api.example.com"}
session = requests.Session()


@app.route("/fetch")
def fetch():
    url = request.args["url"]
    requests.get(url, timeout=5)  # expect: ssrf
    httpx.post(url, json={})  # expect: ssrf
    urllib.request.urlopen(url)  # expect: ssrf
    session.get(url)  # expect: request-without-timeout, ssrf
    requests.request("GET", url)  # expect: request-without-timeout, ssrf
    with httpx.Client() as client:
        client.get(url)  # expect: ssrf
    http.client.HTTPSConnection(request.args["host"])  # expect: ssrf
    requests.get(f"https://api.example.com/users/{quote(url)}", timeout=5)  # ok: ssrf
    requests.get("https://api.example.com/search?q=" + url, timeout=5)  # ok: ssrf
    requests.get(f"https://{url}/status", timeout=5)  # expect: ssrf
    requests.get("http://" + url, timeout=5)  # expect: ssrf
    return "ok"


@app.route("/checked")
def checked():
    url = request.args["url"]
    if urlparse(url).hostname not in ALLOWED:
        abort(400)  # ok: ssrf
    return requests.get(url, timeout=5).text


async def proxy(request: Request):
    async with httpx.AsyncClient() as client:
        target = request.query_params["target"]
        return await client.get(target)  # expect: ssrf


def helper(url):
    return requests.get(url, timeout=5)  # ok: ssrf


@app.route("/legacy-fetch")
def legacy_fetch():
    # Every urllib opener is a sink, whatever module it is imported from.
    from six.moves.urllib.request import urlopen as six_urlopen

    target = request.args["url"]
    six_urlopen(target)  # expect: ssrf
    urllib.request.urlretrieve("https://mirror.example.com/" + quote(target))  # ok: ssrf  # expect-audit: url-open-any-scheme
    return "fetched"
