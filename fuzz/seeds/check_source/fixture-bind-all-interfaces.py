import socket
import socketserver
import uvicorn
from flask import Flask
from wsgiref.simple_server import make_server

app = Flask(__name__)
HOST = "0.0.0.0"


def serve(handler, port):
    sock = socket.socket()
    sock.bind(("0.0.0.0", port))  # expect: bind-all-interfaces  # bandit: B104
    sock.bind(("::", port))  # expect: bind-all-interfaces
    sock.bind(("", port))  # expect-audit: bind-all-interfaces
    sock.bind(("127.0.0.1", port))  # ok: bind-all-interfaces
    socketserver.TCPServer((HOST, port), handler)  # expect: bind-all-interfaces
    make_server("0.0.0.0", port, app)  # expect: bind-all-interfaces
    uvicorn.run(app, host="0.0.0.0", port=port)  # expect: bind-all-interfaces
    app.run(host=HOST)  # expect: bind-all-interfaces
    app.run(host="127.0.0.1")  # ok: bind-all-interfaces
    uvicorn.run(app, host=settings.host)  # ok: bind-all-interfaces
    requests_sent = {"host": "0.0.0.0"}  # ok: bind-all-interfaces
    return requests_sent
