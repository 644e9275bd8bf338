//! The brief's list of things that must never be flagged, one test each,
//! through every entry point that could flag them.

mod common;

use common::*;
use std::path::Path;
use vigil_secrets::{classify_assignment, scan_config_file, scan_text};

/// Nothing in `text`, whether scanned as Python source or as each kind of
/// config file.
fn clean(text: &str) {
    assert_eq!(scan_text(text), vec![], "scan_text: {text}");
    for file in [".env", "app.ini", "app.toml", "app.yaml", "app.json"] {
        assert_eq!(
            scan_config_file(Path::new(file), text),
            vec![],
            "{file}: {text}"
        );
    }
}

#[test]
fn values_from_the_environment_or_a_secret_store() {
    clean("DB_PASSWORD=${DB_PASSWORD}\nAPI_KEY=$API_KEY\n");
    clean("password: os.environ['DB_PASSWORD']\ntoken: os.getenv(\"TOKEN\")\n");
    clean("{\"client_secret\": \"${{ secrets.CLIENT_SECRET }}\"}");
    clean(
        "secret: !vault |\n  $ANSIBLE_VAULT;1.1;AES256\npassword: ENC[AES256_GCM,data:abcd,type:str]\n",
    );
    clean("api_key = arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/api-AbCdEf\n");
    assert_eq!(
        classify_assignment("password", "os.environ['DB_PASSWORD']"),
        None
    );
}

#[test]
fn placeholders() {
    clean(
        "password = changeme\napi_key = <your-api-key>\ntoken = xxx\nsecret = ...\npassword = ***\n",
    );
    clean(
        "password = \"\"\napi_key = your_api_key_here\ntoken = None\npassword = dummy\nsecret = fake-secret\n",
    );
    clean("password: \"{{ db_password }}\"\npassword: \"%(password)s\"\n");
}

#[test]
fn documented_example_keys() {
    clean(
        "aws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n",
    );
    let jwt_io = jwt(
        r#"{"alg":"HS256","typ":"JWT"}"#,
        r#"{"sub":"1234567890","name":"John Doe","iat":1516239022}"#,
        1,
    );
    clean(&format!("token = \"{jwt_io}\"\n"));
    clean(
        "SLACK_WEBHOOK=https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX\n",
    );
}

#[test]
fn uuids() {
    clean(
        "api_key = 123e4567-e89b-12d3-a456-426614174000\nclient_secret: \"3f2504e0-4f89-11d3-9a0c-0305e82c3301\"\n",
    );
}

#[test]
fn hash_digests_under_digest_names() {
    clean(&format!(
        "checksum = {}\nsha256: {}\netag = \"{}\"\ndigest = sha256:{}\n",
        random(1, 64, HEX),
        random(2, 64, HEX),
        random(3, 32, HEX),
        random(4, 64, HEX)
    ));
    assert_eq!(
        classify_assignment("password_sha256", &random(5, 64, HEX)),
        None
    );
}

#[test]
fn field_names_and_prompts() {
    clean(
        "password = \"Enter password: \"\nlabel: Password\npassword_field = password\ntoken = access_token\n",
    );
    clean(
        "{\"password\": \"Password\", \"api_key\": \"X-API-Key\", \"secret\": \"Your secret is invalid\"}",
    );
    assert_eq!(classify_assignment("password", "Enter password: "), None);
}

#[test]
fn token_endpoints() {
    clean(
        "token_url = https://oauth2.googleapis.com/token\ntoken = https://oauth2.googleapis.com/token\n",
    );
    clean("TOKEN_ENDPOINT=https://login.microsoftonline.com/common/oauth2/v2.0/token\n");
    clean("auth_token: /api/v1/auth/token\n");
}

#[test]
fn secret_names() {
    clean(
        "secret_name = billing/stripe-key\nsecret_id = prod/db/password\npassword_file = /run/secrets/db_password\n",
    );
    clean("private_key_path: ~/.ssh/id_rsa\nprivate_key: certs/server.key\n");
}

#[test]
fn urls_without_a_real_password() {
    clean("DATABASE_URL=postgres://user@db.internal/app\n");
    clean("DATABASE_URL=postgres://user:${DB_PASS}@db.internal/app\n");
    clean("DATABASE_URL=postgres://user:password@db.internal/app\n");
    clean("url: postgresql://scott:tiger@localhost/test\n");
    clean("BROKER_URL=amqp://guest:guest@localhost:5672//\n");
}

#[test]
fn template_strings() {
    clean("url = f\"postgresql://{user}:{password}@{host}/{db}\"\n");
    clean("url = \"mysql://%s:%s@%s/%s\" % (user, password, host, db)\n");
    clean("conn = \"Server={host};Uid={user};Pwd={password};\"\n");
    clean("password = \"{}\".format(pw)\n");
}
