import ssl
import aiohttp
import httpx
import requests
import urllib3
from OpenSSL import SSL


def fetch(url):
    requests.get(url, verify=False, timeout=5)  # expect: tls-verification-disabled  # bandit: B501
    requests.post(url, data={}, verify=False, timeout=5)  # expect: tls-verification-disabled
    httpx.Client(verify=False)  # expect: tls-verification-disabled
    ssl._create_unverified_context()  # expect: tls-verification-disabled  # bandit: B323
    session = requests.Session()
    session.get(url, verify=False, timeout=5)  # expect: tls-verification-disabled
    aiohttp.TCPConnector(ssl=False)  # expect: tls-verification-disabled
    aiohttp.TCPConnector(verify_ssl=False)  # expect: tls-verification-disabled
    urllib3.PoolManager(cert_reqs="CERT_NONE")  # expect: tls-verification-disabled
    urllib3.PoolManager(cert_reqs=ssl.CERT_NONE)  # expect: tls-verification-disabled
    urllib3.disable_warnings()  # expect-audit: tls-verification-disabled
    requests.get(url, verify=True, timeout=5)  # ok: tls-verification-disabled
    requests.get(url, verify="/etc/ssl/internal-ca.pem", timeout=5)  # ok: tls-verification-disabled
    requests.get(url, verify=None, timeout=5)  # ok: tls-verification-disabled
    requests.get(url, timeout=5)  # ok: tls-verification-disabled
    ssl.create_default_context()  # ok: tls-verification-disabled
    aiohttp.TCPConnector(ssl=ssl.create_default_context())  # ok: tls-verification-disabled
    urllib3.PoolManager(cert_reqs="CERT_REQUIRED")  # ok: tls-verification-disabled
    cache.get(url, ssl=True)  # ok: tls-verification-disabled


async def fetch_async(url):
    async with aiohttp.ClientSession() as session:
        async with session.get(url, ssl=False) as response:  # expect: tls-verification-disabled
            return await response.text()


def context():
    ctx = ssl.create_default_context()
    ctx.check_hostname = False  # expect: tls-verification-disabled
    ctx.verify_mode = ssl.CERT_NONE  # expect: tls-verification-disabled
    ctx.verify_mode = ssl.CERT_REQUIRED  # ok: tls-verification-disabled
    ctx.check_hostname = True  # ok: tls-verification-disabled
    legacy = SSL.Context(SSL.TLS_CLIENT_METHOD)
    legacy.set_verify(SSL.VERIFY_NONE, lambda *args: True)  # expect: tls-verification-disabled
    legacy.set_verify(SSL.VERIFY_PEER, None)  # ok: tls-verification-disabled
    return ctx


def transport_context(server_hostname):
    ctx = ssl.create_default_context()
    if not server_hostname:
        ctx.check_hostname = False  # ok: tls-verification-disabled
    return ctx


def library_context(cert_reqs, verify):
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    if cert_reqs == ssl.CERT_NONE:
        ctx.check_hostname = False  # expect-audit: tls-verification-disabled
    if not verify:
        ctx.verify_mode = ssl.CERT_NONE  # expect-audit: tls-verification-disabled
    return ctx


class LegacyContext:
    def __init__(self, protocol):
        self.protocol = protocol
        self.check_hostname = False  # expect-audit: tls-verification-disabled
        self.verify_mode = ssl.CERT_NONE  # expect-audit: tls-verification-disabled


VERIFY = False
CHECK_CERTS = True


def fetch_through_constants(url):
    requests.get(url, verify=VERIFY, timeout=5)  # expect: tls-verification-disabled@5
    requests.get(url, verify=CHECK_CERTS, timeout=5)  # ok: tls-verification-disabled
    session = requests.Session()
    session.get(url, verify=VERIFY, timeout=5)  # expect: tls-verification-disabled
