import hashlib
from hashlib import sha1
from Crypto.Hash import MD5  # expect-audit: pycrypto-import
from cryptography.hazmat.primitives import hashes


def sign(data):
    hashlib.md5(data).hexdigest()  # expect: weak-hash  # bandit: B303
    sha1(data)  # expect: weak-hash
    hashlib.new("md5", data)  # expect: weak-hash  # bandit: B324
    hashlib.new("SHA1")  # expect: weak-hash
    MD5.new(data)  # expect: weak-hash
    hashes.Hash(hashes.SHA1())  # expect: weak-hash
    signature = hashlib.sha1(data).digest()  # expect: weak-hash
    hashlib.md5(data, usedforsecurity=False)  # ok: weak-hash
    hashlib.new("md5", data, usedforsecurity=False)  # ok: weak-hash
    hashlib.sha256(data)  # ok: weak-hash
    hashlib.new("sha256")  # ok: weak-hash
    hmac_name = "sha256"
    hashlib.new(hmac_name, data)  # ok: weak-hash


def respond(body, url):
    etag = hashlib.md5(body).hexdigest()  # expect-audit: weak-hash
    cache_key = hashlib.sha1(url.encode()).hexdigest()  # expect-audit: weak-hash
    return etag, cache_key


def _cache_path(url):
    return hashlib.md5(url.encode()).hexdigest() + ".json"  # expect-audit: weak-hash


def uuid5(namespace, name):
    digest = hashlib.sha1(namespace.bytes + name.encode()).digest()  # expect-audit: weak-hash
    return digest[:16]


def legacy_interop(private_key, key, ciphertext):
    from cryptography.hazmat.primitives import hmac
    from cryptography.hazmat.primitives.asymmetric import padding

    private_key.decrypt(ciphertext, padding.OAEP(padding.MGF1(hashes.SHA1()), hashes.SHA1(), None))  # expect-audit: weak-hash
    hmac.HMAC(key, hashes.SHA1())  # expect-audit: weak-hash
    request_id = hashlib.md5(ciphertext).hexdigest()  # expect-audit: weak-hash
    return request_id


DIGEST = "md5"
STRONG_DIGEST = "sha256"


def fingerprint_configured(payload):
    h = hashes.Hash(hashes.MD5())  # expect: weak-hash
    h.update(payload)
    hashlib.new(DIGEST, payload)  # expect: weak-hash
    hashlib.new(STRONG_DIGEST, payload)  # ok: weak-hash
    return h.finalize()
