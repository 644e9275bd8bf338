import re

access_level = "user"
if access_level != "user‮ ⁦# Check if admin⁩ ⁦":  # expect: trojan-source  # bandit: B613
    pass
# the next word is reversed: ⁧nimda⁩  # expect: trojan-source
greeting = "hi​there"  # expect-audit: trojan-source
family = "👨‍👩"  # expect-audit: trojan-source
ㅤ = "hidden name"  # expect: trojan-source
name = "pläin ünïcode"  # ok: trojan-source
arabic = "العربية"  # ok: trojan-source
escaped = "\u202e"  # ok: trojan-source
