import builtins


def calculate(request):
    expr = request.args.get("expr")
    eval(expr)  # expect: dynamic-code-execution
    exec("result = " + expr)  # expect: dynamic-code-execution
    compile(expr, "<input>", "eval")  # expect-audit: dynamic-code-execution
    exec(compile(expr, "<input>", "exec"))  # expect: dynamic-code-execution
    builtins.eval(expr)  # expect: dynamic-code-execution
    eval("1 + 2")  # expect-audit: dynamic-code-execution
    import ast
    ast.literal_eval(expr)  # ok: dynamic-code-execution
    eval(repr(expr))  # ok: dynamic-code-execution


class Model:
    def eval(self):
        return self

    def run(self):
        self.eval()  # ok: dynamic-code-execution


def sandboxed(text):
    def exec(statement):  # a local function that shadows the builtin
        return statement

    exec("anything " + text)  # ok: dynamic-code-execution
