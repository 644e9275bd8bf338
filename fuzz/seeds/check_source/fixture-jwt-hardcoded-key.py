import os

import jwt
from jose import jwt as jose_jwt

SIGNING_KEY = "change-me"
PUBLIC_KEY = "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\n-----END PUBLIC KEY-----"


def issue(user):
    jwt.encode({"sub": user.id}, "my-secret", algorithm="HS256")  # expect: jwt-hardcoded-key
    jwt.encode({"sub": user.id}, SIGNING_KEY, algorithm="HS256")  # expect: jwt-hardcoded-key
    jose_jwt.encode({"sub": user.id}, key=b"bytes-secret")  # expect: jwt-hardcoded-key
    jwt.encode({"sub": user.id}, os.environ["JWT_SECRET"], algorithm="HS256")  # ok: jwt-hardcoded-key


def verify(token, key):
    jwt.decode(token, "my-secret", algorithms=["HS256"])  # expect: jwt-hardcoded-key
    jwt.decode(token, PUBLIC_KEY, algorithms=["ES256"])  # ok: jwt-hardcoded-key
    jwt.decode(token, key, algorithms=["HS256"])  # ok: jwt-hardcoded-key
