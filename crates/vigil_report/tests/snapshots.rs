//! Every writer against the one shared report of `common`.

mod common;

use vigil_report::{Format, TextOptions, render};

fn rendered(format: Format) -> String {
    render(format, &common::report(), &common::options())
}

#[test]
fn text() {
    insta::assert_snapshot!(rendered(Format::Text));
}

#[test]
fn text_concise() {
    let mut options = common::options();
    options.text = TextOptions {
        color: false,
        concise: true,
    };
    insta::assert_snapshot!(render(Format::Text, &common::report(), &options));
}

#[test]
fn json() {
    insta::assert_snapshot!(rendered(Format::Json));
}

#[test]
fn sarif() {
    insta::assert_snapshot!(rendered(Format::Sarif));
}

#[test]
fn html() {
    insta::assert_snapshot!(rendered(Format::Html));
}

#[test]
fn github() {
    insta::assert_snapshot!(rendered(Format::Github));
}

#[test]
fn gitlab() {
    insta::assert_snapshot!(rendered(Format::Gitlab));
}

#[test]
fn junit() {
    insta::assert_snapshot!(rendered(Format::Junit));
}

#[test]
fn csv() {
    insta::assert_snapshot!(rendered(Format::Csv));
}

#[test]
fn baseline() {
    insta::assert_snapshot!(vigil_report::write_baseline(&common::report()));
}
