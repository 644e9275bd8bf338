//! Word lists behind the name and value judgements, kept apart from the
//! logic in [`crate::names`] and [`crate::values`] so that both read
//! short. Everything is compared in lower case.

/// Values that are never a real secret, compared without case.
#[rustfmt::skip]
pub(crate) const PLACEHOLDER_WORDS: &[&str] = &[
    "none", "null", "nil", "undefined", "true", "false", "n/a", "na", "tbd", "todo", "fixme",
    "changeme", "changeit", "change_me", "change-me", "replaceme", "secret", "secrets", "password",
    "passwd", "pass", "pwd", "passphrase", "token", "apikey", "api_key", "api-key", "key", "value",
    "test", "testing", "tests", "dummy", "fake", "mock", "sample", "example", "placeholder",
    "default", "foo", "bar", "baz", "qux", "foobar", "foobared", "abc", "abc123", "123", "1234",
    "12345", "123456", "1234567", "12345678", "123456789", "1234567890", "redacted", "hidden",
    "masked", "removed", "omitted", "secret_key", "secretkey", "mysecret", "my_secret",
    "my-secret", "mypassword", "my_password", "notasecret", "s3cr3t", "hunter2", "username",
    "user", "login",
    // `scott:tiger` (Oracle, SQLAlchemy docs) and `guest:guest` (RabbitMQ's
    // localhost-only default) fill documentation, not deployments.
    "tiger", "guest",
];

/// Pieces that mark a value as a placeholder wherever they occur (compared
/// in lower case).
#[rustfmt::skip]
pub(crate) const PLACEHOLDER_PARTS: &[&str] = &[
    "example", "placeholder", "dummy", "changeme", "change_me", "change-me", "replace_me",
    "replace-me", "replaceme", "replace_with", "replace-with", "insert_", "insert-", "your_",
    "your-", "yourapi", "yourtoken", "yoursecret", "yourpass", "yourkey", "<your", "_here",
    "-here", "xxxx", "****", "••", "…", "...", "redacted", "not_a_real", "not-a-real", "notareal",
    "notreal", "not_real", "fake_", "fake-", "_fake", "-fake", "fakefake", "12345678", "abcdefgh",
    "0000000000", "1111111111", "<token>", "<secret>", "<password>",
];

/// SHA-256 of keys that vendors publish in their documentation (kept as
/// hashes so that this repository holds no secret-shaped strings): the
/// Azure Storage emulator account key and Stripe's documented test keys.
#[rustfmt::skip]
pub(crate) const DOCUMENTED_EXAMPLE_SHA256: &[&str] = &[
    // Azurite / Azure Storage emulator `devstoreaccount1` key.
    "0011cc25eb4320717494d2703e8cba85743e71b500283c21c8b88147992f9059",
    // Stripe API reference test secret keys.
    "2cafc0970149a84f3b9e62eaf169f36f59907a3b3e31f7b82e68c69cd27f7326",
    "f2d6ca16515033e5dce14eba840b979d27b5cbae24bb3e5bf484339667f86397",
];

/// Common words of made-up values (`ThisIsMyApiKeyValue1`,
/// `super_secret_password`); random strings contain words of three or more
/// letters only by rare chance.
#[rustfmt::skip]
pub(crate) const COMMON_WORDS: &[&str] = &[
    "api", "key", "secret", "token", "pass", "word", "value", "this", "that", "test", "demo",
    "dev", "prod", "staging", "local", "admin", "user", "default", "super", "very", "app",
    "service", "client", "server", "access", "auth", "private", "public", "insecure", "change",
    "please", "example", "sample", "dummy", "fake", "mock", "not", "real", "just", "some",
    "secure", "strong", "random", "string", "long", "hard", "coded", "here", "put", "replace",
    "insert", "company", "project", "site", "web", "data", "base", "login", "root", "master",
    "main", "new", "old", "temp", "foo", "bar", "baz", "hello", "world", "abc", "xyz", "qwerty",
    "letmein", "welcome", "monkey", "dragon", "sunshine", "shadow", "football", "iloveyou",
    "princess", "signing", "encryption", "session", "cookie", "hmac", "salt", "for", "and", "with",
    "only", "your", "our", "the", "top", "dont", "share", "tell", "anyone", "should", "must",
    "never",
];

/// Words that may follow the head without changing its meaning.
#[rustfmt::skip]
pub(crate) const NEUTRAL_SUFFIXES: &[&str] = &[
    "value", "val", "str", "string", "plain", "plaintext", "raw", "b64", "base64", "hex", "bytes",
    "literal", "base", "default", "override", "enc",
];

/// Words that, before the head, make the name about something other than a
/// secret value.
#[rustfmt::skip]
pub(crate) const NEGATING_PREFIXES: &[&str] = &[
    "max", "min", "num", "n", "count", "total", "number", "len", "length", "is", "has", "use",
    "uses", "using", "enable", "enabled", "require", "requires", "required", "no", "skip", "hide",
    "show", "allow", "disable", "check", "next", "page", "prev", "previous", "continuation", "starting",
    "pagination", "cursor", "sync", "start", "end", "eos", "bos", "pad", "unk", "sep", "cls",
    "mask", "special", "input", "output", "prompt", "completion", "forward", "backward", "first",
    "second", "third", "last", "final", "single", "multi", "double", "render", "compile",
    "compiler", "lexer", "parser", "parse", "word", "sub", "subword", "stop", "invalid", "bad",
    "wrong", "expected", "unexpected", "cancel", "cancellation", "lookahead", "peek", "comment",
    "forgot", "reset", "change", "update", "set", "get", "generate", "gen", "make", "create",
    "random", "hash", "hashed", "encrypted", "dummy", "fake", "mock", "example", "sample",
    "public", "verified", "match", "validate", "valid", "ask", "load", "fetch", "save", "field",
    "label", "placeholder", "empty", "blank", "null", "none", "disabled",
];

/// Services whose name before `key` (`stripe_key`, `OPENAI_KEY`) means an
/// API key.
#[rustfmt::skip]
pub(crate) const VENDORS: &[&str] = &[
    "stripe", "openai", "anthropic", "claude", "sendgrid", "mailgun", "twilio", "github", "gitlab",
    "slack", "google", "gcp", "maps", "gmaps", "firebase", "algolia", "pusher", "mapbox",
    "datadog", "dd", "newrelic", "aws", "azure", "heroku", "cloudflare", "mailchimp", "shopify",
    "paypal", "braintree", "square", "plaid", "segment", "mixpanel", "amplitude", "rollbar",
    "bugsnag", "pagerduty", "opsgenie", "telegram", "discord", "openweather", "openweathermap",
    "weather", "youtube", "spotify", "twitter", "facebook", "fb", "linkedin", "huggingface", "hf",
    "cohere", "replicate", "groq", "mistral", "pinecone", "serp", "serpapi", "tavily", "bing",
    "deepl", "elevenlabs", "airtable", "notion", "asana", "jira", "trello", "zendesk", "hubspot",
    "salesforce", "intercom", "vonage", "nexmo", "postmark", "sparkpost", "mandrill", "rapidapi",
    "gemini", "perplexity", "deepseek", "together", "fireworks", "langsmith", "langchain", "wandb",
    "comet", "neptune", "qdrant", "weaviate", "supabase", "vercel", "netlify", "okta", "auth0",
    "sentry", "binance", "coinbase", "etherscan", "infura", "alchemy",
];

/// Words before `secret` that make it a signing or encryption key.
#[rustfmt::skip]
pub(crate) const CRYPTO_SECRET_QUALIFIERS: &[&str] = &[
    "jwt", "hmac", "session", "cookie", "signing", "sign", "signature", "encryption", "csrf",
];
