import logging.config
from logging import config as logconfig


def start(port, check_signature):
    logging.config.listen(9999)  # expect: logging-config-listen  # bandit: B612
    logconfig.listen(port, verify=None)  # expect: logging-config-listen
    logging.config.listen(9999, verify=check_signature)  # expect-audit: logging-config-listen
    logging.config.fileConfig("logging.ini")  # ok: logging-config-listen
