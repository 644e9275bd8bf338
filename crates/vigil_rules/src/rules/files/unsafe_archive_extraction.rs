use crate::CallFilter;
use crate::checker::Checker;
use crate::declare_rule;
use crate::helpers::{Origin, method_name, origin};
use crate::rule::Category;
use vigil_knowledge::constant::Scalar;
use vigil_python::Ranged;
use vigil_python::ast::{Expr, ExprCall};
use vigil_report::{Confidence, Severity};

/// Calls that open a tar archive.
const TAR_OPENERS: &[&str] = &[
    "tarfile.open",
    "tarfile.TarFile",
    "tarfile.TarFile.open",
    "tarfile.TarFile.taropen",
    "tarfile.TarFile.gzopen",
    "tarfile.TarFile.bz2open",
    "tarfile.TarFile.xzopen",
    "tarfile.TarFile.zstopen",
];
const ZIP_OPENERS: &[&str] = &["zipfile.ZipFile", "zipfile.PyZipFile"];
/// Filters that refuse absolute paths, `..`, links out of the destination
/// and special files.
const SAFE_FILTER_NAMES: &[&str] = &["data", "tar"];
const SAFE_FILTERS: &[&str] = &["tarfile.data_filter", "tarfile.tar_filter"];
const TRUSTING_FILTERS: &[&str] = &["tarfile.fully_trusted_filter"];

/// What an extraction `filter=` argument does.
enum Filter {
    Safe,
    /// `filter="fully_trusted"` or no filter: members are written as named.
    None,
    /// A function of the caller's, or a filter passed through `**kwargs`.
    Custom,
}

fn filter(checker: &Checker, call: &ExprCall) -> Filter {
    let Some(keyword) = call.arguments.find_keyword("filter") else {
        // `**options` may carry a filter.
        let unpacked = call.arguments.keywords.iter().any(|k| k.arg.is_none());
        return if unpacked {
            Filter::Custom
        } else {
            Filter::None
        };
    };
    if let Some(name) = checker.string(&keyword.value) {
        return if SAFE_FILTER_NAMES.contains(&name.as_str()) {
            Filter::Safe
        } else {
            Filter::None
        };
    }
    match checker.resolve_value(&keyword.value) {
        Some(q) if SAFE_FILTERS.contains(&q.as_str()) => Filter::Safe,
        Some(q) if TRUSTING_FILTERS.contains(&q.as_str()) => Filter::None,
        _ if checker.is_value(&keyword.value, Scalar::None) => Filter::None,
        _ => Filter::Custom,
    }
}

fn check(checker: &mut Checker, call: &ExprCall, qualified: Option<&str>) {
    if qualified == Some("shutil.unpack_archive") {
        return unpack_archive(checker, call);
    }
    let Some(method @ ("extractall" | "extract")) = method_name(call) else {
        return;
    };
    let Expr::Attribute(attribute) = call.func.as_ref() else {
        return;
    };
    let Some(Origin {
        call: opener,
        callee: Some(opener_name),
    }) = origin(checker, &attribute.value)
    else {
        return;
    };
    let callee = checker.snippet(&*call.func);
    // An archive named by a literal path ships with the program.
    let fixed_archive = opener
        .arguments
        .args
        .first()
        .or_else(|| opener.arguments.find_keyword("name").map(|k| &k.value))
        .is_some_and(|name| checker.is_constant(name));
    if ZIP_OPENERS.contains(&opener_name.as_str()) {
        let message = format!(
            "`{callee}` extracts a zip archive: zipfile drops `..` and absolute paths from member names, but nothing limits the size or number of files (zip bombs)"
        );
        checker
            .report(&RULE, call.range(), message)
            .audit_only()
            .severity(Severity::Low);
        return;
    }
    if !TAR_OPENERS.contains(&opener_name.as_str()) {
        return;
    }
    match filter(checker, call) {
        Filter::Safe => {}
        Filter::Custom => {
            let message = format!(
                "`{callee}` extracts a tar archive through a filter chosen elsewhere: check that it rejects absolute paths, `..`, links that leave the destination and device files"
            );
            checker
                .report(&RULE, call.range(), message)
                .audit_only()
                .severity(Severity::Low);
        }
        Filter::None if fixed_archive => {
            let message = format!(
                "`{callee}` extracts a tar archive named by a fixed path without `filter=\"data\"`: members are written wherever their names point"
            );
            checker
                .report(&RULE, call.range(), message)
                .audit_only()
                .severity(Severity::Low);
        }
        Filter::None
            if method == "extractall"
                && checker
                    .argument(call, "tarfile.TarFile.extractall", "members")
                    .is_some_and(|members| !is_every_member(checker, members)) =>
        {
            let message = format!(
                "`{callee}` extracts a chosen list of tar members without `filter=\"data\"`: check that the list excludes absolute paths, `..` and links that leave the destination"
            );
            checker
                .report(&RULE, call.range(), message)
                .audit_only()
                .severity(Severity::Medium);
        }
        Filter::None => {
            let message = format!(
                "`{callee}` extracts a tar archive without `filter=\"data\"`: a member named `../../home/user/.bashrc` or `/etc/cron.d/job`, or a link, writes outside the destination"
            );
            let diagnostic = checker.report(&RULE, call.range(), message);
            if method == "extract" {
                // Single members are often checked one by one first.
                diagnostic.confidence(Confidence::Medium);
            }
        }
    }
}

/// Whether a `members=` list is every member of the archive, unchecked:
/// `tar.getmembers()`, directly or through a name bound once to it.
fn is_every_member(checker: &Checker, members: &Expr) -> bool {
    matches!(
        checker.constant_value(members),
        Expr::Call(call) if method_name(call) == Some("getmembers") && call.arguments.is_empty()
    )
}

fn unpack_archive(checker: &mut Checker, call: &ExprCall) {
    let callee = checker.snippet(&*call.func);
    let Some(archive) = call.arguments.find_argument_value("filename", 0) else {
        return;
    };
    let zip_only = call
        .arguments
        .find_argument_value("format", 2)
        .and_then(|f| checker.string(f))
        .is_some_and(|f| f == "zip");
    match filter(checker, call) {
        Filter::Safe => {}
        Filter::Custom => {
            let message = format!(
                "`{callee}` unpacks an archive through a filter chosen elsewhere: check that it is `\"data\"` or as strict"
            );
            checker
                .report(&RULE, call.range(), message)
                .audit_only()
                .severity(Severity::Low);
        }
        Filter::None if zip_only || checker.is_constant(archive) => {
            let message = format!(
                "`{callee}` unpacks an archive without `filter=\"data\"`: check that the archive is trusted"
            );
            checker
                .report(&RULE, call.range(), message)
                .audit_only()
                .severity(Severity::Low);
        }
        Filter::None => {
            let message = format!(
                "`{callee}` unpacks an archive without `filter=\"data\"`: a tar archive's members can write outside the destination through `..`, absolute paths and links"
            );
            checker
                .report(&RULE, call.range(), message)
                .severity(Severity::Medium)
                .confidence(Confidence::Medium);
        }
    }
}

declare_rule! {
    /// ## What it does
    /// Flags tar extraction without a safe filter: `TarFile.extractall()`
    /// and `TarFile.extract()` on an archive opened with `tarfile.open()`
    /// (directly, through a variable or a `with` block) and
    /// `shutil.unpack_archive()`, unless `filter="data"` or `"tar"` is
    /// given. A custom filter or an explicit `members=` list, archives at
    /// fixed paths and zip extraction are listed in `--audit` mode.
    ///
    /// ## Why is this bad?
    /// A tar member's name is a path chosen by whoever built the archive.
    /// Without a filter, `../../home/app/.ssh/authorized_keys`, an absolute
    /// path, or a symbolic link followed by a file written through it puts
    /// files anywhere the process can write ("tar slip",
    /// CVE-2007-4559). Python 3.12 added extraction filters and 3.14 made
    /// `"data"` the default, but code that runs on older versions, or that
    /// passes `filter="fully_trusted"`, is exposed. `zipfile` strips `..`
    /// and absolute paths itself, so it is only listed for review.
    ///
    /// ## Example
    /// ```python
    /// with tarfile.open(upload) as archive:
    ///     archive.extractall(dest)
    /// ```
    ///
    /// ## Use instead
    /// ```python
    /// with tarfile.open(upload) as archive:
    ///     archive.extractall(dest, filter="data")
    /// ```
    /// On Python before 3.12 without the backported filters, check every
    /// member (resolved path inside `dest`, no links, regular files only)
    /// and pass the checked list as `members=`.
    ///
    /// ## References
    /// - CWE-22: Improper Limitation of a Pathname to a Restricted Directory ('Path Traversal')
    /// - PEP 706: Filter for tarfile.extractall
    pub static RULE = {
        name: "unsafe-archive-extraction",
        category: Category::Files,
        cwe: &[22],
        severity: Severity::High,
        confidence: Confidence::High,
        bandit: &["B202", "B203"],
        ruff: &["S202"],
        help: "Pass `filter=\"data\"` to `extractall()`, `extract()` and `shutil.unpack_archive()` (Python 3.12+ and security backports), or extract only members you have checked.",
        on_call: check,
        call_filter: CallFilter {
            names: || vec!["shutil.unpack_archive"],
            methods: || vec!["extractall", "extract"],
            ..CallFilter::NONE
        },
    };
}
