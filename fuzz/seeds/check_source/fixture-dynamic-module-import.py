import importlib
import runpy
from importlib import import_module


def load_handler(request):
    kind = request.args["kind"]
    importlib.import_module(f"handlers.{kind}")  # expect-audit: dynamic-module-import
    import_module(kind)  # expect-audit: dynamic-module-import
    __import__(kind)  # expect-audit: dynamic-module-import
    runpy.run_path(request.files["script"].filename)  # expect-audit: dynamic-module-import
    importlib.import_module("json")  # ok: dynamic-module-import
    __import__("os.path")  # ok: dynamic-module-import
