import ssl
from ssl import PROTOCOL_TLSv1_1
from OpenSSL import SSL


def connect(sock):
    ssl.SSLContext(ssl.PROTOCOL_TLSv1)  # expect: insecure-tls-version  # bandit: B502
    ssl.SSLContext(protocol=PROTOCOL_TLSv1_1)  # expect: insecure-tls-version
    ssl.wrap_socket(sock, ssl_version=ssl.PROTOCOL_SSLv3)  # expect: insecure-tls-version
    SSL.Context(SSL.SSLv3_METHOD)  # expect: insecure-tls-version
    ssl.wrap_socket(sock)  # expect-audit: insecure-tls-version  # bandit: B504
    ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)  # ok: insecure-tls-version
    SSL.Context(SSL.TLS_CLIENT_METHOD)  # ok: insecure-tls-version
    ssl.wrap_socket(sock, ssl_version=ssl.PROTOCOL_TLS_CLIENT)  # ok: insecure-tls-version
    if ssl.PROTOCOL_TLSv1 in supported:  # ok: insecure-tls-version
        pass


def open_socket(version=SSL.TLSv1_METHOD):  # expect: insecure-tls-version  # bandit: B503
    return version


def open_modern(version=ssl.PROTOCOL_TLS_CLIENT):  # ok: insecure-tls-version
    return version


def harden(ctx):
    ctx.minimum_version = ssl.TLSVersion.TLSv1  # expect: insecure-tls-version
    ctx.minimum_version = ssl.TLSVersion.MINIMUM_SUPPORTED  # expect: insecure-tls-version
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2  # ok: insecure-tls-version
    ctx.maximum_version = ssl.TLSVersion.MAXIMUM_SUPPORTED  # ok: insecure-tls-version


LEGACY = ssl.PROTOCOL_TLSv1
MODERN = ssl.PROTOCOL_TLS_CLIENT


def contexts():
    ssl.SSLContext(LEGACY)  # expect: insecure-tls-version@20
    ssl.SSLContext(MODERN)  # ok: insecure-tls-version
    ctx = ssl.SSLContext(MODERN)
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2  # ok: insecure-tls-version
    return ctx
