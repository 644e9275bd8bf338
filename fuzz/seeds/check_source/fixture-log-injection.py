import logging

import tornado.web
from aiohttp import web
from flask import Flask, request

app = Flask(__name__)
logger = logging.getLogger(__name__)


@app.route("/login", methods=["POST"])
def login():
    user = request.form["user"]
    logger.info("login failed for %s", user)  # expect: log-injection
    logger.warning(f"login failed for {user}")  # expect: log-injection
    logging.error("bad user " + user)  # expect: log-injection
    logger.info("login failed for %s", user.replace("\r", "").replace("\n", ""))  # ok: log-injection
    logger.info("attempts: %d", int(request.form["attempts"]))  # ok: log-injection
    for word in request.form["words"].split():
        logger.info("word %s", word)  # ok: log-injection
    for line in request.form["lines"].split(","):
        logger.info("part %s", line)  # expect: log-injection
    return "ok"


async def handle(request):
    name = request.match_info["name"]
    logger.info("hello %s", name)  # expect: log-injection
    query = request.query.get("q", "")
    logging.debug("query " + query)  # expect: log-injection
    return web.Response(text="ok")


class Handler(tornado.web.RequestHandler):
    def get(self):
        logger.info("item %s", self.get_query_argument("item"))  # expect: log-injection


def record(message):
    logger.info(message)  # ok: log-injection
