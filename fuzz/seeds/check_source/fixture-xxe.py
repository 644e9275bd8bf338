import xml.sax  # expect-audit: xml-import
from xml.dom import pulldom  # expect-audit: xml-import

import defusedxml.ElementTree
from flask import Flask, request
from lxml import etree  # expect-audit: xml-import

app = Flask(__name__)
SAFE_PARSER = etree.XMLParser(resolve_entities=False, no_network=True)


@app.route("/upload", methods=["POST"])
def upload():
    data = request.get_data()
    etree.fromstring(data)  # expect: xxe
    etree.fromstring(data, SAFE_PARSER)  # ok: xxe
    etree.fromstring(data, parser=etree.XMLParser(resolve_entities=False))  # ok: xxe
    etree.parse(request.files["doc"])  # expect: xxe
    defusedxml.ElementTree.fromstring(data)  # ok: xxe
    pulldom.parseString(data.decode())  # expect: xml-stdlib-parser  # ok: xxe
    xml.sax.parseString(data, xml.sax.ContentHandler())  # expect: xml-stdlib-parser  # ok: xxe
    return "ok"


def from_file(path):
    return etree.parse(path)  # expect: xml-external-entities  # ok: xxe
