import os

import psycopg2

DB_PASSWORD = "Tr0ub4dor&3xQ"  # expect: hardcoded-password  # bandit: B105
ADMIN_PASSWORD = os.environ["ADMIN_PASSWORD"]  # ok: hardcoded-password
PASSWORD_FIELD = "password"  # ok: hardcoded-password
EMPTY_PASSWORD = ""  # ok: hardcoded-password
PROMPT = input("Enter password: ")  # ok: hardcoded-password


def connect():
    return psycopg2.connect(host="db", user="app", password="Wq8!vLz2#Rt5")  # expect: hardcoded-password  # bandit: B106


def login(user, password="s3cr3t-Pa55w0rd!"):  # expect: hardcoded-password  # bandit: B107
    return user, password


def check(password):
    if password == "H4rdc0ded!Secret9":  # expect: hardcoded-password
        return True
    return password == "changeme"  # ok: hardcoded-password


class Settings:
    def __init__(self):
        self.smtp_password = "mX9#pL2$vQ7!"  # expect: hardcoded-password
        self.password_hash_algorithm = "argon2id"  # ok: hardcoded-password
