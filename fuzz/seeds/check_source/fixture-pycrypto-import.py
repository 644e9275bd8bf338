import Crypto  # expect-audit: pycrypto-import  # bandit: B413
import Crypto.Random  # expect-audit: pycrypto-import
from Crypto.Cipher import AES  # expect-audit: pycrypto-import
from Crypto import Random  # expect-audit: pycrypto-import
from Cryptodome.Cipher import AES as AESX  # ok: pycrypto-import
import cryptography  # ok: pycrypto-import
from .Crypto import helpers  # ok: pycrypto-import
import CryptoUtils  # ok: pycrypto-import
