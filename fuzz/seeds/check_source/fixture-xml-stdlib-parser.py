import xml.etree.ElementTree as ET  # expect-audit: xml-import
from xml.dom import minidom  # expect-audit: xml-import  # bandit: B408
from xml.sax import make_parser, parseString  # expect-audit: xml-import
from xml.etree.ElementTree import Element, tostring  # ok: xml-import
import xml.etree.cElementTree as cET  # expect-audit: xml-import
import xml.parsers.expat  # expect-audit: xml-import  # bandit: B407
from xml.dom import expatbuilder, pulldom  # expect-audit: xml-import
from xml.sax import expatreader  # expect-audit: xml-import

import defusedxml.ElementTree as SafeET


def handle(request, path):
    root = ET.fromstring(request.data)  # expect: xml-stdlib-parser  # bandit: B314
    with open(path, "rb") as f:
        tree = ET.parse(f)  # expect: xml-stdlib-parser
    for event, elem in ET.iterparse(path):  # expect: xml-stdlib-parser
        pass
    minidom.parseString(request.data)  # expect: xml-stdlib-parser  # bandit: B318
    parseString(request.data, handler=None)  # expect: xml-stdlib-parser  # bandit: B317
    parser = make_parser()  # expect-audit: xml-stdlib-parser
    cET.fromstring(request.data)  # expect: xml-stdlib-parser  # bandit: B313
    expatreader.create_parser()  # expect-audit: xml-stdlib-parser  # bandit: B315
    expatbuilder.parseString(request.data)  # expect: xml-stdlib-parser  # bandit: B316
    pulldom.parseString(request.data)  # expect: xml-stdlib-parser  # bandit: B319
    xml.parsers.expat.ParserCreate()  # expect-audit: xml-stdlib-parser
    ET.fromstring("<config><debug>0</debug></config>")  # ok: xml-stdlib-parser
    SafeET.fromstring(request.data)  # ok: xml-stdlib-parser
    tostring(Element("a"))  # ok: xml-stdlib-parser
    return root, tree, parser
