import tornado.web
from flask import Flask, make_response, request
from starlette.requests import Request
from starlette.responses import Response

app = Flask(__name__)


@app.route("/theme")
def theme():
    resp = make_response("ok")
    choice = request.args["theme"]
    resp.set_cookie("theme", choice)  # expect: tainted-cookie  # expect-audit: insecure-cookie
    resp.set_cookie("theme", choice, secure=True, httponly=True)  # ok: tainted-cookie
    resp.set_cookie("visited", "yes")  # expect-audit: insecure-cookie  # ok: tainted-cookie
    if choice in ("light", "dark"):
        resp.set_cookie("theme", choice)  # expect-audit: insecure-cookie  # ok: tainted-cookie
    return resp


class ThemeHandler(tornado.web.RequestHandler):
    def get(self):
        self.set_cookie("theme", self.get_argument("theme"))  # expect: tainted-cookie  # expect-audit: insecure-cookie
        self.set_cookie("theme", self.get_argument("theme"), secure=True)  # expect-audit: insecure-cookie  # ok: tainted-cookie


async def starlette_theme(request: Request):
    response = Response("ok")
    response.set_cookie("lang", request.query_params["lang"])  # expect: tainted-cookie  # expect-audit: insecure-cookie
    return response
