use crate::declare_rule;
use crate::rule::{Category, Flow};
use vigil_report::{Confidence, Severity};

declare_rule! {
    /// ## What it does
    /// Reports untrusted input used as the URL (or host) of a request the server
    /// makes: `requests`, `httpx`, `urllib.request`, `urllib3`, `aiohttp`
    /// clients, `http.client` connections, and clients that take their base
    /// URL when they are made: httpx's `Client(base_url=...)`, boto3's
    /// `client(..., endpoint_url=...)`, Azure's key vault clients
    /// (`vault_url`), storage accounts (`account_url`) and
    /// `BlobClient.from_blob_url`. A URL whose scheme and host are fixed by a
    /// constant prefix (`f"https://api.example.com/users/{uid}"`, or
    /// `f"{API_BASE}/users/{uid}"` with a constant `API_BASE`) is not
    /// reported, nor one whose host was checked against an allow-list.
    ///
    /// ## Why is this bad?
    /// The server can reach what the attacker cannot: cloud metadata endpoints
    /// (`169.254.169.254`), admin interfaces on `localhost`, internal services.
    /// Letting input choose the host turns the server into the attacker's proxy.
    ///
    /// ## Example
    /// ```python
    /// url = request.args["url"]
    /// return requests.get(url).text
    /// ```
    ///
    /// ## Use instead
    /// ```python
    /// path = request.args["path"]
    /// return requests.get(f"https://api.example.com/{quote(path)}").text
    /// ```
    ///
    /// ## References
    /// - CWE-918: Server-Side Request Forgery (SSRF)
    pub static RULE = {
        name: "ssrf",
        category: Category::Network,
        cwe: &[918],
        severity: Severity::High,
        confidence: Confidence::High,
        bandit: &[],
        ruff: &[],
        help: "Fix the scheme and host in code and let input choose only the path or query, or check the host against an allow-list before the request.",
        flow: Flow::new(
            "as the URL of a server-side request",
            "it can make the server call internal or arbitrary hosts (server-side request forgery)",
        )
        .local_input_by_design()
        .families(&["urls"])
        .cleared_by(&["fixed-host"])
        .supersedes(&["url-open-any-scheme"]),
    };
}
