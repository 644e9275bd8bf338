//! Credential and token detection (CWE-798, with CWE-259 for passwords and
//! CWE-321 for cryptographic keys).
//!
//! This crate is pure text logic; it knows nothing of Python syntax. It
//! serves three callers:
//!
//! - **The scanner**, for every file: [`scan_text`] finds tokens of known
//!   formats (GitHub, AWS, Stripe, OpenAI, ..., JWTs, PEM private keys,
//!   URLs and connection strings with passwords) in any text, source files
//!   included. Files for
//!   which [`is_secret_candidate_file`] holds (`.env`, `*.ini`, `*.toml`,
//!   `*.yaml`, `*.json`, ...) go through [`scan_config_file`] instead,
//!   which adds `key = value` pairs judged by name; notebooks' outputs go
//!   through [`scan_notebook_outputs`].
//! - **The AST rule** (`hardcoded-password` / `hardcoded-secret`), for every
//!   string literal bound to a name: [`classify_assignment`] gives the
//!   verdict, built from [`is_secret_name`], [`is_placeholder`],
//!   [`looks_like_prompt_or_label`], [`is_high_entropy`] and friends, which
//!   are public for rules that need them one by one.
//! - **Writers and baselines**: a [`SecretMatch`] carries only the
//!   [`Redacted`] form of its secret; [`secret_fingerprint_material`] is
//!   what fingerprints hash, and [`mask_ranges`] redacts code snippets.
//!
//! # How a text is scanned
//!
//! ```text
//! text ──► Aho-Corasick over every anchor (`ghp_`, `AKIA`, `-----BEGIN`,
//!          `://`, `twilio`, ...) ──► for each detector with anchors: regions
//!          around them (bounded, merged) ──► the detector's regexes on the
//!          regions ──► validation (shape, checksum, decoding, placeholders,
//!          context) ──► overlaps resolved ──► Vec<SecretMatch>
//! ```
//!
//! A text with no anchor costs one automaton pass. Regexes are compiled
//! once (`LazyLock`); the work per anchor is bounded, so hostile input
//! (huge lines, millions of anchors) stays linear.
//!
//! # Rules
//!
//! See [`SecretRule`]: `hardcoded-token` (with a [`SecretKind`] saying
//! which format), `hardcoded-private-key`, `credentials-in-url`,
//! `hardcoded-password` and `hardcoded-secret`.

mod assign;
mod checksum;
mod config;
mod formats;
mod kind;
mod matches;
mod names;
mod notebook;
mod redact;
mod rules;
mod scan;
mod values;
mod words;

pub use assign::classify_assignment;
pub use config::{is_secret_candidate_file, scan_config_file};
pub use kind::{SecretKind, SecretNameKind};
pub use matches::{SecretMatch, secret_fingerprint_material};
pub use names::{is_personal_data_name, is_secret_name};
pub use notebook::{NotebookSecret, scan_notebook_outputs};
pub use redact::{Redacted, mask_ranges, mask_secrets, redact, url_userinfo_ranges};
pub use rules::SecretRule;
pub use scan::{may_contain_secret, scan_text};
pub use values::{
    is_high_entropy, is_placeholder, is_template, looks_like_hash_digest,
    looks_like_prompt_or_label, looks_like_secret_path, looks_like_url_endpoint, looks_like_uuid,
    shannon_entropy,
};
pub use vigil_report::{Confidence, Severity};
