import jinja2
from jinja2 import Environment, FileSystemLoader, Template, select_autoescape
from mako.lookup import TemplateLookup
from mako.template import Template as MakoTemplate


def render(name, user, autoescape_setting):
    Environment(loader=FileSystemLoader("templates"))  # expect: template-autoescape-disabled
    jinja2.Environment(autoescape=False)  # expect: template-autoescape-disabled  # bandit: B701
    Template("Hello {{ name }}")  # expect: template-autoescape-disabled
    MakoTemplate("<p>${name}</p>")  # expect: template-autoescape-disabled  # bandit: B702
    TemplateLookup(directories=["templates"])  # expect: template-autoescape-disabled
    Environment(loader=FileSystemLoader("templates"), autoescape=select_autoescape())  # ok: template-autoescape-disabled
    Environment(autoescape=True)  # ok: template-autoescape-disabled
    Environment(autoescape=autoescape_setting)  # ok: template-autoescape-disabled
    Template("Hello {{ name }}", autoescape=True)  # ok: template-autoescape-disabled
    TemplateLookup(directories=["templates"], default_filters=["h"])  # ok: template-autoescape-disabled
    Environment(**options)  # ok: template-autoescape-disabled
