import random
import string
from random import choice, randint
import numpy as np


def generate_reset_token():
    return "".join(random.choices(string.ascii_letters, k=32))  # expect: insecure-random  # bandit: B311


def signup(user):
    password = "".join(choice(string.ascii_letters) for _ in range(12))  # expect: insecure-random
    user.api_key = "%032x" % random.getrandbits(128)  # expect: insecure-random
    otp = randint(100000, 999999)  # expect: insecure-random
    session["csrf_token"] = str(random.random())  # expect: insecure-random
    send_email(user, verification_code=randint(1000, 9999))  # expect: insecure-random
    salt = np.random.bytes(16)  # expect: insecure-random
    return {"token": random.randbytes(16).hex(), "name": user.name}  # expect: insecure-random


def simulate(items):
    random.seed(42)  # expect-audit: insecure-random
    random.shuffle(items)  # expect-audit: insecure-random
    delay = random.uniform(0.1, 0.5)  # expect-audit: insecure-random
    token_count = random.randint(1, 10)  # expect-audit: insecure-random
    next_token = random.choice(items)  # expect-audit: insecure-random
    noise = np.random.rand(3)  # ok: insecure-random
    rng = random.SystemRandom()  # ok: insecure-random
    return rng.choice(items), delay, token_count, next_token, noise


def _make_boundary(text=None):
    token = random.randrange(2**63)  # expect-audit: insecure-random
    return "=" * 15 + str(token)
