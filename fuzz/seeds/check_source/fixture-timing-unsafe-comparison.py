import hashlib
import hmac


def webhook(request, body, key, token):
    expected = hmac.new(key, body, hashlib.sha256).hexdigest()
    if hmac.new(key, body, hashlib.sha256).hexdigest() == request.headers["X-Signature"]:  # expect: timing-unsafe-comparison
        pass
    if request.headers.get("X-Api-Key") == settings.API_KEY:  # expect: timing-unsafe-comparison
        pass
    if provided_token != session_token:  # ok: timing-unsafe-comparison
        pass
    if old_creds.secret_key == new_creds.secret_key:  # ok: timing-unsafe-comparison
        pass
    if func.signature != self.func.signature:  # ok: timing-unsafe-comparison
        pass
    if image.image_digest == manifest.image_digest:  # ok: timing-unsafe-comparison
        pass
    if cache_token != current_token:  # ok: timing-unsafe-comparison
        pass
    if nonce == self.last_nonce:  # ok: timing-unsafe-comparison
        pass
    if expected_signature == hmac.new(key, body, hashlib.sha256).hexdigest():  # expect: timing-unsafe-comparison
        pass
    if hmac.compare_digest(expected, request.headers["X-Signature"]):  # ok: timing-unsafe-comparison
        pass
    if token == "":  # ok: timing-unsafe-comparison
        pass
    if token is None:  # ok: timing-unsafe-comparison
        pass
    if token_type == request.args.get("type"):  # ok: timing-unsafe-comparison
        pass
    if len(token) == len(stored_token):  # ok: timing-unsafe-comparison
        pass


def check_api_key(api_key):
    return api_key == settings.API_KEY  # expect: timing-unsafe-comparison


def login(user, password):
    if user.password != password:  # expect: timing-unsafe-comparison
        raise PermissionError()


def negotiate(signature_version):
    return signature_version == "2" or signature_version == settings.SIGNATURE_VERSION  # ok: timing-unsafe-comparison


class Token:
    def __eq__(self, other):
        return self.token == other.token  # ok: timing-unsafe-comparison
