from Crypto.Cipher import ARC4, DES, DES3  # expect-audit: pycrypto-import
from Cryptodome.Cipher import AES, Blowfish
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.ciphers.algorithms import TripleDES
import pyDes


def encrypt(key, iv, data):
    DES.new(key, DES.MODE_CBC, iv)  # expect: weak-cipher  # bandit: B304
    ARC4.new(key).encrypt(data)  # expect: weak-cipher
    DES3.new(key, DES3.MODE_CBC, iv)  # expect: weak-cipher
    Blowfish.new(key, Blowfish.MODE_CBC, iv)  # expect: weak-cipher
    Cipher(algorithms.ARC4(key), mode=None)  # expect: weak-cipher
    Cipher(TripleDES(key), modes.CBC(iv))  # expect: weak-cipher
    Cipher(algorithms.IDEA(key), modes.CBC(iv))  # expect: weak-cipher
    pyDes.triple_des(key)  # expect: weak-cipher
    AES.new(key, AES.MODE_GCM)  # ok: weak-cipher
    Cipher(algorithms.AES(key), modes.CBC(iv))  # ok: weak-cipher
    Cipher(algorithms.ChaCha20(key, iv), mode=None)  # ok: weak-cipher
