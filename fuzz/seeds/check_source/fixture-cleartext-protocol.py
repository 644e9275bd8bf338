import ftplib  # expect-audit: cleartext-protocol  # bandit: B402
import telnetlib  # expect-audit: cleartext-protocol  # bandit: B401
from ftplib import FTP_TLS  # ok: cleartext-protocol
from ftplib import FTP as PlainFTP  # expect-audit: cleartext-protocol


def transfer(host, user, password):
    ftp = ftplib.FTP(host)  # expect: cleartext-protocol  # bandit: B321
    ftp.login(user, password)
    PlainFTP(host).login(user, password)  # expect: cleartext-protocol
    session = telnetlib.Telnet(host, 23)  # expect: cleartext-protocol  # bandit: B312
    secure = FTP_TLS(host)  # ok: cleartext-protocol
    secure.login(user, password)
    secure.prot_p()
    return session


def bmc(host, user, password):
    from pyghmi.ipmi import command  # expect-audit: cleartext-protocol  # bandit: B415
    import pyghmitools  # ok: cleartext-protocol
    return command.Command(host, user, password)
