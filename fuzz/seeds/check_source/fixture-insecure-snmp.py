from pysnmp.hlapi import *


def credentials(user, auth_key, priv_key):
    CommunityData("public", mpModel=0)  # expect: insecure-snmp  # bandit: B508
    CommunityData("private")  # expect: insecure-snmp
    UsmUserData(user)  # expect: insecure-snmp  # bandit: B509
    UsmUserData(user, None)  # expect: insecure-snmp
    UsmUserData(user, auth_key)  # expect: insecure-snmp
    UsmUserData(user, auth_key, priv_key, privProtocol=usmDESPrivProtocol)  # expect: insecure-snmp
    UsmUserData(user, auth_key, priv_key)  # ok: insecure-snmp
    UsmUserData(user, authKey=auth_key, privKey=priv_key, authProtocol=usmHMACSHAAuthProtocol, privProtocol=usmAesCfb128Protocol)  # ok: insecure-snmp
    UsmUserData(user, **settings)  # ok: insecure-snmp
