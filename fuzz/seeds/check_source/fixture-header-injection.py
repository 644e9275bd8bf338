from http.server import BaseHTTPRequestHandler

from django.http import HttpResponse
from flask import Flask, make_response, request

app = Flask(__name__)


@app.route("/download")
def download():
    resp = make_response("ok")
    name = request.args["name"]
    resp.headers["Content-Disposition"] = f"attachment; filename={name}"  # expect: header-injection
    resp.headers["X-Request"] = name.replace("\r", "").replace("\n", "")  # ok: header-injection
    if name.isalnum():
        resp.headers["X-Name"] = name  # ok: header-injection
    resp.headers["X-Static"] = "yes"  # ok: header-injection
    return resp


def django_download(request):
    resp = HttpResponse("ok")
    resp["X-Tag"] = request.GET["tag"]  # expect: header-injection
    return resp


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200)
        self.send_header("Location", self.path)  # ok: header-injection
        self.send_header("X-Echo", self.rfile.readline().decode())  # expect: header-injection
        self.send_header("Content-Type", "text/plain")  # ok: header-injection
        self.end_headers()


def set_header(resp, value):  # ok: header-injection
    resp.headers["X-Value"] = value
