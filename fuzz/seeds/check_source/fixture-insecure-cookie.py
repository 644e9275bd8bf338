from django.http import HttpResponse
from flask import make_response
from http.cookiejar import CookieJar

SESSION_COOKIE_SECURE = False  # expect: insecure-cookie
CSRF_COOKIE_SECURE = False  # expect: insecure-cookie
SESSION_COOKIE_HTTPONLY = False  # expect: insecure-cookie
SESSION_COOKIE_SECURE = True  # ok: insecure-cookie
CSRF_COOKIE_HTTPONLY = False  # ok: insecure-cookie
SESSION_COOKIE_SAMESITE = None  # expect-audit: insecure-cookie
SESSION_COOKIE_SAMESITE = "Lax"  # ok: insecure-cookie


def login(request, token):
    response = HttpResponse("ok")
    response.set_cookie("sessionid", token)  # expect: insecure-cookie
    response.set_cookie("auth_token", token, secure=True)  # expect: insecure-cookie
    response.set_cookie(key="remember_me", value=token, secure=False, httponly=True)  # expect: insecure-cookie
    response.set_cookie("sessionid", token, secure=True, httponly=True, samesite="Lax")  # ok: insecure-cookie
    response.set_cookie("theme", "dark")  # expect-audit: insecure-cookie
    response.set_cookie("theme", "dark", secure=True, httponly=True)  # ok: insecure-cookie
    response.set_cookie("widget_session", token, secure=True, httponly=True, samesite="None")  # expect-audit: insecure-cookie
    response.set_cookie("sessionid", token, **cookie_options)  # ok: insecure-cookie
    CookieJar().set_cookie(cookie)  # ok: insecure-cookie
    return response


def flask_view(token):
    resp = make_response("ok")
    resp.set_cookie("session", token, httponly=True)  # expect: insecure-cookie
    return resp


class TestConfig:
    SESSION_COOKIE_SECURE = False  # expect-audit: insecure-cookie
