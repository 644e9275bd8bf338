import tempfile
from tempfile import mktemp as temp_name


def write_report(report):
    path = tempfile.mktemp(suffix=".csv")  # expect: insecure-temp-file  # bandit: B306
    other = temp_name()  # expect: insecure-temp-file
    with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False) as f:  # ok: insecure-temp-file
        f.write(report)
    fd, safe = tempfile.mkstemp()  # ok: insecure-temp-file
    return path, other, fd, safe
