import os

API_KEY = "9f8e7d6c5b4a39281706f5e4d3c2b1a0ffeeddcc"  # expect: hardcoded-secret
CLIENT_SECRET = "Zq7vX2mLp9sW4tR8yB3nK6jH1gF5dS0a"  # expect: hardcoded-secret
SECRET_NAME = "billing/stripe-key"  # ok: hardcoded-secret
TOKEN_URL = "https://oauth2.googleapis.com/token"  # ok: hardcoded-secret
REAL_KEY = os.getenv("API_KEY")  # ok: hardcoded-secret
settings = {"api_key": "Lk2Jh7Gf4Ds9Aq1Wz6Xc3Vb8Nm5Pq0Rt"}  # expect: hardcoded-secret
placeholders = {"api_key": "<your-api-key>"}  # ok: hardcoded-secret
