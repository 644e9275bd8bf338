import wsgiref.handlers
from wsgiref.handlers import CGIHandler  # expect-audit: cgi-httpoxy  # bandit: B412
from wsgiref.handlers import SimpleHandler  # ok: cgi-httpoxy
from wsgiref.simple_server import make_server  # ok: cgi-httpoxy
from twisted.web.twcgi import CGIDirectory  # expect-audit: cgi-httpoxy
from twisted.web.static import File  # ok: cgi-httpoxy


def main(app):
    CGIHandler().run(app)  # expect-audit: cgi-httpoxy
    wsgiref.handlers.CGIHandler().run(app)  # expect-audit: cgi-httpoxy
    make_server("127.0.0.1", 8000, app).serve_forever()  # ok: cgi-httpoxy


def site_root():
    root = File("/srv/www")  # ok: cgi-httpoxy
    root.putChild(b"cgi-bin", CGIDirectory("/srv/cgi-bin"))  # expect-audit: cgi-httpoxy
    return root
