//! The most downloaded distributions of PyPI, and the names one edit away
//! from them that a typosquatting package takes.
//!
//! [`POPULAR`] holds about 300 of the most downloaded PyPI projects, PEP 503
//! normalised: the top of the public 30-day download ranking (computed
//! from PyPI's `pypi.file_downloads` BigQuery table), written down by hand
//! as of [`POPULAR_AS_OF`], order approximate. It is data: refresh it when
//! the ranking moves. A name in the list is never a typosquat of another
//! (`boto` and `boto3`, `scapy` and `scipy` are both real).

use rustc_hash::FxHashSet;
use std::sync::LazyLock;

/// Date of the ranking [`POPULAR`] was taken from.
pub const POPULAR_AS_OF: &str = "2026-11";

/// Most downloaded PyPI projects, normalised names.
pub const POPULAR: &[&str] = &[
    "boto3",
    "botocore",
    "urllib3",
    "requests",
    "setuptools",
    "certifi",
    "charset-normalizer",
    "idna",
    "typing-extensions",
    "python-dateutil",
    "s3transfer",
    "packaging",
    "aiobotocore",
    "six",
    "numpy",
    "pyyaml",
    "s3fs",
    "fsspec",
    "pip",
    "cryptography",
    "grpcio-status",
    "google-api-core",
    "pydantic",
    "cffi",
    "pycparser",
    "attrs",
    "protobuf",
    "pandas",
    "importlib-metadata",
    "zipp",
    "rsa",
    "pyasn1",
    "jmespath",
    "platformdirs",
    "pydantic-core",
    "click",
    "markupsafe",
    "jinja2",
    "wheel",
    "filelock",
    "pytz",
    "awscli",
    "colorama",
    "googleapis-common-protos",
    "pluggy",
    "virtualenv",
    "tomli",
    "pytest",
    "pyjwt",
    "wrapt",
    "cachetools",
    "google-auth",
    "jsonschema",
    "pyasn1-modules",
    "iniconfig",
    "tzdata",
    "sqlalchemy",
    "aiohttp",
    "psutil",
    "annotated-types",
    "exceptiongroup",
    "docutils",
    "yarl",
    "multidict",
    "frozenlist",
    "aiosignal",
    "pyarrow",
    "requests-oauthlib",
    "oauthlib",
    "grpcio",
    "scipy",
    "greenlet",
    "soupsieve",
    "beautifulsoup4",
    "pygments",
    "decorator",
    "isodate",
    "pyparsing",
    "tqdm",
    "werkzeug",
    "openpyxl",
    "et-xmlfile",
    "async-timeout",
    "distlib",
    "lxml",
    "more-itertools",
    "tomlkit",
    "rich",
    "markdown-it-py",
    "mdurl",
    "pillow",
    "httpx",
    "httpcore",
    "h11",
    "anyio",
    "sniffio",
    "flask",
    "itsdangerous",
    "blinker",
    "requests-toolbelt",
    "websocket-client",
    "coverage",
    "google-cloud-storage",
    "google-cloud-core",
    "google-resumable-media",
    "google-crc32c",
    "proto-plus",
    "grpcio-tools",
    "azure-core",
    "azure-storage-blob",
    "azure-identity",
    "msal",
    "msal-extensions",
    "portalocker",
    "pynacl",
    "bcrypt",
    "paramiko",
    "pexpect",
    "ptyprocess",
    "keyring",
    "jaraco-classes",
    "secretstorage",
    "jeepney",
    "cloudpickle",
    "dill",
    "pathspec",
    "mypy-extensions",
    "mypy",
    "black",
    "isort",
    "flake8",
    "pycodestyle",
    "pyflakes",
    "mccabe",
    "pylint",
    "astroid",
    "tomli-w",
    "regex",
    "joblib",
    "threadpoolctl",
    "scikit-learn",
    "matplotlib",
    "kiwisolver",
    "cycler",
    "fonttools",
    "contourpy",
    "networkx",
    "sympy",
    "mpmath",
    "torch",
    "triton",
    "nvidia-cudnn-cu12",
    "transformers",
    "tokenizers",
    "huggingface-hub",
    "safetensors",
    "datasets",
    "xxhash",
    "multiprocess",
    "pyarrow-hotfix",
    "tensorflow",
    "keras",
    "h5py",
    "absl-py",
    "termcolor",
    "tensorboard",
    "markdown",
    "opt-einsum",
    "gast",
    "astunparse",
    "flatbuffers",
    "ml-dtypes",
    "wcwidth",
    "prompt-toolkit",
    "ipython",
    "traitlets",
    "jedi",
    "parso",
    "matplotlib-inline",
    "pickleshare",
    "backcall",
    "stack-data",
    "executing",
    "asttokens",
    "pure-eval",
    "ipykernel",
    "jupyter-client",
    "jupyter-core",
    "tornado",
    "pyzmq",
    "nest-asyncio",
    "debugpy",
    "comm",
    "notebook",
    "nbformat",
    "nbconvert",
    "nbclient",
    "fastjsonschema",
    "jsonschema-specifications",
    "referencing",
    "rpds-py",
    "babel",
    "sphinx",
    "alabaster",
    "imagesize",
    "snowballstemmer",
    "gunicorn",
    "uvicorn",
    "fastapi",
    "starlette",
    "django",
    "asgiref",
    "sqlparse",
    "psycopg2",
    "psycopg2-binary",
    "psycopg",
    "pymysql",
    "mysqlclient",
    "redis",
    "celery",
    "kombu",
    "billiard",
    "vine",
    "amqp",
    "pymongo",
    "dnspython",
    "elasticsearch",
    "marshmallow",
    "alembic",
    "mako",
    "python-dotenv",
    "pyopenssl",
    "service-identity",
    "twisted",
    "zope-interface",
    "automat",
    "constantly",
    "hyperlink",
    "incremental",
    "scrapy",
    "selenium",
    "trio",
    "outcome",
    "sortedcontainers",
    "websockets",
    "simplejson",
    "ujson",
    "orjson",
    "msgpack",
    "pyzstd",
    "zstandard",
    "brotli",
    "lz4",
    "python-multipart",
    "email-validator",
    "pyproject-hooks",
    "build",
    "poetry",
    "poetry-core",
    "hatchling",
    "pdm",
    "flit-core",
    "twine",
    "readme-renderer",
    "nh3",
    "bleach",
    "webencodings",
    "html5lib",
    "chardet",
    "future",
    "deprecated",
    "toml",
    "pyrsistent",
    "pytest-cov",
    "pytest-mock",
    "pytest-xdist",
    "execnet",
    "mock",
    "responses",
    "freezegun",
    "faker",
    "hypothesis",
    "tox",
    "nox",
    "pre-commit",
    "identify",
    "nodeenv",
    "cfgv",
    "ruff",
    "bandit",
    "semgrep",
    "docker",
    "kubernetes",
    "google-cloud-bigquery",
    "openai",
    "anthropic",
    "langchain",
    "langchain-core",
    "tiktoken",
    "jiter",
    "distro",
    "typer",
    "shellingham",
    "scapy",
    "boto",
    "jsonpointer",
    "jsonpatch",
    "argcomplete",
    "humanfriendly",
    "coloredlogs",
    "sentry-sdk",
    "structlog",
    "loguru",
    "tenacity",
    "backoff",
    "retry",
    "arrow",
    "pendulum",
    "tzlocal",
    "xmltodict",
    "defusedxml",
    "pycryptodome",
    "pycryptodomex",
    "ecdsa",
    "jwcrypto",
    "authlib",
    "passlib",
    "argon2-cffi",
    "gitpython",
    "gitdb",
    "smmap",
    "pyserial",
    "pyusb",
    "opencv-python",
    "imageio",
    "scikit-image",
    "seaborn",
    "plotly",
    "bokeh",
    "dash",
    "streamlit",
    "gradio",
    "statsmodels",
    "patsy",
    "xgboost",
    "lightgbm",
    "catboost",
    "numba",
    "llvmlite",
    "polars",
    "duckdb",
    "snowflake-connector-python",
    "pyspark",
    "py4j",
    "apache-airflow",
    "prefect",
    "dask",
    "distributed",
    "toolz",
    "partd",
    "locket",
    "cython",
    "pybind11",
    "setuptools-scm",
    "nose",
    "py",
    "pywin32",
    "pywin32-ctypes",
    "pyinstaller",
    "invoke",
    "fabric",
];

static SET: LazyLock<FxHashSet<&'static str>> = LazyLock::new(|| POPULAR.iter().copied().collect());

/// Names shorter than this are not judged: one edit away from a short
/// name is most short names.
const MIN_LEN: usize = 5;

/// How a name differs from the popular one it is near.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edit {
    /// A character added at the end (`requests2`, also the shape of some
    /// real companion projects: `torchx`).
    Appended,
    /// A character changed, dropped, swapped or added inside the name.
    Inside,
}

/// How `name` differs from the popular project it is near (see
/// [`near_popular`]).
pub fn edit_kind(name: &str, popular: &str) -> Edit {
    if name.len() == popular.len() + 1 && name.starts_with(popular) {
        Edit::Appended
    } else {
        Edit::Inside
    }
}

/// The popular project that `name` (PEP 503 normalised) is one edit away
/// from (a letter added, removed, changed, or two swapped), when `name`
/// is not itself popular.
pub fn near_popular(name: &str) -> Option<&'static str> {
    if name.len() < MIN_LEN || SET.contains(name) {
        return None;
    }
    POPULAR.iter().copied().find(|popular| {
        popular.len() >= MIN_LEN
            && popular.len().abs_diff(name.len()) <= 1
            && one_edit_apart(name.as_bytes(), popular.as_bytes())
    })
}

/// Whether two different byte strings are one insertion, deletion,
/// substitution or swap of neighbours apart (linear in their length).
fn one_edit_apart(a: &[u8], b: &[u8]) -> bool {
    if a == b {
        return false;
    }
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (a, b) = (&a[prefix..], &b[prefix..]);
    match a.len().cmp(&b.len()) {
        std::cmp::Ordering::Equal => {
            a[1..] == b[1..] || (a.len() >= 2 && a[0] == b[1] && a[1] == b[0] && a[2..] == b[2..])
        }
        std::cmp::Ordering::Less => a == &b[1..],
        std::cmp::Ordering::Greater => &a[1..] == b,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_one_edit_from_a_popular_one() {
        assert_eq!(near_popular("reqeusts"), Some("requests"));
        assert_eq!(near_popular("requestss"), Some("requests"));
        assert_eq!(near_popular("djang0"), Some("django"));
        assert_eq!(near_popular("urllib4"), Some("urllib3"));
        assert_eq!(near_popular("colourama"), Some("colorama"));
        // Real projects, short names, and names further away.
        assert_eq!(near_popular("requests"), None);
        assert_eq!(near_popular("scapy"), None);
        assert_eq!(near_popular("boto"), None);
        assert_eq!(near_popular("six2"), None);
        assert_eq!(near_popular("my-own-tool"), None);
        assert_eq!(near_popular("requests-cache"), None);
    }

    #[test]
    fn the_list_is_normalised() {
        assert_eq!(SET.len(), POPULAR.len(), "a name is listed twice");
        for name in POPULAR {
            assert_eq!(
                *name,
                name.to_ascii_lowercase().replace(['_', '.'], "-"),
                "{name}"
            );
        }
    }
}
