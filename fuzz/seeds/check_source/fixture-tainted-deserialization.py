import base64
import json
import marshal
import pickle  # expect-audit: pickle-import
import shelve  # expect-audit: pickle-import

import jsonpickle  # expect-audit: pickle-import
import yaml
from flask import Flask, request

app = Flask(__name__)


@app.route("/restore", methods=["POST"])
def restore():
    blob = base64.b64decode(request.cookies["state"])
    pickle.loads(blob)  # expect: tainted-deserialization  # bandit: B301
    json.loads(blob)  # ok: tainted-deserialization
    yaml.load(request.data, Loader=yaml.FullLoader)  # expect: tainted-deserialization  # bandit: B506
    yaml.load(request.data, Loader=yaml.SafeLoader)  # ok: tainted-deserialization
    yaml.safe_load(request.data)  # ok: tainted-deserialization
    marshal.loads(request.get_data())  # expect: tainted-deserialization  # bandit: B302
    jsonpickle.decode(request.form["obj"])  # expect: tainted-deserialization
    shelve.open(request.args["db"])  # expect: tainted-deserialization
    return "ok"


def load_cache(path):
    with open(path, "rb") as f:
        return pickle.load(f)  # expect: unsafe-deserialization  # ok: tainted-deserialization


@app.route("/legacy-restore", methods=["POST"])
def legacy_restore():
    # Every loader of the deserialization family is a sink.
    import numpy
    from ruamel import yaml as ruamel_yaml

    blob = request.files["state"].read()
    ruamel_yaml.unsafe_load(blob)  # expect: tainted-deserialization
    shelve.Shelf(request.form["db"])  # expect: tainted-deserialization
    numpy.load(request.files["array"], allow_pickle=True)  # expect: tainted-deserialization
    numpy.load(request.files["array"])  # ok: tainted-deserialization
    yaml.load(blob, Loader=yaml.SafeLoader)  # ok: tainted-deserialization
    return "restored"
