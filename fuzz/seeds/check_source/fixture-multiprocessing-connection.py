import json
from multiprocessing.connection import Client, Listener


def serve(key, address):
    with Listener(("0.0.0.0", 6000)) as listener:  # expect-audit: multiprocessing-connection
        job = listener.accept().recv()
    with Listener(("127.0.0.1", 6000), authkey=key) as listener:  # expect-audit: multiprocessing-connection
        job = json.loads(listener.accept().recv_bytes())
    conn = Client(address)  # expect-audit: multiprocessing-connection
    conn = Client(address, authkey=key)  # expect-audit: multiprocessing-connection
    json.dumps(job)  # ok: multiprocessing-connection
    return conn
