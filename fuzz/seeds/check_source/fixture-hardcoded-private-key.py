SIGNING_KEY = "-----BEGIN RSA PRIVATE KEY-----\nmihA/2O76UMFxFkM/R5Kjp1vRt+1fjORS/6ilI8ihN5KXSc7Tvo/hBKqFYY/kv5Z\nJr3J1TWDtkwtDDb+xHKas1VOqg6YYZYn9ZhyiA4uoRgnatmUdjAWtGSU8po+799N\nksnRH9ucAUsdMlHUvTCQCyEZDz/TddJ8HyS5SUkCnD8zRA9a9SkpXz9w3QlY7Zku\nvqdt7s8Stqcbnr3yBdGBLEPH1qhT61qtc4xatws8phP9nhFyJfm5di4PzJ59FHz5\nr1pY4OjE2jBMptUsGr7CmY+uCu3ZR1zTOlUcR64cXQLioDnkHIfxIq2HZt/PlJhx\n2jIclHkCiHp6bR1IqfEouHgxzNNAL5wIScGebcy8F5n3/YNBDRzrZSgqbjG3uhkW\n-----END RSA PRIVATE KEY-----\n"  # expect: hardcoded-private-key


# A paste cut short, or with its middle redacted, still commits the key.
LEGACY_SIGNING_KEY = "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun\n[... redacted ...]\n-----END RSA PRIVATE KEY-----"  # expect: hardcoded-private-key
KEY_TEMPLATE = "-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----"  # ok: hardcoded-private-key


PUBLIC_KEY_HEADER = "-----BEGIN PUBLIC KEY-----"  # ok: hardcoded-private-key
DOCS = "Paste your -----BEGIN PRIVATE KEY----- block into the vault"  # ok: hardcoded-private-key
