import os

DATABASE_URL = "postgresql://app:Qx7vR2mLp9sW@db.prod.acme-corp.net:5432/app"  # expect: credentials-in-url
BROKER = "amqp://worker:Zk3nTq8wVb1y@rabbit.acme-corp.net//"  # expect: credentials-in-url
TEMPLATE_URL = "postgresql://app:${DB_PASSWORD}@db.prod.acme-corp.net/app"  # ok: credentials-in-url
NO_PASSWORD = "postgresql://app@db.prod.acme-corp.net/app"  # ok: credentials-in-url
RUNTIME_URL = f"postgresql://app:{os.environ['DB_PASSWORD']}@db/app"  # ok: credentials-in-url
