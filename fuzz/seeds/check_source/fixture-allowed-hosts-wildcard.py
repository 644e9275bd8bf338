import os

INSTALLED_APPS = ["django.contrib.auth"]
DATABASES = {}

ALLOWED_HOSTS = ["*"]  # expect: allowed-hosts-wildcard
ALLOWED_HOSTS = ["www.example.com", "*"]  # expect: allowed-hosts-wildcard
ALLOWED_HOSTS = ["www.example.com", ".example.com"]  # ok: allowed-hosts-wildcard
ALLOWED_HOSTS = os.environ["ALLOWED_HOSTS"].split(",")  # ok: allowed-hosts-wildcard

if os.environ.get("ENV") == "local":
    ALLOWED_HOSTS = ["*"]  # expect-audit: allowed-hosts-wildcard

CORS_ALLOWED_HOSTS = ["*"]  # ok: allowed-hosts-wildcard
