from Crypto.Cipher import AES  # expect-audit: pycrypto-import
from Cryptodome.Cipher import AES as AESX, DES3
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.ciphers.modes import ECB


def encrypt(key, iv):
    Cipher(algorithms.AES(key), modes.ECB())  # expect: ecb-mode  # bandit: B305
    Cipher(algorithms.AES(key), ECB())  # expect: ecb-mode
    AESX.new(key, AESX.MODE_ECB)  # expect: ecb-mode
    AESX.new(key, mode=AESX.MODE_ECB)  # expect: ecb-mode
    AES.new(key)  # expect: ecb-mode
    DES3.new(key, DES3.MODE_ECB)  # expect: ecb-mode, weak-cipher
    AESX.new(key, AESX.MODE_GCM)  # ok: ecb-mode
    AESX.new(key, AESX.MODE_CBC, iv)  # ok: ecb-mode
    Cipher(algorithms.AES(key), modes.CBC(iv))  # ok: ecb-mode
    AES.new(key, **options)  # ok: ecb-mode


LEGACY_MODE = AESX.MODE_ECB
STRONG_MODE = AESX.MODE_GCM


def encrypt_configured(key, data):
    mode = modes.ECB()  # expect: ecb-mode
    cipher = Cipher(algorithms.AES(key), mode)
    encryptor = cipher.encryptor()
    AESX.new(key, LEGACY_MODE)  # expect: ecb-mode
    AESX.new(key, STRONG_MODE)  # ok: ecb-mode
    return encryptor.update(data)
