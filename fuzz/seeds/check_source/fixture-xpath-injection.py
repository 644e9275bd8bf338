import elementpath
from flask import Flask, request
from lxml import etree  # expect-audit: xml-import

app = Flask(__name__)
tree = etree.parse("users.xml")


@app.route("/user")
def user():
    name = request.args["name"]
    tree.xpath(f"//user[@name='{name}']")  # expect: xpath-injection
    tree.xpath("//user[@name=$name]", name=name)  # ok: xpath-injection
    etree.XPath("//user[@id=" + name + "]")  # expect: xpath-injection
    root = tree.getroot()
    root.findall(".//user[@name='" + name + "']")  # expect: xpath-injection
    elementpath.select(root, "//user[@name='%s']" % name)  # expect: xpath-injection
    if name.isalnum():
        tree.xpath(f"//user[@name='{name}']")  # ok: xpath-injection
    return "ok"


def lookup(query):  # ok: xpath-injection
    return tree.xpath(query)
