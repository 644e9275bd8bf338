import jwt
from jose import jwt as jose_jwt

NO_VERIFY = {"verify_signature": False}


def claims(token, key):
    jwt.decode(token, options={"verify_signature": False})  # expect: jwt-verification-disabled
    jwt.decode(token, key, options=NO_VERIFY)  # expect: jwt-verification-disabled
    jwt.decode(token, key, verify=False)  # expect: jwt-verification-disabled
    jwt.decode(token, key, algorithms=["HS256", "none"])  # expect: jwt-verification-disabled
    jose_jwt.decode(token, key, options={"verify_signature": False})  # expect: jwt-verification-disabled
    jwt.encode({"sub": "1"}, None, algorithm="none")  # expect: jwt-verification-disabled
    jwt.decode(token, key, algorithms=["RS256"])  # ok: jwt-verification-disabled
    jwt.decode(token, key, algorithms=["HS256"], options={"verify_exp": True})  # ok: jwt-verification-disabled
    jwt.get_unverified_header(token)  # ok: jwt-verification-disabled
    jwt.encode({"sub": "1"}, key, algorithm="HS256")  # ok: jwt-verification-disabled
