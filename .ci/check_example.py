"""Checks the JSON report of `vigil check examples/vulnerable_app`.

usage: check_example.py REPORT
"""

import json
import sys

report = json.load(open(sys.argv[1]))
rules = {f["rule"] for f in report["findings"]}
safe = [f for f in report["findings"] if f["path"].endswith("safe.py")]
assert len(report["findings"]) >= 8, report["summary"]
assert not safe, f"findings in safe.py: {safe}"
assert {"os-shell-command", "sql-injection"} & rules, rules
print(f"example: {len(report['findings'])} findings, rules: {sorted(rules)}")
