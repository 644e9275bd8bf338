//! Configuration files: candidates, pair syntaxes, lock files, templates.

mod common;

use common::*;
use std::path::Path;
use vigil_secrets::{
    Confidence, SecretKind, SecretRule, is_secret_candidate_file, scan_config_file,
};

#[test]
fn candidate_files() {
    for name in [
        ".env",
        ".env.local",
        ".env.production",
        "prod.env",
        "setup.cfg",
        "app.ini",
        "nginx.conf",
        "pyproject.toml",
        "config.yaml",
        "docker-compose.yml",
        "settings.json",
        ".pypirc",
        ".npmrc",
        "app.properties",
        "dir/sub/.env",
    ] {
        assert!(is_secret_candidate_file(Path::new(name)), "{name}");
    }
    for name in [
        "package-lock.json",
        "poetry.lock",
        "Pipfile.lock",
        "composer.lock",
        "uv.lock",
        "yarn.lock",
        "Cargo.lock",
        "pnpm-lock.yaml",
        "main.py",
        "README.md",
        "notebook.ipynb",
        "data.csv",
        "environment",
    ] {
        assert!(!is_secret_candidate_file(Path::new(name)), "{name}");
    }
}

fn values(path: &str, text: &str) -> Vec<(SecretRule, String)> {
    scan_config_file(Path::new(path), text)
        .into_iter()
        .map(|m| (m.rule, text[m.range].to_string()))
        .collect()
}

#[test]
fn env_files() {
    let pw = random(1, 14, BASE62);
    let key = random(2, 40, BASE62);
    let text = format!(
        "# comment\nDB_PASSWORD={pw}\nexport API_KEY=\"{key}\"\nSECRET_NAME=billing/stripe-key\n\
         DB_USER=app\nREDIS_PASSWORD=${{REDIS_PASSWORD}}\nTOKEN_URL=https://oauth2.googleapis.com/token\n\
         EMPTY_PASSWORD=\nGITHUB_TOKEN={}\nSMTP_PASSWORD='{pw}' # inline comment\n",
        checksummed("ghp_", 3)
    );
    let found = values(".env", &text);
    assert_eq!(
        found,
        vec![
            (SecretRule::HardcodedPassword, pw.clone()),
            (SecretRule::HardcodedSecret, key),
            (SecretRule::HardcodedToken, checksummed("ghp_", 3)),
            (SecretRule::HardcodedPassword, pw),
        ]
    );
}

#[test]
fn ini_and_pypirc() {
    let pw = random(4, 16, BASE62);
    let text = format!(
        "[distutils]\nindex-servers = pypi\n\n[pypi]\nusername = __token__\npassword = {}\n\n[db]\npassword: {pw}\nhost = db.internal\n; password = {pw}\n",
        pypi("pypi.org", 5)
    );
    let found = values(".pypirc", &text);
    assert_eq!(found.len(), 2, "{found:?}");
    assert_eq!(found[0].0, SecretRule::HardcodedToken);
    assert_eq!(found[1], (SecretRule::HardcodedPassword, pw));
}

#[test]
fn npmrc() {
    let token = checksummed("npm_", 6);
    let found = values(
        ".npmrc",
        &format!("//registry.npmjs.org/:_authToken={token}\n"),
    );
    assert_eq!(found, vec![(SecretRule::HardcodedToken, token)]);
    let opaque = random(7, 36, BASE62);
    let found = values(".npmrc", &format!("//npm.internal/:_authToken={opaque}\n"));
    assert_eq!(found, vec![(SecretRule::HardcodedSecret, opaque)]);
    assert!(values(".npmrc", "//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n").is_empty());
}

#[test]
fn toml_files() {
    let pw = random(8, 14, BASE62);
    let text = format!(
        "[tool.poetry.source]\nname = \"private\"\nurl = \"https://pypi.internal/simple\"\n\n[database]\npassword = \"{pw}\"\n\"api-key\" = '{}'\ntoken_url = \"https://auth.internal/token\"\n",
        random(9, 32, HEX)
    );
    let found = values("settings.toml", &text);
    assert_eq!(found.len(), 2, "{found:?}");
    assert_eq!(found[0], (SecretRule::HardcodedPassword, pw));
}

#[test]
fn yaml_files() {
    let pw = random(10, 14, BASE62);
    let text = format!(
        "services:\n  db:\n    environment:\n      POSTGRES_PASSWORD: \"{pw}\"\n      - MYSQL_PASSWORD={pw}\n      POSTGRES_USER: app\n  app:\n    password: ${{DB_PASSWORD}}\n    secret: !vault |\n      $ANSIBLE_VAULT;1.1;AES256\n    token: \"{{{{ vault_token }}}}\"\n    api_key: ${{{{ secrets.API_KEY }}}}\n    # password: {pw}\n"
    );
    let found = values("docker-compose.yml", &text);
    assert_eq!(
        found,
        vec![
            (SecretRule::HardcodedPassword, pw.clone()),
            (SecretRule::HardcodedPassword, pw)
        ]
    );
}

#[test]
fn json_files() {
    let secret = random(11, 40, BASE64URL);
    let text = format!(
        "{{\"auth\": {{\"client_id\": \"app\", \"client_secret\": \"{secret}\", \"token_uri\": \"https://oauth2.googleapis.com/token\"}}, \"labels\": {{\"password\": \"Password\", \"token\": \"Enter your token\"}}}}"
    );
    assert_eq!(
        values("credentials.json", &text),
        vec![(SecretRule::HardcodedSecret, secret)]
    );
}

#[test]
fn json_pairs_as_the_syntax_reads_them() {
    let secret = random(12, 40, BASE64URL);
    let expect = vec![(SecretRule::HardcodedSecret, secret.clone())];
    // Pretty-printed across lines, after numbers, arrays and escaped quotes.
    let pretty = format!(
        "{{\n  \"n\": 1,\n  \"note\": \"say \\\"hi\\\"\",\n  \"list\": [\"a\", \"b\"],\n  \"client_secret\"\n    :\n  \"{secret}\"\n}}"
    );
    assert_eq!(values("app.json", &pretty), expect);
    // Minified.
    let minified = format!("{{\"a\":{{\"client_secret\":\"{secret}\"}}}}");
    assert_eq!(values("app.json", &minified), expect);
    // A string value that looks like a pair is not one.
    let quoted = format!("{{\"doc\": \"\\\"client_secret\\\": \\\"{secret}\\\"\"}}");
    assert!(values("app.json", &quoted).is_empty());
    // A line break ends an unterminated string; the next line still reads.
    let broken = format!("{{\"a\": \"open\n\"client_secret\": \"{secret}\"}}");
    assert_eq!(values("app.json", &broken), expect);
    // A key followed by a non-string value pairs with nothing.
    let number = format!("{{\"client_secret\": 12, \"x\": \"{secret}\"}}");
    assert!(values("app.json", &number).is_empty());
}

#[test]
fn lock_files_get_the_token_scan_only() {
    let text = "{\"password\": \"Tr0ub4dor&3\", \"integrity\": \"sha512-abc\"}";
    assert!(values("package-lock.json", text).is_empty());
    let token = checksummed("ghp_", 12);
    let found = values(
        "package-lock.json",
        &format!("{{\"resolved\": \"https://{token}@github.com/x\"}}"),
    );
    assert_eq!(found, vec![(SecretRule::HardcodedToken, token)]);
}

#[test]
fn templates_are_low_confidence() {
    let pw = random(13, 14, BASE62);
    let found = scan_config_file(Path::new(".env.example"), &format!("DB_PASSWORD={pw}\n"));
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].confidence, Confidence::Low);
    assert_eq!(found[0].kind, SecretKind::Password);
}

#[test]
fn pem_in_yaml_block() {
    let key = pem("EC PRIVATE KEY", 14, 4);
    let indented: String = key.lines().map(|l| format!("  {l}\n")).collect();
    let found = scan_config_file(Path::new("tls.yaml"), &format!("tls_key: |\n{indented}"));
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].kind, SecretKind::PrivateKey);
}
