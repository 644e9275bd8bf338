import pickle  # expect-audit: pickle-import
import marshal
import dill  # expect-audit: pickle-import
import pandas as pd
import joblib
from pickle import loads as unpickle  # expect-audit: pickle-import


def load_session(blob, path):
    pickle.loads(blob)  # expect: unsafe-deserialization
    unpickle(blob)  # expect: unsafe-deserialization
    with open(path, "rb") as f:
        pickle.load(f)  # expect: unsafe-deserialization
    marshal.loads(blob)  # expect: unsafe-deserialization
    dill.loads(blob)  # expect: unsafe-deserialization
    pd.read_pickle(path)  # expect: unsafe-deserialization
    joblib.load(path)  # expect: unsafe-deserialization
    pickle.loads(b"\x80\x04K\x01.")  # expect-audit: unsafe-deserialization
    pickle.dumps(blob)  # ok: unsafe-deserialization
    pickle.loads(pickle.dumps(blob))  # ok: unsafe-deserialization
    copied = pickle.dumps(blob, protocol=4)
    pickle.loads(copied)  # ok: unsafe-deserialization
    copied = pickle.dumps(blob, protocol=5)
    pickle.loads(copied)  # ok: unsafe-deserialization
    copied = path.read_bytes()
    pickle.loads(copied)  # expect: unsafe-deserialization
    import json
    json.loads(blob)  # ok: unsafe-deserialization


def load_arrays(path, blob):
    import numpy as np
    import jsonpickle  # expect-audit: pickle-import

    np.load(path, allow_pickle=True)  # expect: unsafe-deserialization
    np.load("weights.npy", allow_pickle=True)  # expect-audit: unsafe-deserialization
    np.load(path)  # ok: unsafe-deserialization
    np.load(path, allow_pickle=False)  # ok: unsafe-deserialization
    jsonpickle.loads(blob)  # expect: unsafe-deserialization
    pickle.Unpickler(blob).load()  # expect: unsafe-deserialization
