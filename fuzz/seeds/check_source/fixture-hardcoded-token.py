import os

GITHUB_TOKEN = "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"  # expect: hardcoded-token
AWS_ACCESS_KEY_ID = "AKIAODZDOCIS2JHTLGMX"  # expect: hardcoded-token
DOCS_EXAMPLE_KEY = "AKIAIOSFODNN7EXAMPLE"  # ok: hardcoded-token
FROM_ENV = os.environ.get("GITHUB_TOKEN")  # ok: hardcoded-token
PLACEHOLDER = "ghp_your-token-here"  # ok: hardcoded-token
BILLING_SERVICE_TOKEN = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJzZXJ2aWNlLWJpbGxpbmciLCJpYXQiOjE3MTY5MDAwMDB9.kR3vX9qZ2mB7nL4pT8wY1cH6jF0sD5aE3uG9iK2oQ7M"  # expect: hardcoded-token
TUTORIAL_TOKEN = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c"  # ok: hardcoded-token


def client():
    return {"Authorization": "token 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"}  # expect: hardcoded-token
