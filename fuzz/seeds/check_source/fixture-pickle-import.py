import pickle  # expect-audit: pickle-import  # bandit: B403
import cPickle as pickle2  # expect-audit: pickle-import
from dill import loads  # expect-audit: pickle-import
import shelve  # expect-audit: pickle-import
import json  # ok: pickle-import
import picklescan  # ok: pickle-import
from .pickle import helpers  # ok: pickle-import
