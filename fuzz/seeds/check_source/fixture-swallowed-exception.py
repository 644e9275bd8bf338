import hmac

import jwt


def webhook(payload, signature, key):
    try:
        verify_signature(payload, signature)
    except Exception:  # expect: swallowed-exception  # bandit: B110
        pass
    try:
        claims = jwt.decode(payload, key, algorithms=["HS256"])
    except:  # expect: swallowed-exception
        pass
    try:
        user.check_password(payload)
    except (ValueError, Exception):  # expect: swallowed-exception
        ...
    for item in payload:
        try:
            validate_token(item)
        except BaseException:  # expect: swallowed-exception  # bandit: B112
            continue
    try:
        verify_signature(payload, signature)
    except InvalidSignature:  # ok: swallowed-exception
        pass
    try:
        import ujson as json
    except ImportError:  # ok: swallowed-exception
        pass
    try:
        cleanup()
    except Exception:  # expect-audit: swallowed-exception
        pass
    for path in payload:
        try:
            remove(path)
        except:  # expect-audit: swallowed-exception
            continue
    try:
        verify_signature(payload, signature)
    except Exception:  # ok: swallowed-exception
        log.warning("bad signature")
        raise
    return claims


def test_tolerant_parsing():
    try:
        verify_signature(b"", b"")
    except Exception:  # expect-audit: swallowed-exception
        pass
