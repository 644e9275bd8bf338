import os
from flask import Flask

SECRET_KEY = "django-insecure-change-me"  # expect: hardcoded-secret-key
SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]  # ok: hardcoded-secret-key
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "dev-key")  # expect-audit: hardcoded-secret-key
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY")  # ok: hardcoded-secret-key
SECRET_KEY = ""  # ok: hardcoded-secret-key
JWT_SECRET_KEY = "super-secret"  # expect: hardcoded-secret-key
SECRET_KEY = "9f8e7d6c5b4a39281706f5e4d3c2b1a0ffeeddcc"  # expect: hardcoded-secret  # ok: hardcoded-secret-key
SECRET_KEY_FILE = "/run/secrets/key"  # ok: hardcoded-secret-key

app = Flask(__name__)
app.secret_key = "dev"  # expect: hardcoded-secret-key
app.secret_key = b"dev"  # expect: hardcoded-secret-key
app.config["SECRET_KEY"] = "hunter2"  # expect: hardcoded-secret-key
app.config.update(SECRET_KEY="not-so-secret")  # expect: hardcoded-secret-key
app.config.update(SECRET_KEY=os.environ["SECRET_KEY"])  # ok: hardcoded-secret-key
app.secret_key = os.urandom(32)  # ok: hardcoded-secret-key


class Config:
    SECRET_KEY = "please-change"  # expect: hardcoded-secret-key


class TestingConfig:
    SECRET_KEY = "testing"  # expect-audit: hardcoded-secret-key


class CredentialProvider:
    ACCESS_KEY = "aws_access_key_id"
    SECRET_KEY = "aws_secret_access_key"  # ok: hardcoded-secret-key
    ENV_SECRET_KEY = "MYAPP_SECRET_KEY"  # ok: hardcoded-secret-key
