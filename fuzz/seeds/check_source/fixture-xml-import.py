import xml.etree.ElementTree as ET  # expect-audit: xml-import  # bandit: B405
import xml.etree.cElementTree  # expect-audit: xml-import
from xml.dom import pulldom  # expect-audit: xml-import  # bandit: B409
from lxml import etree, objectify  # expect-audit: xml-import
import xmlrpc.client  # expect-audit: xml-import  # bandit: B411
from xmlrpc.server import SimpleXMLRPCServer  # expect-audit: xml-import
from xml.etree.ElementTree import Element, SubElement, tostring  # ok: xml-import
from xml.sax.saxutils import escape, quoteattr  # ok: xml-import
from xml.sax.handler import ContentHandler  # ok: xml-import
from lxml.html import fromstring  # ok: xml-import
from xmlrpc.client import Fault  # ok: xml-import
import defusedxml.ElementTree  # ok: xml-import
import xmltodict  # ok: xml-import
