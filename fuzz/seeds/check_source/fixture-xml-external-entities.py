from lxml import etree  # expect-audit: xml-import
from xml.sax import make_parser  # expect-audit: xml-import  # bandit: B406
from xml.sax.handler import feature_external_ges, feature_namespaces  # ok: xml-import

UNSAFE = etree.XMLParser(resolve_entities=True)  # expect: xml-external-entities


def parse_upload(upload, enabled):
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    etree.fromstring(upload, parser)  # ok: xml-external-entities
    etree.fromstring(upload, etree.XMLParser(resolve_entities="internal"))  # ok: xml-external-entities
    etree.fromstring(upload, UNSAFE)  # ok: xml-external-entities  (reported where the parser is created)
    etree.fromstring(upload)  # expect: xml-external-entities
    etree.parse(upload, etree.XMLParser(remove_blank_text=True))  # expect: xml-external-entities
    etree.XMLParser(no_network=False)  # expect: xml-external-entities
    etree.fromstring("<a/>")  # ok: xml-external-entities
    etree.fromstring(text=upload)  # expect: xml-external-entities
    for _, element in etree.iterparse(upload):  # expect: xml-external-entities
        pass
    etree.iterparse(upload, resolve_entities=False)  # ok: xml-external-entities
    etree.iterparse(upload, html=True)  # ok: xml-external-entities
    sax = make_parser()  # expect-audit: xml-stdlib-parser
    sax.setFeature(feature_external_ges, True)  # expect: xml-external-entities
    sax.setFeature(feature_external_ges, enabled)  # expect-audit: xml-external-entities
    sax.setFeature(feature_namespaces, True)  # ok: xml-external-entities
    with open(upload) as f:
        etree.parse(f, parser)  # ok: xml-external-entities
