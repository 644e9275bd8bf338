from flask import Flask, render_template_string, request
from jinja2 import Environment, Template
from mako.template import Template as MakoTemplate

app = Flask(__name__)
env = Environment(autoescape=True)
GREETINGS = {"formal": "Dear {{ name }}", "casual": "Hi {{ name }}"}


@app.route("/hello")
def hello():
    name = request.args.get("name", "")
    page = render_template_string(f"<h1>Hello {name}</h1>")  # expect: template-injection
    page = render_template_string("<h1>Hello {{ name }}</h1>", name=name)  # ok: template-injection
    env.from_string(request.form["template"]).render()  # expect: template-injection
    Template("Hello " + name, autoescape=True)  # expect: template-injection
    MakoTemplate(request.get_data(as_text=True))  # expect: template-autoescape-disabled, template-injection
    style = request.args["style"]
    if style in GREETINGS:
        env.from_string(style).render(name=name)  # ok: template-injection
    return page


def render(text):
    return env.from_string(text).render()  # ok: template-injection
