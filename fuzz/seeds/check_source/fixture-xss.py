import html
import shlex

from django.http import HttpResponse
from django.template import Context, Engine, loader
from django.utils.safestring import mark_safe
from fastapi import FastAPI
from fastapi.responses import HTMLResponse
from flask import Flask, Response, jsonify, make_response, render_template, request
from markupsafe import Markup, escape

app = Flask(__name__)
api = FastAPI()


@app.route("/hello")
def hello():
    name = request.args.get("name", "")
    return f"<h1>Hello {name}</h1>"  # expect: xss


@app.route("/escaped")
def escaped():
    return f"<h1>Hello {escape(request.args['name'])}</h1>"  # ok: xss


@app.route("/quoted")
def quoted():
    return "<p>" + shlex.quote(request.args["name"]) + "</p>"  # expect: xss


@app.route("/json")
def as_json():
    if request.args.get("v"):
        return jsonify(name=request.args["name"])  # ok: xss
    return {"name": request.args["name"]}  # ok: xss


@app.route("/template")
def template():
    return render_template("page.html", name=request.args["name"])  # ok: xss


@app.route("/status")
def with_status():
    return f"<p>{request.args['name']}</p>", 200  # expect: xss


@app.route("/responses")
def responses():
    name = request.args["name"]
    resp = make_response("<p>" + name + "</p>")  # expect: xss
    Response(name, mimetype="text/plain")  # ok: xss
    Response(name)  # expect: xss
    resp.headers["X-Name"] = name.replace("\r", "").replace("\n", "")  # ok: xss
    Markup("<b>" + name + "</b>")  # expect: xss
    return resp  # ok: xss


def django_view(request):
    bio = mark_safe(request.GET["bio"])  # expect: xss
    HttpResponse(html.escape(request.GET["name"]))  # ok: xss
    HttpResponse(request.GET["name"], content_type="text/plain")  # ok: xss
    return HttpResponse("Hello " + request.GET["name"])  # expect: xss


def rendered(request):
    # Django templates escape what they render.
    q = request.GET["q"]
    page = loader.get_template("search.html").render({"q": q}, request)
    HttpResponse(Engine().from_string("<p>{{ q }}</p>").render(Context({"q": q})))  # ok: xss
    return HttpResponse(page)  # ok: xss


def form_errors(request):
    from django import forms

    form = forms.Form(request.POST)
    mark_safe(form.errors.as_ul())  # ok: xss  # expect-audit: unescaped-markup
    mark_safe("<p>" + request.POST["name"] + "</p>")  # expect: xss
    return HttpResponse(form.as_p())  # ok: xss


def ordering_of(request, default):
    # A helper taking the request returns a plain value, not a response.
    return request.GET.get("o", default)  # ok: xss


@api.get("/page")
def page(title: str):
    return HTMLResponse(f"<title>{title}</title>")  # expect: xss


def not_a_view(name):
    return f"<p>{name}</p>"  # ok: xss



@app.route("/legacy-banner")
def legacy_banner():
    from django.utils.safestring import SafeText

    banner = SafeText(request.args["banner"])  # expect: xss
    return HttpResponse(banner)
