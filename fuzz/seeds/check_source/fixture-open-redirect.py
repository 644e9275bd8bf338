from urllib.parse import urlparse

from django.http import HttpResponseRedirect
from django.shortcuts import redirect as django_redirect
from django.utils.http import url_has_allowed_host_and_scheme
from fastapi import FastAPI
from fastapi.responses import RedirectResponse
from flask import Flask, redirect, request, url_for

app = Flask(__name__)
api = FastAPI()
ALLOWED_HOSTS = {"example.com", "www.example.com"}


@app.route("/login")
def login():
    target = request.args.get("next", "/")
    if request.args.get("a"):
        return redirect(target)  # expect: open-redirect
    if request.args.get("b"):
        return redirect("/account/" + target)  # ok: open-redirect
    if request.args.get("c"):
        return redirect(f"https://example.com/{target}")  # ok: open-redirect
    if request.args.get("d"):
        return redirect("/" + target)  # expect: open-redirect
    if request.args.get("e"):
        return redirect(url_for("profile", name=target))  # ok: open-redirect
    if urlparse(target).netloc not in ALLOWED_HOSTS:
        return redirect("/")
    return redirect(target)  # ok: open-redirect


@app.route("/parsed")
def parsed():
    target = request.args["to"]
    parts = urlparse(target)
    if parts.netloc == "example.com":
        return redirect(target)  # ok: open-redirect
    return redirect(target)  # expect: open-redirect


def django_next(request):
    target = request.GET.get("next", "/")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={"example.com"}):  # ok: open-redirect
        return HttpResponseRedirect(target)
    return django_redirect(target)  # expect: open-redirect


@api.get("/go")
def go(url: str):
    return RedirectResponse(url)  # expect: open-redirect


def helper(url):
    return redirect(url)  # ok: open-redirect


def set_language(request):
    # Django's own shape: the check sits in a compound condition, and the
    # value is replaced when it fails (or is empty).
    next_url = request.POST.get("next", request.GET.get("next"))
    if (next_url or request.accepts("text/html")) and not url_has_allowed_host_and_scheme(
        url=next_url, allowed_hosts={request.get_host()}
    ):
        next_url = "/"
    HttpResponseRedirect(next_url)  # ok: open-redirect
    other = request.GET.get("other")
    if other.startswith("/") or not url_has_allowed_host_and_scheme(other, allowed_hosts=None):
        return HttpResponseRedirect(other)  # expect: open-redirect
    empty = request.GET.get("empty")
    if not empty:
        return HttpResponseRedirect(empty)  # ok: open-redirect
    return HttpResponseRedirect(empty)  # expect: open-redirect
