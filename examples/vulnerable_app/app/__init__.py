"""Example package: helpers re-exported at package level."""
from .shell import run_command as execute  # re-export used by views.py
