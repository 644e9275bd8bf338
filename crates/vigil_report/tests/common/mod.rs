//! The one set of findings every writer test renders: a taint path across
//! two files, a multi-line span, unicode paths and messages, a notebook
//! cell, a rule without documentation, a file that could not be parsed, and
//! a file whose name, code, message and rule doc are hostile.

#![allow(dead_code)]

use std::path::PathBuf;
use std::time::{Duration, UNIX_EPOCH};
use vigil_report::{
    Cell, Confidence, FileMetrics, Finding, FlowStep, ImportInfo, ImportKind, RenderOptions,
    RuleInfo, ScanError, ScanReport, Severity, Snippet, fingerprint,
};

/// Text that tries every escape: markup, script end, comment end, CDATA
/// end, quotes, a line separator, bidi controls, an ANSI escape, a NUL,
/// a non-character, CSV formulas and GitHub workflow commands.
pub const HOSTILE: &str = "</script><img src=x onerror=alert(1)> --> ]]> \"' \u{2028} \u{202E}txt.exe\u{2066} \u{1b}[31m \u{0} \u{FFFE} %0A\n::warning::injected, =cmd";

/// A file name built from the same ingredients.
pub const HOSTILE_PATH: &str =
    "hostile/<img src=x onerror=alert(1)>\"'-->]]>\u{202E}yp.exe, %25:x.py";

pub fn options() -> RenderOptions {
    RenderOptions {
        tool_version: "0.1.0-test".to_string(),
        scan_root: Some(PathBuf::from("/home/dev/shop")),
        started_at: Some(UNIX_EPOCH + Duration::from_secs(1_767_225_600)),
        finished_at: Some(UNIX_EPOCH + Duration::from_secs(1_767_225_602)),
        ..RenderOptions::default()
    }
}

struct Spec<'a> {
    rule: &'a str,
    severity: Severity,
    confidence: Confidence,
    cwe: &'a [u32],
    path: &'a str,
    at: (u32, u32, u32, u32),
    message: &'a str,
    help: &'a str,
    snippet: (u32, &'a [&'a str]),
}

fn finding(spec: Spec<'_>) -> Finding {
    let (line, column, end_line, end_column) = spec.at;
    let (start_line, lines) = spec.snippet;
    let code: Vec<&str> = lines
        .iter()
        .skip((line - start_line) as usize)
        .take((end_line - line + 1) as usize)
        .copied()
        .collect();
    Finding {
        rule: spec.rule.to_string(),
        severity: spec.severity,
        confidence: spec.confidence,
        cwe: spec.cwe.to_vec(),
        path: spec.path.to_string(),
        line,
        column,
        end_line,
        end_column,
        message: spec.message.to_string(),
        help: spec.help.to_string(),
        fingerprint: fingerprint(spec.rule, spec.path, &code.join("\n"), 0),
        cell: None,
        flow: Vec::new(),
        snippet: Some(Snippet {
            start_line,
            lines: lines.iter().map(|l| l.to_string()).collect(),
        }),
    }
}

fn findings() -> Vec<Finding> {
    let mut sql = finding(Spec {
        rule: "sql-injection",
        severity: Severity::Critical,
        confidence: Confidence::High,
        cwe: &[89],
        path: "shop/views.py",
        at: (14, 20, 14, 51),
        message: "User input from `request.args` reaches `cursor.execute` without parameters",
        help: "Pass the values as query parameters: `cursor.execute(sql, (name,))`.",
        snippet: (
            12,
            &[
                "def search():",
                "    name = request.args.get(\"name\")",
                "    rows = db.cursor().execute(\"SELECT * FROM t WHERE n = '\" + name + \"'\")",
                "    return render(rows)",
            ],
        ),
    });
    sql.column = 12;
    sql.end_column = 75;
    sql.flow = vec![
        FlowStep {
            path: "shop/views.py".into(),
            line: 13,
            column: 12,
            note: "source: `request.args.get(\"name\")`".into(),
            cell: None,
        },
        FlowStep {
            path: "shop/db.py".into(),
            line: 7,
            column: 5,
            note: "passed to `run_query(sql)`".into(),
            cell: None,
        },
        FlowStep {
            path: "shop/views.py".into(),
            line: 14,
            column: 12,
            note: "sink: `cursor.execute`".into(),
            cell: None,
        },
    ];

    let shell = finding(Spec {
        rule: "subprocess-shell-true",
        severity: Severity::High,
        confidence: Confidence::High,
        cwe: &[78],
        path: "shop/tasks.py",
        at: (8, 5, 10, 6),
        message: "`subprocess.run` is called with `shell=True` and a formatted command",
        help: "Pass the command as a list and drop `shell=True`.",
        snippet: (
            7,
            &[
                "def backup(target):",
                "    subprocess.run(",
                "\tf\"tar czf {target}.tgz data/\",",
                "    shell=True)",
                "",
            ],
        ),
    });

    let password = finding(Spec {
        rule: "hardcoded-password",
        severity: Severity::Medium,
        confidence: Confidence::Medium,
        cwe: &[259, 798],
        path: "shop/données/配置.py",
        at: (3, 1, 3, 28),
        message: "Mot de passe écrit en dur dans « DB_PASSWORD » — 密码",
        help: "Read it from the environment or a secret store.",
        snippet: (2, &["# réglages ☃", "DB_PASSWORD = \"********\"", ""]),
    });

    let mut notebook = finding(Spec {
        rule: "pickle-load",
        severity: Severity::High,
        confidence: Confidence::Medium,
        cwe: &[502],
        path: "notebooks/explore.ipynb",
        at: (2, 10, 2, 25),
        message: "`pickle.load` on a file that may come from elsewhere",
        help: "Use a data format that cannot run code, such as JSON.",
        snippet: (
            1,
            &[
                "with open(path, \"rb\") as fh:",
                "    df = pickle.load(fh)  # ok?",
            ],
        ),
    });
    // Line 2 of cell 3 is line 41 of the `.ipynb` document.
    notebook.cell = Some(Cell::new(3, Some(41)));

    let assert_used = finding(Spec {
        rule: "assert-used",
        severity: Severity::Low,
        confidence: Confidence::Low,
        cwe: &[703],
        path: "shop/views.py",
        at: (30, 5, 30, 25),
        message: "`assert` is removed under `python -O`",
        help: "",
        snippet: (30, &["    assert user.is_admin"]),
    });

    let hostile = finding(Spec {
        rule: "eval-used",
        severity: Severity::High,
        confidence: Confidence::High,
        cwe: &[95],
        path: HOSTILE_PATH,
        at: (2, 1, 2, 12),
        message: HOSTILE,
        help: HOSTILE,
        snippet: (
            1,
            &[
                "x = \"</script><script>alert(1)</script>\"  # <!-- -->",
                "eval(x)\u{2028}; y = '\u{202E}gnp.exe' ]]> \u{1b}[2J",
            ],
        ),
    });
    let mut hostile = hostile;
    hostile.flow = vec![FlowStep {
        path: HOSTILE_PATH.into(),
        line: 1,
        column: 5,
        note: HOSTILE.into(),
        cell: None,
    }];

    vec![sql, shell, password, notebook, assert_used, hostile]
}

const SQL_DOC: &str = "## What it does
Checks for SQL queries built from untrusted input and run without parameters.

## Why is this bad?
An attacker who controls part of the query can read or change any data the
application can reach.

## Example
```python
cursor.execute(\"SELECT * FROM users WHERE name = '\" + name + \"'\")
```

## Use instead
```python
cursor.execute(\"SELECT * FROM users WHERE name = %s\", (name,))
```

## References
- [CWE-89](https://cwe.mitre.org/data/definitions/89.html)
";

const SHELL_DOC: &str = "## What it does
Checks for `subprocess` calls with `shell=True`.

## Why is this bad?
The shell interprets metacharacters, so data in the command can run other commands.

## Use instead
Pass a list of arguments: `subprocess.run([\"tar\", \"czf\", name])`.

## References
- [Python docs](https://docs.python.org/3/library/subprocess.html#security-considerations)
";

const HOSTILE_DOC: &str = "## What it does
Checks for `eval`. <script>alert('doc')</script>

## Why is this bad?
<img src=x onerror=alert(1)> It runs code. [click](javascript:alert(1)) ![x](https://evil.example/x.png)
<!-- comment --> ]]> \u{202E}reversed\u{2028}

## Use instead
`ast.literal_eval`.
";

fn rules() -> Vec<RuleInfo> {
    let rule =
        |name: &str, category: &str, summary: &str, doc: &str, cwe: &[u32], severity| RuleInfo {
            name: name.to_string(),
            category: category.to_string(),
            summary: summary.to_string(),
            doc: doc.to_string(),
            cwe: cwe.to_vec(),
            severity,
        };
    vec![
        rule(
            "sql-injection",
            "injection",
            "SQL query built from untrusted input",
            SQL_DOC,
            &[89],
            Severity::Critical,
        ),
        rule(
            "subprocess-shell-true",
            "injection",
            "Subprocess call with shell=True",
            SHELL_DOC,
            &[78],
            Severity::High,
        ),
        rule(
            "hardcoded-password",
            "secrets",
            "Hard-coded password",
            "## What it does\nFinds passwords in code.\n",
            &[259, 798],
            Severity::Medium,
        ),
        rule(
            "pickle-load",
            "deserialization",
            "Unpickling data",
            "## What it does\nFinds `pickle.load`.\n\n## Why is this bad?\nUnpickling runs code.\n",
            &[502],
            Severity::High,
        ),
        rule(
            "eval-used",
            "injection\"><script>alert(2)</script>",
            "eval() <b>used</b>",
            HOSTILE_DOC,
            &[95],
            Severity::High,
        ),
    ]
}

fn metrics(
    path: &str,
    lines: usize,
    functions: usize,
    complexity: usize,
    imports: &[(&str, ImportKind)],
) -> FileMetrics {
    FileMetrics {
        path: path.to_string(),
        lines,
        functions,
        complexity,
        imports: imports
            .iter()
            .map(|(module, kind)| ImportInfo {
                module: module.to_string(),
                kind: *kind,
            })
            .collect(),
    }
}

fn files() -> Vec<FileMetrics> {
    use ImportKind::*;
    vec![
        metrics(
            "shop/views.py",
            120,
            9,
            23,
            &[
                ("flask", ThirdParty),
                ("sqlite3", Stdlib),
                ("shop.db", Local),
            ],
        ),
        metrics(
            "shop/db.py",
            40,
            3,
            5,
            &[("sqlite3", Stdlib), ("os", Stdlib)],
        ),
        metrics(
            "shop/tasks.py",
            64,
            4,
            11,
            &[
                ("subprocess", Stdlib),
                ("celery", ThirdParty),
                ("shop.models", Local),
            ],
        ),
        metrics("shop/données/配置.py", 12, 0, 1, &[("os", Stdlib)]),
        metrics(
            "notebooks/explore.ipynb",
            35,
            1,
            3,
            &[("pickle", Stdlib), ("pandas", ThirdParty)],
        ),
        metrics(
            HOSTILE_PATH,
            2,
            0,
            1,
            &[("<script>alert(3)</script>", ThirdParty)],
        ),
        metrics("shop/__init__.py", 0, 0, 1, &[]),
    ]
}

/// The shared report, finished.
pub fn report() -> ScanReport {
    let mut report = ScanReport {
        findings: findings(),
        errors: vec![
            ScanError::caveat(
                "shop/broken.py",
                "syntax error: expected ':' at line 3, column 10",
            ),
            ScanError::unanalysed(format!("{HOSTILE_PATH}.bak.py"), HOSTILE),
        ],
        rules: rules(),
        files: files(),
        ..ScanReport::default()
    };
    report.summary.files_scanned = 9;
    report.summary.lines_scanned = 273;
    report.summary.suppressed = 2;
    report.summary.duration_ms = 1234;
    report.finish();
    report
}
