import re
import re as regex_module
from re import compile, fullmatch

EMAIL = re.compile(r"^([a-zA-Z0-9])(([\-.]|[_]+)?([a-zA-Z0-9]+))*(@){1}[a-z0-9]+[.]{1}(([a-z]{2,3})|([a-z]{2,3}[.]{1}[a-z]{2,3}))$")  # expect: redos-pattern
NESTED = r"(a+)+$"


def check(text):
    re.match(NESTED, text)  # expect: redos-pattern
    re.search(r"(\w+\s?)*$", text)  # expect: redos-pattern
    regex_module.sub(r"(a|a)*b", "", text)  # expect: redos-pattern
    fullmatch(r"(\d+)+", text)  # expect: redos-pattern
    compile(r"""
        (?: [a-z]+ , )*   # words, each followed by a comma
        [a-z]+ \.
    """, re.VERBOSE)
    re.match(r"( [a-z]+ ,? )* \.", text, flags=re.I | re.X)  # expect: redos-pattern
    compile(r"(?x) ( \d+ )+ $")  # expect: redos-pattern
    re.match(r"(a+)+", text)  # ok: redos-pattern
    re.match(r"^\w+(?:\s\w+)*$", text)  # ok: redos-pattern
    re.compile(r"(\d{1,3}\.){3}\d{1,3}")  # ok: redos-pattern
    re.search(r"(?:\s*,\s*\w+)*$", text)  # ok: redos-pattern
    re.search(text, "aaaa")  # ok: redos-pattern
    re.compile(r"(?>a+)+b")  # ok: redos-pattern
