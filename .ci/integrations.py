"""Runs the shell steps of action.yml, ci/vigil.gitlab-ci.yml and the CI
snippets of docs/ci.md as GitHub and GitLab would, against sample projects,
with vigil installed from the wheel built in this CI run (pip finds
vigil-sast in the wheel's folder).

usage: integrations.py REPO WHEEL WORKDIR
"""

import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml  # installed with pre-commit

REPO, WHEEL, WORK = (Path(p).resolve() for p in sys.argv[1:4])
VERSION = re.search(r'^version = "([^"]+)"', (REPO / "Cargo.toml").read_text(), re.M)[1]

VULNERABLE = "import os\n\n\ndef run():\n    os.system(input())\n"
CLEAN = "import subprocess\n\nsubprocess.run(['ls'], check=True)\n"


def project(name, files):
    root = WORK / name
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text)
    return root


def expand(text, inputs, step_outputs):
    """The `${{ ... }}` expressions the action's steps use."""

    def value(match):
        expr = match[1].strip()
        if expr.startswith("inputs."):
            return inputs[expr[len("inputs."):]]
        if expr == "github.action_path":
            return str(REPO)
        raise AssertionError(f"unexpected expression {expr!r}")

    return re.sub(r"\$\{\{(.*?)\}\}", value, text)


def run_action(workdir, overrides):
    action = yaml.safe_load((REPO / "action.yml").read_text())
    assert action["runs"]["using"] == "composite"
    inputs = {k: str(v.get("default", "")) for k, v in action["inputs"].items()}
    assert inputs["package"] == f"vigil-sast=={VERSION}", "action.yml pins another version"
    inputs.update(overrides)
    temp = Path(tempfile.mkdtemp(dir=WORK))
    output, path_file = temp / "output", temp / "path"
    output.touch()
    path_file.touch()
    env = dict(os.environ, RUNNER_TEMP=str(temp), GITHUB_OUTPUT=str(output), GITHUB_PATH=str(path_file))
    steps = {}
    for step in action["runs"]["steps"]:
        if "run" not in step:
            # upload-sarif runs on GitHub only; check what it would be given.
            assert step["uses"].startswith("github/codeql-action/upload-sarif@"), step
            assert expand(step["with"]["sarif_file"], inputs, steps) == inputs["sarif-file"]
            continue
        if step.get("name") == "Fail on findings":
            # Runs on findings only; the callers check exit-code.
            assert "steps.scan.outputs.exit-code == '1'" in step["if"], step["if"]
            continue
        step_env = dict(env)
        for key, val in step.get("env", {}).items():
            step_env[key] = expand(str(val), inputs, steps)
        extra_path = [line for line in path_file.read_text().splitlines() if line]
        step_env["PATH"] = os.pathsep.join(extra_path + [env["PATH"]])
        proc = subprocess.run(
            ["bash", "-e", "-c", step["run"]], cwd=workdir, env=step_env, capture_output=True, text=True
        )
        print(f"-- action step {step['name']!r}: exit {proc.returncode}")
        assert proc.returncode == 0, proc.stdout + proc.stderr
        steps[step.get("id", step["name"])] = proc.stdout
    outputs = dict(line.split("=", 1) for line in output.read_text().splitlines())
    return outputs, steps


def check_action():
    wheel = {"package": str(WHEEL)}
    app = project("gh-vulnerable", {"app.py": VULNERABLE, "clean.py": CLEAN})
    outputs, steps = run_action(app, wheel)
    assert outputs["exit-code"] == "1", outputs
    assert "::error" in steps["scan"], steps["scan"]
    sarif = json.loads((app / "vigil.sarif").read_text())
    rules = {r["ruleId"] for r in sarif["runs"][0]["results"]}
    assert "os-shell-command" in rules or "command-injection" in rules, rules
    print(f"action: findings -> exit-code 1, SARIF with {len(sarif['runs'][0]['results'])} results")
    clean = project("gh-clean", {"clean.py": CLEAN})
    outputs, _ = run_action(clean, wheel)
    assert outputs["exit-code"] == "0", outputs
    assert json.loads((clean / "vigil.sarif").read_text())["runs"][0]["results"] == []
    print("action: clean project -> exit-code 0, empty SARIF")


def run_gitlab(workdir, variables):
    template = yaml.safe_load((REPO / "ci" / "vigil.gitlab-ci.yml").read_text())
    job = template["vigil"]
    assert job["variables"]["VIGIL_PACKAGE"] == f"vigil-sast=={VERSION}", "template pins another version"
    # The job's image has python on PATH: a virtualenv stands in for it.
    venv = Path(tempfile.mkdtemp(dir=WORK)) / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    env = dict(os.environ, **{k: str(v) for k, v in job["variables"].items()})
    env.update(variables)
    env["PATH"] = os.pathsep.join([str(venv / "bin"), env["PATH"]])
    script = "set -eo pipefail\n" + "\n".join(job["script"])
    proc = subprocess.run(["bash", "-c", script], cwd=workdir, env=env, capture_output=True, text=True)
    report = json.loads((workdir / job["artifacts"]["reports"]["sast"]).read_text())
    return proc.returncode, report


def check_gitlab():
    wheel = {"VIGIL_PACKAGE": str(WHEEL)}
    app = project("gl-vulnerable", {"app.py": VULNERABLE})
    code, report = run_gitlab(app, wheel)
    assert code == 0, code
    assert report["scan"]["type"] == "sast" and report["vulnerabilities"], report["scan"]
    code, _ = run_gitlab(app, dict(wheel, VIGIL_FAIL_ON_FINDINGS="true"))
    assert code == 1, code
    clean = project("gl-clean", {"clean.py": CLEAN})
    code, report = run_gitlab(clean, dict(wheel, VIGIL_FAIL_ON_FINDINGS="true"))
    assert code == 0 and report["vulnerabilities"] == [], (code, report["vulnerabilities"])
    print("gitlab template: SAST report, exit 0 by default, 1 with VIGIL_FAIL_ON_FINDINGS, 0 when clean")


def venv_env():
    """An environment whose `pip` and `python` are a new virtualenv's, as on
    a CI runner with Python, and whose pip finds vigil-sast in WHEEL's folder."""
    venv = Path(tempfile.mkdtemp(dir=WORK)) / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    env = dict(os.environ, PIP_FIND_LINKS=str(WHEEL.parent))
    env["PATH"] = os.pathsep.join([str(venv / "bin"), env["PATH"]])
    return env


def run_script(lines, workdir, env):
    proc = subprocess.run(["bash", "-c", "\n".join(lines)], cwd=workdir, env=env, capture_output=True, text=True)
    return proc.returncode, proc.stdout + proc.stderr


def check_docs():
    """Every YAML snippet of docs/ci.md parses; the workflows and jobs in it
    run (their shell steps) and do what the page says."""
    blocks = re.findall(r"```yaml\n(.*?)```", (REPO / "docs" / "ci.md").read_text(), re.S)
    action_inputs = yaml.safe_load((REPO / "action.yml").read_text())["inputs"]
    ran = 0
    for block in blocks:
        doc = yaml.safe_load(block)
        if not isinstance(doc, dict):
            continue  # a list of pre-commit repositories
        steps = doc.get("steps") or [s for job in doc.get("jobs", {}).values() for s in job["steps"]]
        gitlab = doc.get("vigil", {}).get("script")
        app = project(f"docs-{ran}", {"app.py": VULNERABLE, "clean.py": CLEAN})
        if steps:
            for step in steps:
                if step.get("uses", "").startswith("./.github/actions/vigil"):
                    # The copied action: its inputs exist.
                    assert set(step.get("with", {})) <= set(action_inputs), step
            runs = [s for s in steps if "run" in s]
            if runs:
                env = venv_env()
                for step in runs:
                    code, out = run_script([step["run"]], app, env)
                    want = 1 if step.get("name") == "Scan" else 0
                    assert code == want, f"{step}: exit {code}\n{out}"
                sarif = json.loads((app / "vigil.sarif").read_text())
                assert sarif["runs"][0]["results"], "no results in the SARIF report"
                ran += 1
        elif gitlab:
            code, out = run_script(gitlab, app, venv_env())
            assert code == 0, out
            assert json.loads((app / "gl-sast-report.json").read_text())["vulnerabilities"]
            ran += 1
    assert ran == 2, f"ran {ran} snippets of docs/ci.md, expected the workflow and the GitLab job"
    print(f"docs/ci.md: {len(blocks)} YAML snippets parse; the workflow without the action and the GitLab job run")


check_action()
check_gitlab()
check_docs()
