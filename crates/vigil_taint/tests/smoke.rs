mod common;

#[test]
fn flask_sql_injection() {
    let src = r#"
from flask import Flask, request
import sqlite3

app = Flask(__name__)

@app.route("/user")
def user():
    name = request.args.get("name")
    conn = sqlite3.connect("db.sqlite")
    cur = conn.cursor()
    cur.execute(f"SELECT * FROM users WHERE name = '{name}'")
    cur.execute("SELECT * FROM users WHERE name = ?", (name,))
    return "ok"
"#;
    let (out, index) = common::analyze(src);
    for f in &out.findings {
        eprintln!(
            "{} {} {}",
            index.location(src, f.range.start()).line,
            f.rule,
            f.message
        );
        for s in &f.steps {
            eprintln!("   {:?}", s);
        }
    }
    assert_eq!(common::findings(src), vec![(12, "sql-injection")]);
}
