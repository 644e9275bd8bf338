import httpx
import requests
from requests import get as fetch

TIMEOUT = 10


def call(url, options):
    requests.get(url)  # expect: request-without-timeout  # bandit: B113
    fetch(url, params={"q": 1})  # expect: request-without-timeout
    requests.post(url, json={}, timeout=None)  # expect: request-without-timeout
    httpx.get(url, timeout=None)  # expect: request-without-timeout
    session = requests.Session()
    session.get(url)  # expect: request-without-timeout
    session.post(url, timeout=5)  # ok: request-without-timeout
    requests.get(url, timeout=TIMEOUT)  # ok: request-without-timeout
    requests.get(url, timeout=(3.05, 27))  # ok: request-without-timeout
    requests.get(url, **options)  # ok: request-without-timeout
    httpx.get(url)  # ok: request-without-timeout
    cache.get(url)  # ok: request-without-timeout
