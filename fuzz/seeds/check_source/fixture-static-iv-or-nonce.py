import os
from Cryptodome.Cipher import AES, ChaCha20
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM, ChaCha20Poly1305

IV = b"\x00" * 16
NONCE = bytes.fromhex("000102030405060708090a0b")


def encrypt(key, data):
    Cipher(algorithms.AES(key), modes.CBC(b"0123456789abcdef"))  # expect: static-iv-or-nonce
    Cipher(algorithms.AES(key), modes.CBC(IV))  # expect: static-iv-or-nonce
    Cipher(algorithms.AES(key), modes.GCM(bytes(12)))  # expect: static-iv-or-nonce
    Cipher(algorithms.AES(key), modes.CTR(nonce=b"fixed-counter-16"))  # expect: static-iv-or-nonce
    AES.new(key, AES.MODE_CBC, b"abcdefghijklmnop")  # expect: static-iv-or-nonce
    AES.new(key, AES.MODE_GCM, nonce=NONCE)  # expect: static-iv-or-nonce
    ChaCha20.new(key=key, nonce="12345678".encode())  # expect: static-iv-or-nonce
    AESGCM(key).encrypt(NONCE, data, None)  # expect: static-iv-or-nonce
    box = ChaCha20Poly1305(key)
    box.encrypt(b"nonce-twelve", data, None)  # expect: static-iv-or-nonce
    iv = os.urandom(16)
    Cipher(algorithms.AES(key), modes.CBC(iv))  # ok: static-iv-or-nonce
    AES.new(key, AES.MODE_CBC, iv)  # ok: static-iv-or-nonce
    AES.new(key, AES.MODE_CBC, iv=None)  # ok: static-iv-or-nonce
    box.encrypt(os.urandom(12), data, None)  # ok: static-iv-or-nonce
    Cipher(algorithms.AES(key), modes.XTS(b"sector-number-00"))  # ok: static-iv-or-nonce
