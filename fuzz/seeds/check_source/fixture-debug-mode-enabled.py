import os
from flask import Flask
from werkzeug.debug import DebuggedApplication
from werkzeug.serving import run_simple

INSTALLED_APPS = ["django.contrib.admin"]
ROOT_URLCONF = "project.urls"

DEBUG = True  # expect: debug-mode-enabled

if os.environ.get("ENV") == "dev":
    DEBUG = True  # expect-audit: debug-mode-enabled

DEBUG = os.environ.get("DJANGO_DEBUG") == "1"  # ok: debug-mode-enabled
DEBUG = False  # ok: debug-mode-enabled

app = Flask(__name__)
app.debug = True  # expect: debug-mode-enabled
app.config["DEBUG"] = True  # expect: debug-mode-enabled
app.config.update(DEBUG=True)  # expect: debug-mode-enabled
app.config["TESTING"] = True  # ok: debug-mode-enabled


class DevelopmentConfig:
    DEBUG = True  # expect-audit: debug-mode-enabled


class ProductionConfig:
    DEBUG = False  # ok: debug-mode-enabled


def configure(local):
    DEBUG = True  # ok: debug-mode-enabled
    return DEBUG


if __name__ == "__main__":
    app.run(debug=True)  # expect: debug-mode-enabled  # bandit: B201
    app.run(debug=os.environ.get("FLASK_DEBUG") == "1")  # ok: debug-mode-enabled
    app.run(host="127.0.0.1", debug=False)  # ok: debug-mode-enabled
    run_simple("localhost", 5000, app, use_debugger=True)  # expect: debug-mode-enabled
    DebuggedApplication(app, evalex=True)  # expect: debug-mode-enabled
    DebuggedApplication(app)  # ok: debug-mode-enabled


# Values reach the switch through constants, aliases and settings classes.
USE_DEBUGGER = True
QUIET = False


class Settings:
    DEBUG = True  # expect-audit: debug-mode-enabled
    RELOAD = False


def serve(host, port):
    app.run(host, port, USE_DEBUGGER)  # expect: debug-mode-enabled@25
    app.run(host, port, QUIET)  # ok: debug-mode-enabled
    runapp = app.run
    runapp(debug=Settings.DEBUG)  # expect: debug-mode-enabled@18
    runapp(debug=Settings.RELOAD)  # ok: debug-mode-enabled
    run_simple(host, port, app, False, USE_DEBUGGER)  # expect: debug-mode-enabled
    run_simple(host, port, app, True, QUIET)  # ok: debug-mode-enabled
