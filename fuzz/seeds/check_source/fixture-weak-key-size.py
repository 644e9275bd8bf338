import paramiko
import rsa as pyrsa
from Cryptodome.PublicKey import DSA, ECC, RSA
from cryptography.hazmat.primitives.asymmetric import dsa, ec, rsa

BITS = 1024


def make_keys(size):
    rsa.generate_private_key(public_exponent=65537, key_size=1024)  # expect: weak-key-size  # bandit: B505
    rsa.generate_private_key(65537, 512)  # expect: weak-key-size
    dsa.generate_private_key(key_size=BITS)  # expect: weak-key-size
    ec.generate_private_key(ec.SECP192R1())  # expect: weak-key-size
    RSA.generate(1024)  # expect: weak-key-size
    DSA.generate(bits=1024)  # expect: weak-key-size
    ECC.generate(curve="P-192")  # expect: weak-key-size
    paramiko.RSAKey.generate(bits=1024)  # expect: weak-key-size
    paramiko.DSSKey.generate()  # expect: weak-key-size
    pyrsa.newkeys(512)  # expect: weak-key-size
    rsa.generate_private_key(public_exponent=65537, key_size=2048)  # ok: weak-key-size
    rsa.generate_private_key(public_exponent=65537, key_size=size)  # ok: weak-key-size
    ec.generate_private_key(ec.SECP256R1())  # ok: weak-key-size
    RSA.generate(3072)  # ok: weak-key-size
    ECC.generate(curve="P-256")  # ok: weak-key-size
