//! The remote-shell family: commands run on other machines, through the
//! login shell of the remote account (SSH clients, Fabric).
//!
//! The pattern rule `remote-shell-command` and the dataflow rule that
//! claims this family (`command-injection`) read [`RECEIVERS`] and
//! [`FABRIC_FUNCTIONS`]. The sessions of [`SESSIONS`] and
//! [`SESSION_FUNCTIONS`] (asyncssh, ssh2-python, Twisted Conch, netmiko,
//! scrapli, pexpect's interactive children) are the dataflow rule's only:
//! in automation code a command built at run time from an inventory is the
//! norm, and only untrusted data in it is a finding. Local commands
//! (Fabric's `local`, invoke, `pexpect.spawn(command)`) are in
//! [`crate::commands`].

use crate::{Method, Receiver};

/// paramiko's clients: `exec_command(command)`.
pub const SSH_CLIENT: Receiver = Receiver {
    ty: "paramiko.SSHClient",
    made_by: &["paramiko.SSHClient", "paramiko.client.SSHClient"],
    methods: &[Method::new("exec_command", 0, "command")],
    unless_false: None,
};

/// Fabric 2's connections and groups: `run(command)`, `sudo(command)`.
pub const FABRIC_CONNECTION: Receiver = Receiver {
    ty: "fabric.Connection",
    made_by: &[
        "fabric.Connection",
        "fabric.connection.Connection",
        "fabric.SerialGroup",
        "fabric.ThreadingGroup",
        "fabric.group.SerialGroup",
        "fabric.group.ThreadingGroup",
    ],
    methods: &[
        Method::new("run", 0, "command"),
        Method::new("sudo", 0, "command"),
    ],
    unless_false: Some(FABRIC_SHELL),
};

/// The keyword of Fabric's `run`/`sudo` that, false, runs the command
/// without wrapping it in a shell of Fabric's.
pub const FABRIC_SHELL: &str = "shell";

/// pexpect's SSH sessions: `sendline(s)` types a line into the remote
/// shell.
pub const PXSSH: Receiver = Receiver {
    ty: "pexpect.pxssh.pxssh",
    made_by: &["pexpect.pxssh.pxssh"],
    methods: &[Method::new("sendline", 0, "s")],
    unless_false: None,
};

/// Every receiver of the family.
pub const RECEIVERS: &[Receiver] = &[SSH_CLIENT, FABRIC_CONNECTION, PXSSH];

/// Fabric 1's functions (`command`, first).
pub const FABRIC_FUNCTIONS: &[&str] = &[
    "fabric.api.run",
    "fabric.api.sudo",
    "fabric.operations.run",
    "fabric.operations.sudo",
];

/// The parameter that holds the command in [`FABRIC_FUNCTIONS`].
pub const COMMAND_PARAMETER: (usize, &str) = (0, "command");

/// Sessions whose commands run through the remote account's shell, for
/// the dataflow rule only (see the module documentation).
pub const SHELL_SESSIONS: &[Receiver] = &[
    // asyncssh: `async with asyncssh.connect(host) as conn: await conn.run(cmd)`.
    Receiver {
        ty: "asyncssh.SSHClientConnection",
        made_by: &[
            "asyncssh.connect",
            "asyncssh.connection.connect",
            "asyncssh.connect_reverse",
            "asyncssh.SSHClientConnection",
            "asyncssh.connection.SSHClientConnection",
        ],
        methods: &[
            Method::new("run", 0, "command"),
            Method::new("create_process", 0, "command"),
            Method::new("create_session", 1, "command"),
        ],
        unless_false: None,
    },
    // ssh2-python: `chan = session.open_session(); chan.execute(cmd)`.
    Receiver {
        ty: "ssh2.session.Session",
        made_by: &["ssh2.session.Session"],
        methods: &[],
        unless_false: None,
    },
    Receiver {
        ty: "ssh2.channel.Channel",
        made_by: &["ssh2.session.Session.open_session"],
        methods: &[Method::new("execute", 0, "command")],
        unless_false: None,
    },
    // pexpect's children: a line sent to a spawned shell or `ssh` runs.
    Receiver {
        ty: "pexpect.spawn",
        made_by: &[
            "pexpect.spawn",
            "pexpect.pty_spawn.spawn",
            "pexpect.spawnu",
            "pexpect.popen_spawn.PopenSpawn",
        ],
        methods: &[Method::new("send", 0, "s"), Method::new("sendline", 0, "s")],
        unless_false: None,
    },
];

/// Functions whose command runs through the remote account's shell, for
/// the dataflow rule only: Twisted Conch's command endpoints
/// (`newConnection(reactor, command, username, hostname, ...)`).
pub const SESSION_FUNCTIONS: &[(&[&str], usize, &str)] = &[(
    &[
        "twisted.conch.endpoints.SSHCommandClientEndpoint.newConnection",
        "twisted.conch.endpoints.SSHCommandClientEndpoint.existingConnection",
    ],
    1,
    "command",
)];

/// Connections to network devices, whose commands are typed into the
/// device's command line, for the dataflow rule only. That line is not a
/// POSIX shell: validate values (an allow-list, digits); `shlex.quote`
/// clears these sinks as it clears every `command-injection` sink, though
/// a device does not read its quotes.
pub const DEVICE_SESSIONS: &[Receiver] = &[
    // netmiko: `conn = ConnectHandler(**device); conn.send_command(cmd)`.
    Receiver {
        ty: "netmiko.BaseConnection",
        made_by: &[
            "netmiko.ConnectHandler",
            "netmiko.ssh_dispatcher.ConnectHandler",
            "netmiko.BaseConnection",
            "netmiko.base_connection.BaseConnection",
        ],
        methods: &[
            Method::new("send_command", 0, "command_string"),
            Method::new("send_command_timing", 0, "command_string"),
            Method::new("send_command_expect", 0, "command_string"),
            Method::new("send_config_set", 0, "config_commands"),
            Method::new("send_multiline", 0, "commands"),
            Method::new("send_multiline_timing", 0, "commands"),
        ],
        unless_false: None,
    },
    // scrapli: `with Scrapli(**device) as conn: conn.send_command(cmd)`.
    Receiver {
        ty: "scrapli.Driver",
        made_by: &[
            "scrapli.Scrapli",
            "scrapli.AsyncScrapli",
            "scrapli.driver.GenericDriver",
            "scrapli.driver.AsyncGenericDriver",
            "scrapli.driver.core.IOSXEDriver",
            "scrapli.driver.core.IOSXRDriver",
            "scrapli.driver.core.NXOSDriver",
            "scrapli.driver.core.EOSDriver",
            "scrapli.driver.core.JunosDriver",
            "scrapli.driver.core.AsyncIOSXEDriver",
            "scrapli.driver.core.AsyncIOSXRDriver",
            "scrapli.driver.core.AsyncNXOSDriver",
            "scrapli.driver.core.AsyncEOSDriver",
            "scrapli.driver.core.AsyncJunosDriver",
        ],
        methods: &[
            Method::new("send_command", 0, "command"),
            Method::new("send_commands", 0, "commands"),
            Method::new("send_config", 0, "config"),
            Method::new("send_configs", 0, "configs"),
        ],
        unless_false: None,
    },
];

/// The receiver of [`RECEIVERS`] whose constructors include `made_by`,
/// with its method `method` if it is one of the family's.
pub fn receiver_method(
    made_by: &str,
    method: &str,
) -> Option<(&'static Receiver, &'static Method)> {
    RECEIVERS
        .iter()
        .find(|r| r.made_by.contains(&made_by))
        .and_then(|r| r.method(method).map(|m| (r, m)))
}

/// Every method name of the family (the pattern rule's call filter).
pub fn method_names() -> impl Iterator<Item = &'static str> {
    RECEIVERS
        .iter()
        .flat_map(|r| r.methods.iter().map(|m| m.name))
}
