//! Template files of the project: a view that renders a template by name
//! is reported when a value from the request reaches a variable the
//! template writes without escaping (`|safe`, an autoescape-off block, an
//! extension Flask does not escape), and not when the template escapes it.

mod common;

use common::{scan_project, write};
use std::path::Path;

/// (package/views.py, line) of each `xss` finding.
fn xss_lines(root: &Path) -> Vec<(String, u32)> {
    let mut found: Vec<(String, u32)> = scan_project(root)
        .iter()
        .filter(|f| f.rule == "xss")
        .map(|f| {
            let path = Path::new(&f.path);
            let dir = path
                .parent()
                .unwrap()
                .file_name()
                .unwrap()
                .to_string_lossy();
            (format!("{dir}/views.py"), f.line)
        })
        .collect();
    found.sort();
    found
}

const BLOG_VIEWS: &str = r#"from flask import Flask, render_template, request
from markupsafe import escape

from blog.forms import comment_from

app = Flask(__name__)


@app.route("/post/<int:post_id>")
def post(post_id):
    body = comment_from(request)
    return render_template("post.html", post_id=post_id, comment=body)


@app.route("/preview")
def preview():
    text = request.form["text"]
    return render_template("post.html", post_id=0, comment=escape(text))


@app.route("/search")
def search():
    term = request.args.get("q", "")
    return render_template("search.html", term=term, count=len(term))


@app.route("/digest")
def digest():
    context = {"entries": [request.args["entry"]], "title": "Digest"}
    return render_template("mail/digest.j2", **context)


@app.route("/plain")
def plain():
    return render_template("mail/plain.txt", entry=request.args["entry"])


@app.route("/legacy")
def legacy():
    note = request.args["note"]
    return render_template("legacy.html", note=note, page=int(request.args["page"]))


@app.route("/missing")
def missing():
    return render_template("nowhere.html", comment=request.args["c"])
"#;

const BLOG_FORMS: &str = r#"def comment_from(req):
    return req.form.get("comment", "")
"#;

const DJANGO_VIEWS: &str = r#"from django.shortcuts import render
from django.template.loader import render_to_string


def profile(request):
    bio = request.POST["bio"]
    context = {"bio": bio, "name": request.POST["name"]}
    return render(request, "accounts/profile.html", context)


def badge(request):
    html = render_to_string("accounts/badge.html", {"label": request.GET["label"]})
    return html


def safe_badge(request):
    return render(request, "accounts/profile.html", {"name": request.GET["name"]})
"#;

#[test]
fn values_written_unescaped_by_a_template_are_reported_at_the_render_call() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "blog/__init__.py", "");
    write(root, "blog/views.py", BLOG_VIEWS);
    write(root, "blog/forms.py", BLOG_FORMS);
    write(
        root,
        "blog/templates/post.html",
        "<article>\n  <h1>Post {{ post_id }}</h1>\n  <div>{{ comment|safe }}</div>\n</article>\n",
    );
    write(
        root,
        "blog/templates/search.html",
        "<p>Results for {{ term }} ({{ count }})</p>\n<p>{{ term|e|safe }}</p>\n",
    );
    write(
        root,
        "blog/templates/mail/digest.j2",
        "<h1>{{ title }}</h1>\n<ul>{% for e in entries %}<li>{{ e }}</li>{% endfor %}</ul>\n",
    );
    write(
        root,
        "blog/templates/mail/plain.txt",
        "New entry: {{ entry }}\n",
    );
    write(
        root,
        "blog/templates/legacy.html",
        "{% autoescape false %}\n<p>{{ note }}</p><p>page {{ page }}</p>\n{% endautoescape %}\n",
    );
    write(root, "accounts/__init__.py", "");
    write(root, "accounts/views.py", DJANGO_VIEWS);
    write(
        root,
        "accounts/templates/accounts/profile.html",
        "{% autoescape off %}<p>{{ bio }}</p>{% endautoescape %}\n<h2>{{ name }}</h2>\n",
    );
    write(
        root,
        "accounts/templates/accounts/badge.html",
        "<span class=\"badge\">{{ label|safe }}</span>\n",
    );
    let found = xss_lines(root);
    let at = |file: &str, line: u32| (file.to_string(), line);
    let expected = vec![
        // Django: `{% autoescape off %}` around `bio`; `|safe` on `label`.
        at("accounts/views.py", 8),
        at("accounts/views.py", 12),
        // Flask: `|safe` on a value a helper of another module read from
        // the request; a `.j2` template writing markup (a loop variable
        // of `entries`); an `{% autoescape false %}` block.
        at("blog/views.py", 12),
        at("blog/views.py", 30),
        at("blog/views.py", 41),
    ];
    assert_eq!(found, expected);
}
