import ldap
import ldap3
from flask import Flask, request
from ldap.filter import escape_filter_chars

app = Flask(__name__)
BASE = "ou=people,dc=example,dc=com"


@app.route("/people")
def people():
    user = request.args["user"]
    conn = ldap.initialize("ldap://localhost")
    conn.search_s(BASE, ldap.SCOPE_SUBTREE, f"(uid={user})")  # expect: ldap-injection
    conn.search_s(BASE, ldap.SCOPE_SUBTREE, f"(uid={escape_filter_chars(user)})")  # ok: ldap-injection
    conn.search_s(f"uid={user},{BASE}", ldap.SCOPE_BASE)  # expect: ldap-injection
    server = ldap3.Server("ldap://localhost")
    c = ldap3.Connection(server, auto_bind=True)
    c.search(BASE, "(&(objectClass=person)(cn=" + request.args["cn"] + "))")  # expect: ldap-injection
    c.search(BASE, "(objectClass=person)", attributes=[request.args["attr"]])  # ok: ldap-injection
    return "ok"


def find(conn, name):  # ok: ldap-injection
    return conn.search_s(BASE, ldap.SCOPE_SUBTREE, f"(cn={name})")
