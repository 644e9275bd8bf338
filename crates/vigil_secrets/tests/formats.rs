//! One table per token format: realistic-shaped fakes (built at run time,
//! checksums computed with the format's algorithm) must be found, with the
//! right kind and exact range; decoys must not.

mod common;

use common::*;
use vigil_secrets::{SecretKind, SecretRule, scan_text};

struct Case {
    kind: SecretKind,
    /// (text, the secret inside it)
    positives: Vec<(String, String)>,
    decoys: Vec<String>,
}

/// `line` with `{}` replaced by `secret`, and the secret.
fn at(line: &str, secret: &str) -> (String, String) {
    (line.replace("{}", secret), secret.to_string())
}

fn check(case: &Case) {
    for (text, secret) in &case.positives {
        let found = scan_text(text);
        let hits: Vec<_> = found.iter().filter(|m| m.kind == case.kind).collect();
        assert_eq!(
            hits.len(),
            1,
            "{:?} not found once in {text:?}: {found:#?}",
            case.kind
        );
        assert_eq!(
            &text[hits[0].range.clone()],
            secret,
            "{:?} range",
            case.kind
        );
        assert!(
            !hits[0].message.contains(secret.as_str()),
            "message leaks: {}",
            hits[0].message
        );
        assert!(hits[0].message.contains(" chars)"), "{}", hits[0].message);
        assert!(!hits[0].message.contains("sha256:"), "{}", hits[0].message);
        assert_eq!(hits[0].rule, case.kind.rule());
        assert!(!hits[0].cwe.is_empty());
    }
    for decoy in &case.decoys {
        let found = scan_text(decoy);
        assert!(
            found.iter().all(|m| m.kind != case.kind),
            "{:?} decoy flagged: {decoy:?}: {found:#?}",
            case.kind
        );
    }
}

#[test]
fn aws_access_key_id() {
    let id = format!("AKIA{}", random(1, 16, BASE32));
    let temp = format!("ASIA{}", random(2, 16, BASE32));
    check(&Case {
        kind: SecretKind::AwsAccessKeyId,
        positives: vec![
            at("aws_access_key_id = \"{}\"", &id),
            at("client('s3', aws_access_key_id='{}')", &temp),
            at("[default]\naws_access_key_id={}\n", &id),
        ],
        decoys: vec![
            "key = 'AKIAIOSFODNN7EXAMPLE'".into(),
            format!("x = 'AKIA{}'", random(3, 15, BASE32)),
            format!("x = 'XAKIA{}'", random(4, 16, BASE32)),
            format!("x = 'AKIA{}Z'", random(5, 16, BASE32)),
            "AKIA lower case akia".into(),
            format!("x = 'AKIA{}'", random(6, 16, "abcdefghijklmnop")),
        ],
    });
}

#[test]
fn aws_secret_access_key() {
    let secret = random(10, 40, BASE64);
    check(&Case {
        kind: SecretKind::AwsSecretAccessKey,
        positives: vec![
            at("aws_secret_access_key = \"{}\"", &secret),
            at("AWS_SECRET_ACCESS_KEY={}", &secret),
            at("client('s3', aws_secret_access_key='{}')", &secret),
            at("{\"SecretAccessKey\": \"{}\"}", &secret),
            at("awsSecretKey: {}", &secret),
        ],
        decoys: vec![
            "aws_secret_access_key = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'".into(),
            format!("some_hash = '{secret}'"),
            format!("aws_secret_access_key = '{}'", random(11, 39, BASE64)),
            "aws_secret_access_key = os.environ['AWS_SECRET_ACCESS_KEY']".into(),
            format!("aws_secret_access_key = '{}'", "a".repeat(40)),
        ],
    });
}

#[test]
fn google_keys() {
    let api = format!("AIza{}", random(20, 35, BASE64URL));
    check(&Case {
        kind: SecretKind::GoogleApiKey,
        positives: vec![at("GOOGLE_MAPS_KEY = '{}'", &api), at("?key={}&q=x", &api)],
        decoys: vec![
            format!("k = 'AIza{}'", random(21, 34, BASE62)),
            format!("k = 'AIza{}'", "x".repeat(35)),
        ],
    });
    let oauth = format!("GOCSPX-{}", random(22, 28, BASE64URL));
    check(&Case {
        kind: SecretKind::GoogleOauthClientSecret,
        positives: vec![at("\"client_secret\": \"{}\"", &oauth)],
        decoys: vec!["client_secret = 'GOCSPX-your-client-secret-here'".into()],
    });
}

#[test]
fn gcp_service_account_key() {
    let key = pem("PRIVATE KEY", 30, 20).replace('\n', "\\n");
    let json = format!(
        "{{\n  \"type\": \"service_account\",\n  \"project_id\": \"demo\",\n  \"private_key_id\": \"{}\",\n  \"private_key\": \"{key}\",\n  \"client_email\": \"svc@demo.iam.gserviceaccount.com\"\n}}",
        random(31, 40, HEX)
    );
    let secret = key.trim_end_matches("\\n").to_string();
    check(&Case {
        kind: SecretKind::GcpServiceAccountKey,
        positives: vec![(json, secret)],
        decoys: vec![format!(
            "{{\"type\": \"service_account\", \"private_key\": \"-----BEGIN PRIVATE KEY-----\\n...\\n-----END PRIVATE KEY-----\\n\"}}"
        )],
    });
}

#[test]
fn azure_keys() {
    let account = format!("{}==", random(40, 86, BASE64));
    let conn = format!(
        "DefaultEndpointsProtocol=https;AccountName=demo;AccountKey={account};EndpointSuffix=core.windows.net"
    );
    let shared = format!("{}=", random(41, 43, BASE64));
    check(&Case {
        kind: SecretKind::AzureStorageAccountKey,
        positives: vec![(format!("CONN = \"{conn}\""), account.clone())],
        decoys: vec![
            "AccountKey=<your-account-key>".into(),
            // The storage emulator's published key (rebuilt from parts).
            format!(
                "AccountKey={}{}",
                "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq",
                "/K1SZFPTOtr/KBHBeksoGMGw=="
            ),
            format!("AccountKey={}", random(42, 60, BASE64)),
        ],
    });
    check(&Case {
        kind: SecretKind::AzureSharedAccessKey,
        positives: vec![at(
            "Endpoint=sb://demo.servicebus.windows.net/;SharedAccessKeyName=root;SharedAccessKey={};",
            &shared,
        )],
        decoys: vec!["SharedAccessKey=${SB_KEY}".into()],
    });
}

#[test]
fn github_tokens() {
    let mut positives = Vec::new();
    for (i, prefix) in ["ghp_", "gho_", "ghu_", "ghs_", "ghr_"].iter().enumerate() {
        positives.push(at("token = \"{}\"", &checksummed(prefix, 50 + i as u64)));
    }
    let fine = format!(
        "github_pat_{}_{}",
        random(56, 22, BASE62),
        random(57, 59, BASE62)
    );
    positives.push(at("Github(auth=Token('{}'))", &fine));
    positives.push(at(
        "https://{}@github.com/o/r.git",
        &checksummed("ghp_", 58),
    ));
    check(&Case {
        kind: SecretKind::GithubToken,
        positives,
        decoys: vec![
            format!("token = \"{}\"", bad_checksum("ghp_", 59)),
            format!("token = \"{}\"", "ghp_".to_string() + &"x".repeat(36)),
            format!("token = \"{}x\"", checksummed("ghp_", 60)),
            format!("token = \"ghx_{}\"", &checksummed("ghp_", 61)[4..]),
            "token = 'ghp_your_token_here'".into(),
        ],
    });
}

#[test]
fn github_token_message_names_the_flavour() {
    let text = format!("t = '{}'", checksummed("gho_", 62));
    let found = scan_text(&text);
    assert!(
        found[0]
            .message
            .starts_with("Hard-coded GitHub OAuth access token: gho_…(40 chars"),
        "{}",
        found[0].message
    );
}

#[test]
fn gitlab_tokens() {
    let classic = format!("glpat-{}", random(70, 20, BASE64URL));
    let routable = format!(
        "glpat-{}.01.{}",
        random(71, 27, BASE64URL),
        random(72, 7, "0123456789abcdefghijklmnopqrstuvwxyz")
    );
    check(&Case {
        kind: SecretKind::GitlabToken,
        positives: vec![
            at("PRIVATE-TOKEN: {}", &classic),
            at("GITLAB_TOKEN={}", &routable),
        ],
        decoys: vec![
            "token = 'glpat-xxxxxxxxxxxxxxxxxxxx'".into(),
            "token = 'glpat-12345'".into(),
            "token = 'glpat-aaaaaaaaaaaaaaaaaaaa'".into(),
        ],
    });
}

#[test]
fn slack_tokens_and_webhooks() {
    let bot = format!(
        "xoxb-{}-{}-{}",
        random(80, 12, "0123456789"),
        random(81, 13, "0123456789"),
        random(82, 24, BASE62)
    );
    let user = format!(
        "xoxp-{}-{}-{}-{}",
        random(83, 11, "0123456789"),
        random(84, 11, "0123456789"),
        random(85, 12, "0123456789"),
        random(86, 32, HEX)
    );
    let app = format!(
        "xapp-1-A{}-{}-{}",
        random(87, 10, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"),
        random(88, 13, "0123456789"),
        random(89, 64, HEX)
    );
    check(&Case {
        kind: SecretKind::SlackToken,
        positives: vec![
            at("SLACK_BOT_TOKEN = \"{}\"", &bot),
            at("client = WebClient(token='{}')", &user),
            at("SLACK_APP_TOKEN={}", &app),
        ],
        decoys: vec![
            "token = 'xoxb-your-bot-token'".into(),
            "token = 'xoxb-xxxxxxxxxx-xxxxxxxxxxxx-xxxxxxxxxxxxxxxxxxxxxxxx'".into(),
            "token = 'xoxb-123'".into(),
        ],
    });
    let hook = format!(
        "https://hooks.slack.com/services/T{}/B{}/{}",
        random(90, 8, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"),
        random(91, 10, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"),
        random(92, 24, BASE62)
    );
    check(&Case {
        kind: SecretKind::SlackWebhookUrl,
        positives: vec![at("requests.post(\"{}\", json=msg)", &hook)],
        decoys: vec![
            "URL = 'https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX'"
                .into(),
            "see https://hooks.slack.com/services/ for details".into(),
        ],
    });
}

#[test]
fn stripe_keys() {
    let live = format!("sk_live_{}", random(100, 99, BASE62));
    let restricted = format!("rk_live_{}", random(101, 24, BASE62));
    check(&Case {
        kind: SecretKind::StripeLiveKey,
        positives: vec![
            at("stripe.api_key = \"{}\"", &live),
            at("KEY = '{}'", &restricted),
        ],
        decoys: vec![
            "stripe.api_key = 'sk_live_...'".into(),
            format!("pk_live_{}", random(102, 24, BASE62)),
            "stripe.api_key = 'sk_live_xxxxxxxxxxxxxxxxxxxxxxxx'".into(),
        ],
    });
    let test_key = format!("sk_test_{}", random(103, 24, BASE62));
    check(&Case {
        kind: SecretKind::StripeTestKey,
        positives: vec![at("stripe.api_key = '{}'", &test_key)],
        decoys: vec![format!(
            "stripe.api_key = '{}{}'",
            "sk_test_", "4eC39HqLyjWDarjtT1zdp7dc"
        )],
    });
    let found = scan_text(&format!("k = '{test_key}'"));
    assert_eq!(found[0].severity, vigil_secrets::Severity::Low);
    let found = scan_text(&format!("k = '{restricted}'"));
    assert_eq!(found[0].severity, vigil_secrets::Severity::High);
    let found = scan_text(&format!("k = '{live}'"));
    assert_eq!(found[0].severity, vigil_secrets::Severity::Critical);
    let webhook = format!("whsec_{}", random(104, 32, BASE62));
    check(&Case {
        kind: SecretKind::StripeWebhookSecret,
        positives: vec![at("endpoint_secret = '{}'", &webhook)],
        decoys: vec!["endpoint_secret = 'whsec_...'".into()],
    });
}

#[test]
fn openai_and_anthropic_keys() {
    let legacy = format!(
        "sk-{}T3BlbkFJ{}",
        random(110, 20, BASE62),
        random(111, 20, BASE62)
    );
    let project = format!(
        "sk-proj-{}T3BlbkFJ{}",
        random(112, 74, BASE64URL),
        random(113, 74, BASE64URL)
    );
    check(&Case {
        kind: SecretKind::OpenaiApiKey,
        positives: vec![
            at("openai.api_key = \"{}\"", &legacy),
            at("OPENAI_API_KEY={}", &project),
        ],
        decoys: vec![
            "openai.api_key = 'sk-...'".into(),
            format!("key = 'sk-{}'", random(114, 48, BASE62)),
            "task-force-lookup-table-0123456789".into(),
            "key = 'sk-proj-your-key-here'".into(),
        ],
    });
    let anthropic = format!("sk-ant-api03-{}AA", random(115, 93, BASE64URL));
    check(&Case {
        kind: SecretKind::AnthropicApiKey,
        positives: vec![at("client = Anthropic(api_key=\"{}\")", &anthropic)],
        decoys: vec![
            "api_key = 'sk-ant-api03-...'".into(),
            format!("k = 'sk-ant-api03-{}'", random(116, 20, BASE62)),
        ],
    });
    // An Anthropic key is not also an OpenAI key.
    assert!(
        scan_text(&anthropic)
            .iter()
            .all(|m| m.kind != SecretKind::OpenaiApiKey)
    );
}

#[test]
fn huggingface_tokens() {
    let token = format!("hf_{}", random(120, 34, LETTERS));
    check(&Case {
        kind: SecretKind::HuggingfaceToken,
        positives: vec![at("login(token=\"{}\")", &token)],
        decoys: vec![
            "hf_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx".into(),
            "hf_hub_download_and_cache_the_weights".into(),
            format!("hf_{}", random(121, 33, LETTERS)),
        ],
    });
}

#[test]
fn pypi_tokens() {
    let real = pypi("pypi.org", 130);
    let test = pypi("test.pypi.org", 131);
    assert!(real.starts_with("pypi-AgEIcHlwaS5vcmc"), "{real}");
    check(&Case {
        kind: SecretKind::PypiToken,
        positives: vec![
            at("[pypi]\nusername = __token__\npassword = {}\n", &real),
            at("TWINE_PASSWORD={}", &test),
        ],
        decoys: vec![
            format!("pypi-AgE{}", random(132, 80, BASE64URL)),
            "password = pypi-AgEIcHlwaS5vcmc...".into(),
        ],
    });
}

#[test]
fn npm_tokens() {
    check(&Case {
        kind: SecretKind::NpmToken,
        positives: vec![at(
            "//registry.npmjs.org/:_authToken={}",
            &checksummed("npm_", 140),
        )],
        decoys: vec![
            format!(
                "//registry.npmjs.org/:_authToken={}",
                bad_checksum("npm_", 141)
            ),
            "npm_config_cache_directory_path_long_name".into(),
        ],
    });
}

#[test]
fn sendgrid_keys() {
    let key = format!(
        "SG.{}.{}",
        random(150, 22, BASE64URL),
        random(151, 43, BASE64URL)
    );
    check(&Case {
        kind: SecretKind::SendgridApiKey,
        positives: vec![at("SendGridAPIClient(\"{}\")", &key)],
        decoys: vec![
            "msg.{}.format".into(),
            format!("SG.{}.{}", "x".repeat(22), "x".repeat(43)),
            format!(
                "MSG.{}.{}",
                random(152, 22, BASE62),
                random(153, 43, BASE62)
            ),
        ],
    });
}

#[test]
fn twilio_keys() {
    let api_key = format!("SK{}", random(160, 32, HEX));
    let auth = random(161, 32, HEX);
    let account = format!("AC{}", random(162, 32, HEX));
    check(&Case {
        kind: SecretKind::TwilioApiKey,
        positives: vec![at(
            "from twilio.rest import Client\nclient = Client('{}', secret, account)",
            &api_key,
        )],
        decoys: vec![format!("value = '{api_key}'  # no context")],
    });
    check(&Case {
        kind: SecretKind::TwilioAuthToken,
        positives: vec![
            at("TWILIO_AUTH_TOKEN = \"{}\"", &auth),
            (
                format!(
                    "from twilio.rest import Client\nclient = Client(\"{account}\", \"{auth}\")"
                ),
                auth.clone(),
            ),
        ],
        decoys: vec![
            format!("TWILIO_ACCOUNT_SID = '{account}'"),
            format!("md5 = '{auth}'"),
            "TWILIO_AUTH_TOKEN = 'your_auth_token'".into(),
        ],
    });
}

#[test]
fn mailchimp_keys() {
    let key = format!("{}-us12", random(170, 32, HEX));
    check(&Case {
        kind: SecretKind::MailchimpApiKey,
        positives: vec![at("MAILCHIMP_API_KEY = '{}'", &key)],
        decoys: vec![
            format!("{}-us12", "0".repeat(32)),
            format!("{}-user", random(171, 32, HEX)),
            "locale = 'en-us'".into(),
        ],
    });
}

#[test]
fn telegram_bot_tokens() {
    let token = format!(
        "{}:AA{}",
        random(180, 10, "0123456789"),
        random(181, 33, BASE64URL)
    );
    check(&Case {
        kind: SecretKind::TelegramBotToken,
        positives: vec![
            at("bot = telegram.Bot(token='{}')", &token),
            at("TOKEN = '{}'", &token),
        ],
        decoys: vec![
            format!("{}:AA{}", random(182, 10, "0123456789"), "x".repeat(33)),
            "time = '12:AA'".into(),
        ],
    });
}

#[test]
fn jwts() {
    let token = jwt(
        r#"{"alg":"HS256","typ":"JWT"}"#,
        r#"{"sub":"svc-billing","iat":1700000000,"exp":4102444800}"#,
        190,
    );
    let unsigned = format!(
        "{}.{}.",
        b64url(br#"{"alg":"none"}"#),
        b64url(br#"{"sub":"admin"}"#)
    );
    check(&Case {
        kind: SecretKind::Jwt,
        positives: vec![
            at("headers = {'Authorization': 'Bearer {}'}", &token),
            at("TOKEN={}", &unsigned),
        ],
        decoys: vec![
            // the jwt.io sample
            jwt(
                r#"{"alg":"HS256","typ":"JWT"}"#,
                r#"{"sub":"1234567890","name":"John Doe","iat":1516239022}"#,
                191,
            ),
            // header without alg
            jwt(r#"{"typ":"JWT"}"#, r#"{"sub":"x"}"#, 192),
            // not JSON
            format!(
                "eyJ{}.{}.{}",
                random(193, 30, BASE62),
                random(194, 30, BASE62),
                random(195, 30, BASE62)
            ),
        ],
    });
    let expired = jwt(r#"{"alg":"RS256"}"#, r#"{"sub":"x","exp":1000}"#, 196);
    let found = scan_text(&expired);
    assert_eq!(found[0].confidence, vigil_secrets::Confidence::Low);
}

#[test]
fn private_keys() {
    let rsa = pem("RSA PRIVATE KEY", 200, 25);
    let pkcs8 = pem("PRIVATE KEY", 201, 25);
    let ec = pem("EC PRIVATE KEY", 202, 4);
    let ssh = openssh("none", 203);
    let pgp = pem("PGP PRIVATE KEY BLOCK", 204, 30);
    let escaped = pem("PRIVATE KEY", 205, 10).replace('\n', "\\n");
    let pieces = pem("RSA PRIVATE KEY", 206, 8)
        .lines()
        .map(|l| format!("    \"{l}\\n\""))
        .collect::<Vec<_>>()
        .join("\n");
    let pieces_secret = pieces.trim().trim_start_matches('"').to_string();
    let pieces_secret = pieces_secret[..pieces_secret.rfind("-----").unwrap() + 5].to_string();
    let trim = |s: &str| s.trim_end().trim_end_matches("\\n").to_string();
    check(&Case {
        kind: SecretKind::PrivateKey,
        positives: vec![
            (format!("KEY = \"\"\"{rsa}\"\"\""), trim(&rsa)),
            (format!("key: |\n{pkcs8}"), trim(&pkcs8)),
            (ec.clone(), trim(&ec)),
            (ssh.clone(), trim(&ssh)),
            (pgp.clone(), trim(&pgp)),
            (format!("KEY = \"{escaped}\""), trim(&escaped)),
            (format!("KEY = (\n{pieces}\n)"), pieces_secret),
        ],
        decoys: vec![
            "KEY = '-----BEGIN RSA PRIVATE KEY-----\\n...\\n-----END RSA PRIVATE KEY-----'".into(),
            "-----BEGIN PRIVATE KEY-----\n[your key here]\n-----END PRIVATE KEY-----".into(),
            "-----BEGIN PRIVATE KEY-----\nXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX\n-----END PRIVATE KEY-----".into(),
            "HEADER = '-----BEGIN RSA PRIVATE KEY-----'\nif line.startswith(HEADER):\n    parse(line)\nFOOTER = '-----END RSA PRIVATE KEY-----'".into(),
            pem("PUBLIC KEY", 207, 6),
            pem("CERTIFICATE", 208, 20),
            "-----BEGIN RSA PRIVATE KEY----- (no end)".into(),
        ],
    });
    // A truncated or redacted paste is still a private key in the
    // repository: reported, with low confidence.
    let rsa_lines: Vec<&str> = rsa.lines().collect();
    let truncated = [
        "KEY = '-----BEGIN RSA PRIVATE KEY-----\\nMIIEpAIBAAKCAQEA...\\n-----END RSA PRIVATE KEY-----'"
            .to_string(),
        format!(
            "{}\n{}\n[... redacted ...]\n{}\n",
            rsa_lines[0],
            rsa_lines[1],
            rsa_lines.last().unwrap()
        ),
        format!(
            "{}\n{}\n{}\n",
            rsa_lines[0],
            &rsa_lines[1][..40],
            rsa_lines.last().unwrap()
        ),
    ];
    for block in &truncated {
        let found = scan_text(block);
        assert_eq!(found.len(), 1, "{block}");
        assert_eq!(found[0].kind, SecretKind::PrivateKey, "{block}");
        assert_eq!(
            found[0].confidence,
            vigil_secrets::Confidence::Low,
            "{block}"
        );
        assert!(
            found[0].message.contains("truncated or redacted"),
            "{}",
            found[0].message
        );
    }
    let encrypted = [
        pem("ENCRYPTED PRIVATE KEY", 209, 20),
        pem("RSA PRIVATE KEY", 210, 20).replacen(
            "-----\n",
            "-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,0123456789ABCDEF\n\n",
            1,
        ),
        openssh("aes256-ctr", 211),
    ];
    for block in &encrypted {
        let found = scan_text(block);
        assert_eq!(found.len(), 1, "{block}");
        assert_eq!(found[0].kind, SecretKind::EncryptedPrivateKey);
        assert_eq!(found[0].severity, vigil_secrets::Severity::Low);
        assert_eq!(found[0].rule, SecretRule::HardcodedPrivateKey);
    }
    assert_eq!(
        scan_text(&ssh)[0].message.split(':').next(),
        Some("Hard-coded OpenSSH private key")
    );
    assert_eq!(scan_text(&ssh)[0].cwe, &[321, 798]);
}

#[test]
fn credentials_in_urls() {
    let pw = random(220, 16, BASE62);
    check(&Case {
        kind: SecretKind::UrlPassword,
        positives: vec![
            at(
                "engine = create_engine('postgresql://app:{}@db.internal:5432/app')",
                &pw,
            ),
            at("DATABASE_URL=postgres://app:{}@10.0.0.5/app", &pw),
            at("'mysql+pymysql://root:{}@mysql/prod'", &pw),
            at("redis.from_url(\"redis://:{}@cache.internal:6379/0\")", &pw),
            at("BROKER = 'amqp://guest:{}@rabbit//'", &pw),
            at(
                "MongoClient('mongodb+srv://svc:{}@cluster0.abcde.mongodb.net/db')",
                &pw,
            ),
            at("url = 'https://deploy:{}@git.internal/repo.git'", &pw),
            at(
                "'postgres://u:{}@h.internal/db' # pw with @ inside",
                &format!("{pw}@x"),
            ),
        ],
        decoys: vec![
            "postgres://user@db.internal/app".into(),
            "postgres://user:${DB_PASS}@db.internal/app".into(),
            "postgres://user:password@db.internal/app".into(),
            "f'postgresql://{user}:{password}@{host}/{db}'".into(),
            "'postgresql://%s:%s@%s/%s' % (u, p, h, d)".into(),
            "'postgresql://%(user)s:%(pw)s@%(host)s/db'".into(),
            "postgres://user:<password>@db.internal/app".into(),
            format!("postgres://user:{pw}@db.example.com/app"),
            format!("postgres://user:{pw}@host/app"),
            "http://a:b@c/".into(),
            "https://oauth2.googleapis.com/token".into(),
            "ssh://git@github.com:org/repo.git".into(),
            "postgres://user:xxxxxxxx@db.internal/app".into(),
            "redis://:foobared@db.internal:6379".into(),
        ],
    });
    let local = scan_text(&format!("postgres://postgres:{pw}@localhost/dev"));
    assert_eq!(local[0].severity, vigil_secrets::Severity::Medium);
    let message = &scan_text(&format!("x = 'redis://:{pw}@cache.internal'"))[0].message;
    assert!(
        message.starts_with("Password in a redis:// URL: "),
        "{message}"
    );
}

#[test]
fn the_more_specific_match_wins_an_overlap() {
    let token = checksummed("ghp_", 230);
    let text = format!("https://x-access-token:{token}@github.com/o/r.git");
    let found = scan_text(&text);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].kind, SecretKind::GithubToken);
}

#[test]
fn plain_code_has_no_matches() {
    let code = r#"
import os, requests

API_URL = "https://api.github.com/user"
TOKEN_ENDPOINT = "https://oauth2.googleapis.com/token"

def fetch(session, token=None):
    token = token or os.environ["GITHUB_TOKEN"]
    headers = {"Authorization": f"Bearer {token}"}
    return session.get(API_URL, headers=headers).json()

password = input("Enter password: ")
msg = "SG.{}.{}".format(a, b)
"#;
    assert_eq!(scan_text(code), vec![]);
}

#[test]
fn connection_strings() {
    let pw = random(240, 14, BASE62);
    check(&Case {
        kind: SecretKind::ConnectionStringPassword,
        positives: vec![
            at(
                "pyodbc.connect('DRIVER={ODBC Driver 18 for SQL Server};SERVER=db.internal;DATABASE=app;UID=app;PWD={}')",
                &pw,
            ),
            at(
                "conn = pyodbc.connect(\"Driver={SQL Server};Server=tcp:db.internal,1433;Uid=app;Pwd={{}};\")",
                &pw,
            ),
            at(
                "psycopg2.connect(\"host=db.internal dbname=app user=app password={}\")",
                &pw,
            ),
            at(
                "psycopg2.connect(\"dbname=app password='{}' host=db.internal\")",
                &pw,
            ),
            at(
                "Data Source=db.internal;Initial Catalog=app;User ID=app;Password={};",
                &pw,
            ),
            at(
                "URL = 'postgresql://db.internal/app?user=app&password={}&sslmode=require'",
                &pw,
            ),
        ],
        decoys: vec![
            format!("psycopg2.connect(host=h, user=u, password=pw)"),
            format!("connect(host='db', user='app', password='{pw}')"),
            format!("DB_PASSWORD={pw}"),
            "psycopg2.connect(\"host=db user=app password=%s\" % pw)".into(),
            "conn_str = f\"Server={host};Uid={user};Pwd={password};\"".into(),
            "Server=db;Uid=app;Pwd=${DB_PASSWORD};".into(),
            "host=db user=app password=xxx".into(),
        ],
    });
    let local = scan_text(&format!("\"host=localhost user=app password={pw}\""));
    assert_eq!(local[0].severity, vigil_secrets::Severity::Medium);
    assert_eq!(local[0].rule, SecretRule::CredentialsInUrl);
    assert!(
        local[0]
            .message
            .starts_with("Password in a connection string: ")
    );
}
