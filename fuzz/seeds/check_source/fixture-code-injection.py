import ast
import importlib
import sys

import anthropic
from flask import Flask, request
from langchain_openai import ChatOpenAI

app = Flask(__name__)


@app.route("/calc")
def calc():
    expr = request.args["expr"]
    eval(expr)  # expect: code-injection  # bandit: B307
    exec("total = " + expr)  # expect: code-injection  # bandit: B102
    compile(expr, "<input>", "eval")  # expect: code-injection
    ast.literal_eval(expr)  # ok: code-injection
    eval(str(int(expr)))  # expect-audit: dynamic-code-execution  # ok: code-injection
    importlib.import_module("plugins." + request.args["plugin"])  # expect: code-injection
    __import__(request.args["module"])  # expect: code-injection
    return "ok"


def ask_model(question):
    client = anthropic.Anthropic()
    message = client.messages.create(model="claude", max_tokens=256, messages=[{"role": "user", "content": question}])
    code = message.content[0].text
    exec(code)  # expect: code-injection
    llm = ChatOpenAI(model="gpt-4o")
    answer = llm.invoke(question).content
    eval(answer)  # expect: code-injection
    with open(answer) as f:  # ok: path-traversal
        return f.read()


def script():
    eval(sys.argv[1])  # expect: code-injection
    eval(sys.argv[0] if False else "1 + 1")  # expect-audit: dynamic-code-execution  # ok: code-injection


class Calculator:
    def evaluate(self, text):
        return eval(text)  # expect: code-injection

    def dispatch(self, name, text):
        return getattr(self, "evaluate")(text)


@app.route("/dispatch")
def dispatch():  # ok: code-injection
    Calculator().dispatch("evaluate", request.args["expr"])
    Calculator().evaluate("2 * 3")
    return "ok"


def no_source(text):
    return eval(text)  # expect: dynamic-code-execution  # ok: code-injection


def apply_remote_rules():
    import requests

    rules = requests.get("https://rules.example.com/latest", timeout=5).json()
    exec(rules["code"])  # expect: code-injection
    with open(rules["path"]) as f:  # ok: path-traversal
        return f.read()


@app.route("/result")
def result():
    # One problem, one finding: the code injection, not also an XSS of its result.
    return str(eval(request.args["expr"]))  # expect: code-injection  # ok: xss


@app.route("/plugin")
def plugin():
    # Loading code from a path chosen by the request runs that code.
    import imp

    path = request.args["path"]
    imp.load_source("plugin", path)  # expect: code-injection
    imp.load_source("plugin", "/opt/app/plugins/report.py")  # ok: code-injection
    return "loaded"
