//! A package index's project page (the JSON of PEP 691, or the HTML of
//! PEP 503) read into the files of a release, and the files vigil
//! downloads among them. Everything here is data from the network: names
//! are checked before they name a file, sizes are bounded by the caller.

use vigil_deps::version::parse_version;

/// What `pypi:NAME==VERSION` (or `pypi:NAME`, the latest release) asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Requested {
    /// As written, for messages.
    pub name: String,
    pub version: Option<String>,
}

impl Requested {
    /// Parses the text after `pypi:`.
    pub fn parse(spec: &str) -> Result<Requested, String> {
        let (name, version) = match spec.split_once("==") {
            Some((name, version)) => (name.trim(), Some(version.trim())),
            None => (spec.trim(), None),
        };
        if !vigil_deps::name::is_valid(name) {
            return Err(format!(
                "pypi:{spec}: expected pypi:NAME==VERSION or pypi:NAME (a project name of letters, digits, -, _ and .)"
            ));
        }
        if let Some(version) = version
            && parse_version(version).is_none()
        {
            return Err(format!("pypi:{spec}: `{version}` is not a PEP 440 version"));
        }
        Ok(Requested {
            name: name.to_string(),
            version: version.map(str::to_string),
        })
    }

    /// The project's name as the index's URLs spell it (PEP 503).
    pub fn normalized(&self) -> String {
        vigil_deps::name::normalize(&self.name)
    }
}

/// One file the project page lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexFile {
    pub filename: String,
    pub url: String,
    /// Lower-case hex SHA-256, when the index gives one.
    pub sha256: Option<String>,
    pub yanked: bool,
}

/// Reads a project page: PEP 691 JSON when it parses as such, else the
/// anchors of a PEP 503 HTML page. `page_url` resolves relative links.
pub fn parse_page(body: &str, page_url: &str) -> Vec<IndexFile> {
    let files = match serde_json::from_str::<JsonPage>(body) {
        Ok(page) => page.files.into_iter().map(JsonFile::into_file).collect(),
        Err(_) => from_html(body),
    };
    files
        .into_iter()
        .filter_map(|mut f| {
            f.url = join(page_url, &f.url)?;
            Some(f)
        })
        .collect()
}

/// The fields of a PEP 691 page vigil reads (the rest is skipped, not
/// held: a large project's page is tens of megabytes).
#[derive(serde::Deserialize)]
struct JsonPage {
    files: Vec<JsonFile>,
}

#[derive(serde::Deserialize)]
struct JsonFile {
    filename: String,
    url: String,
    #[serde(default)]
    hashes: std::collections::BTreeMap<String, serde_json::Value>,
    /// `false`, or the reason as a string.
    #[serde(default)]
    yanked: serde_json::Value,
}

impl JsonFile {
    fn into_file(self) -> IndexFile {
        IndexFile {
            sha256: self
                .hashes
                .get("sha256")
                .and_then(|h| h.as_str())
                .and_then(sha256_hex),
            yanked: self.yanked.as_bool() != Some(false) && !self.yanked.is_null(),
            filename: self.filename,
            url: self.url,
        }
    }
}

fn from_html(body: &str) -> Vec<IndexFile> {
    let mut found = Vec::new();
    let mut rest = body;
    while let Some(start) = rest.find("<a ") {
        rest = &rest[start + 3..];
        let Some(close) = rest.find('>') else { break };
        let attributes = &rest[..close];
        rest = &rest[close + 1..];
        // The link's text runs to its `</a>` (a page may hold `</a>` before
        // any `>`: searched after the tag's end only).
        let Some(end) = rest.find("</a>") else { break };
        let text = rest[..end].trim();
        rest = &rest[end..];
        let Some(href) = attribute(attributes, "href") else {
            continue;
        };
        let href = unescape(&href);
        let (url, fragment) = href.split_once('#').unwrap_or((&href, ""));
        found.push(IndexFile {
            filename: unescape(text),
            url: url.to_string(),
            sha256: fragment.strip_prefix("sha256=").and_then(sha256_hex),
            yanked: attribute(attributes, "data-yanked").is_some(),
        });
    }
    found
}

/// A SHA-256 as the index writes it (64 hex digits), lower case; anything
/// else is no hash (and a file without one is not scanned).
fn sha256_hex(text: &str) -> Option<String> {
    (text.len() == 64 && text.bytes().all(|b| b.is_ascii_hexdigit()))
        .then(|| text.to_ascii_lowercase())
}

/// The value of `name="..."` (or single quotes) among an element's
/// attributes.
fn attribute(attributes: &str, name: &str) -> Option<String> {
    let mut at = 0;
    while let Some(i) = attributes[at..].find(name) {
        let start = at + i;
        at = start + name.len();
        let before_ok = start == 0 || attributes.as_bytes()[start - 1].is_ascii_whitespace();
        let rest = attributes[at..].trim_start();
        if !before_ok || !rest.starts_with('=') {
            continue;
        }
        let rest = rest[1..].trim_start();
        let quote = rest.chars().next()?;
        if quote != '"' && quote != '\'' {
            return rest.split_whitespace().next().map(str::to_string);
        }
        let value = &rest[1..];
        return value.find(quote).map(|end| value[..end].to_string());
    }
    None
}

/// HTML's character references, `&amp;` last (`&amp;lt;` is `&lt;`).
fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// `href` resolved against the page's URL; only http(s) results.
pub fn join(page_url: &str, href: &str) -> Option<String> {
    let absolute = if href.starts_with("https://") || href.starts_with("http://") {
        href.to_string()
    } else if href.contains("://") || href.starts_with("//") {
        return None;
    } else {
        let (scheme, rest) = page_url.split_once("://")?;
        let host_end = rest.find('/').unwrap_or(rest.len());
        let origin = format!("{scheme}://{}", &rest[..host_end]);
        let path = if href.starts_with('/') {
            href.to_string()
        } else {
            let path = &rest[host_end..];
            let folder = &path[..path.rfind('/').map_or(0, |i| i + 1)];
            let folder = if folder.is_empty() { "/" } else { folder };
            format!("{folder}{href}")
        };
        format!("{origin}{}", without_dot_segments(&path))
    };
    (absolute.starts_with("https://") || absolute.starts_with("http://")).then_some(absolute)
}

/// A URL path with its `.` and `..` segments resolved (RFC 3986 §5.2.4),
/// its query and fragment kept.
fn without_dot_segments(path: &str) -> String {
    let (path, tail) = match path.find(['?', '#']) {
        Some(i) => path.split_at(i),
        None => (path, ""),
    };
    let mut out: Vec<&str> = Vec::new();
    for segment in path.split('/').skip(1) {
        match segment {
            "." => {}
            ".." => {
                out.pop();
            }
            _ => out.push(segment),
        }
    }
    format!("/{}{tail}", out.join("/"))
}

/// What a file of the project is, from its name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Dist {
    Sdist,
    /// A wheel; `pure` when it is for any ABI and platform.
    Wheel {
        pure: bool,
    },
}

/// The kind and version a release file's name says, for the project
/// `normalized`; `None` for other projects' files and other formats.
pub fn release_of(filename: &str, normalized: &str) -> Option<(Dist, String)> {
    if let Some(stem) = filename.strip_suffix(".whl") {
        let parts: Vec<&str> = stem.split('-').collect();
        if !(5..=6).contains(&parts.len()) {
            return None;
        }
        let pure = parts[parts.len() - 2] == "none" && parts[parts.len() - 1] == "any";
        return (vigil_deps::name::normalize(parts[0]) == normalized)
            .then(|| (Dist::Wheel { pure }, parts[1].to_string()));
    }
    let stem = [".tar.gz", ".zip", ".tar.bz2"]
        .iter()
        .find_map(|ext| filename.strip_suffix(ext))?;
    // NAME-VERSION, the name may hold dashes: the version is after the
    // last dash that the normalised name leaves.
    let (name, version) = stem.rsplit_once('-')?;
    (vigil_deps::name::normalize(name) == normalized).then(|| (Dist::Sdist, version.to_string()))
}

/// A file name that is safe to create in a private folder: one plain
/// component, of an archive vigil reads (no `!`, which separates an
/// archive from its members in the paths findings show).
pub fn is_safe_filename(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 255
        && !name.starts_with('.')
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '+'))
        && vigil_archive::ArchiveKind::of(name).is_some()
}

/// The files of the release to download, and what was left out and why.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Chosen {
    pub version: String,
    pub files: Vec<IndexFile>,
    pub left_out: Vec<String>,
}

/// The files vigil downloads for `requested`: the release's sdists and
/// pure wheels, and one platform wheel when there is no pure one (the
/// others hold the same Python code compiled for other platforms; they are
/// listed as left out). The latest release that is not yanked or a
/// pre-release when no version is asked for.
pub fn choose(files: &[IndexFile], requested: &Requested) -> Result<Chosen, String> {
    let normalized = requested.normalized();
    let releases: Vec<(&IndexFile, Dist, String)> = files
        .iter()
        .filter_map(|f| {
            let (dist, version) = release_of(&f.filename, &normalized)?;
            Some((f, dist, version))
        })
        .collect();
    let wanted = match &requested.version {
        Some(v) => parse_version(v),
        None => releases
            .iter()
            .filter(|(f, _, _)| !f.yanked)
            .filter_map(|(_, _, v)| parse_version(v))
            .filter(|v| !v.any_prerelease())
            .max(),
    };
    let Some(wanted) = wanted else {
        return Err(format!("the index lists no release of {}", requested.name));
    };
    let of_release: Vec<&(&IndexFile, Dist, String)> = releases
        .iter()
        .filter(|(_, _, v)| parse_version(v).as_ref() == Some(&wanted))
        .collect();
    if of_release.is_empty() {
        return Err(format!(
            "the index lists no file of {} {wanted}",
            requested.name
        ));
    }
    let mut chosen = Chosen {
        version: wanted.to_string(),
        ..Chosen::default()
    };
    let has_pure = of_release
        .iter()
        .any(|(_, d, _)| *d == Dist::Wheel { pure: true });
    let platform_pick = (!has_pure)
        .then(|| {
            of_release
                .iter()
                .filter(|(_, d, _)| *d == Dist::Wheel { pure: false })
                .max_by_key(|(f, _, _)| {
                    let name = &f.filename;
                    (
                        name.contains("manylinux") && name.contains("x86_64"),
                        name.len(),
                    )
                })
                .map(|(f, _, _)| f.filename.clone())
        })
        .flatten();
    for (file, dist, _) in of_release {
        let take = match dist {
            Dist::Sdist | Dist::Wheel { pure: true } => true,
            Dist::Wheel { pure: false } => platform_pick.as_deref() == Some(&file.filename),
        };
        if take {
            chosen.files.push((*file).clone());
        } else {
            chosen.left_out.push(file.filename.clone());
        }
    }
    Ok(chosen)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(name: &str) -> IndexFile {
        IndexFile {
            filename: name.into(),
            url: format!("https://files.example/{name}"),
            sha256: Some("ab".into()),
            yanked: false,
        }
    }

    #[test]
    fn specs() {
        let r = Requested::parse("Requests==2.31.0").unwrap();
        assert_eq!(
            (r.normalized(), r.version.as_deref()),
            ("requests".into(), Some("2.31.0"))
        );
        assert_eq!(
            Requested::parse("zope.interface").unwrap().normalized(),
            "zope-interface"
        );
        assert!(Requested::parse("../etc").is_err());
        assert!(Requested::parse("a b").is_err());
        assert!(Requested::parse("x==not a version").is_err());
    }

    #[test]
    fn json_and_html_pages() {
        let json = r#"{"meta":{"api-version":"1.1"},"name":"demo","files":[
            {"filename":"demo-1.0.tar.gz","url":"../../files/demo-1.0.tar.gz","hashes":{"sha256":"AB12000000000000000000000000000000000000000000000000000000000000"},"yanked":false},
            {"filename":"demo-0.9.tar.gz","url":"https://h/demo-0.9.tar.gz","hashes":{},"yanked":"broken"}]}"#;
        let files = parse_page(json, "http://127.0.0.1:8000/simple/demo/");
        assert_eq!(files[0].url, "http://127.0.0.1:8000/files/demo-1.0.tar.gz");
        assert_eq!(
            files[0].sha256.as_deref(),
            Some("ab12000000000000000000000000000000000000000000000000000000000000")
        );
        assert!(!files[0].yanked && files[1].yanked && files[1].sha256.is_none());
        let html = "<html><body><a href=\"/files/demo-1.0-py3-none-any.whl#sha256=CD34000000000000000000000000000000000000000000000000000000000000\" data-requires-python=\"&gt;=3.8\">demo-1.0-py3-none-any.whl</a>\n\
                    <a href='demo-0.9.zip' data-yanked=''>demo-0.9.zip</a></body></html>";
        let files = parse_page(html, "https://idx.example/simple/demo/");
        assert_eq!(
            files[0].url,
            "https://idx.example/files/demo-1.0-py3-none-any.whl"
        );
        assert_eq!(
            files[0].sha256.as_deref(),
            Some("cd34000000000000000000000000000000000000000000000000000000000000")
        );
        assert_eq!(files[1].url, "https://idx.example/simple/demo/demo-0.9.zip");
        assert!(files[1].yanked);
        assert!(join("https://a/b/", "file:///etc/passwd").is_none());
        // `</a>` before any `>`, an unclosed tag, a double escape.
        assert!(parse_page("<a </a> <a href=x>", "https://i/s/p/").is_empty());
        let odd = parse_page("<a href='a-1.zip?x=&amp;lt;'>a-1.zip</a>", "https://i/s/p/");
        assert_eq!(odd[0].url, "https://i/s/p/a-1.zip?x=&lt;");
        assert!(join("https://a/b/", "//evil/x").is_none());
    }

    #[test]
    fn release_files_by_name() {
        assert_eq!(
            release_of("my_pkg-1.0.tar.gz", "my-pkg"),
            Some((Dist::Sdist, "1.0".into()))
        );
        assert_eq!(
            release_of("My_Pkg-1.0-py3-none-any.whl", "my-pkg"),
            Some((Dist::Wheel { pure: true }, "1.0".into()))
        );
        assert_eq!(
            release_of("my_pkg-1.0-cp312-cp312-win_amd64.whl", "my-pkg"),
            Some((Dist::Wheel { pure: false }, "1.0".into()))
        );
        assert_eq!(release_of("other-1.0.tar.gz", "my-pkg"), None);
        assert!(is_safe_filename("demo-1.0.tar.gz"));
        assert!(!is_safe_filename("../demo-1.0.tar.gz"));
        assert!(!is_safe_filename("demo/1.0.tar.gz"));
        assert!(!is_safe_filename("demo.exe"));
    }

    #[test]
    fn the_release_and_its_files() {
        let files = [
            file("demo-1.0.tar.gz"),
            file("demo-1.0-cp312-cp312-win_amd64.whl"),
            file("demo-1.0-cp312-cp312-manylinux_2_17_x86_64.whl"),
            file("demo-2.0rc1.tar.gz"),
            file("demo-0.9.tar.gz"),
        ];
        let latest = choose(&files, &Requested::parse("demo").unwrap()).unwrap();
        assert_eq!(latest.version, "1.0");
        let names: Vec<&str> = latest.files.iter().map(|f| f.filename.as_str()).collect();
        assert_eq!(
            names,
            [
                "demo-1.0.tar.gz",
                "demo-1.0-cp312-cp312-manylinux_2_17_x86_64.whl"
            ]
        );
        assert_eq!(latest.left_out, ["demo-1.0-cp312-cp312-win_amd64.whl"]);
        let old = choose(&files, &Requested::parse("demo==0.9").unwrap()).unwrap();
        assert_eq!(old.files.len(), 1);
        assert!(choose(&files, &Requested::parse("demo==3.0").unwrap()).is_err());
        assert!(choose(&[], &Requested::parse("demo").unwrap()).is_err());
    }
}
