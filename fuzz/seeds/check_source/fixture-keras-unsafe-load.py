import keras
import tensorflow as tf
from keras.models import load_model


def restore(path, unsafe):
    load_model(path, safe_mode=False)  # expect: keras-unsafe-load
    tf.keras.models.load_model(path, safe_mode=False)  # expect: keras-unsafe-load
    keras.config.enable_unsafe_deserialization()  # expect: keras-unsafe-load
    keras.saving.load_model(path, safe_mode=unsafe)  # expect-audit: keras-unsafe-load
    keras.models.load_model(path)  # expect-audit: keras-unsafe-load
    keras.models.load_model("models/classifier.keras")  # ok: keras-unsafe-load
    keras.models.load_model(path, safe_mode=True)  # ok: keras-unsafe-load
