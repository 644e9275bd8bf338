import hashlib
import os
from hashlib import sha256 as digest
from Cryptodome.Protocol.KDF import PBKDF2


def store(user, password, salt):
    user.hash = hashlib.sha256(password.encode()).hexdigest()  # expect: fast-password-hash
    user.hash = digest(salt + password.encode("utf-8")).hexdigest()  # expect: fast-password-hash
    user.hash = hashlib.md5(f"{salt}{user.password}".encode()).hexdigest()  # expect: fast-password-hash, weak-hash
    user.hash = hashlib.new("sha512", bytes(password, "utf-8")).hexdigest()  # expect: fast-password-hash
    h = hashlib.sha512()
    h.update(salt)  # ok: fast-password-hash
    h.update(new_pwd.encode())  # expect: fast-password-hash
    hashlib.pbkdf2_hmac("sha256", password.encode(), salt, 1000)  # expect: fast-password-hash
    PBKDF2(password, salt, 32)  # expect: fast-password-hash
    PBKDF2(password, salt, 32, count=1_000_000)  # ok: fast-password-hash
    hashlib.pbkdf2_hmac("sha256", password.encode(), salt, 600_000)  # ok: fast-password-hash
    hashlib.scrypt(password.encode(), salt=salt, n=2**14, r=8, p=1)  # ok: fast-password-hash
    hashlib.sha256(user.password_hash.encode())  # ok: fast-password-hash
    hashlib.sha256(reset_token.encode())  # ok: fast-password-hash
    hashlib.sha256(os.urandom(32))  # ok: fast-password-hash
    hashlib.sha256(password_policy_text.encode())  # ok: fast-password-hash
