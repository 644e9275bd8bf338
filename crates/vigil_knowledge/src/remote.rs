//! The remote-shell family: commands run on other machines, through the
//! login shell of the remote account (SSH clients, Fabric).
//!
//! The pattern rule `remote-shell-command` and the dataflow rule that
//! claims this family (`command-injection`) read these lists. Local
//! commands (Fabric's `local`, invoke, pexpect's `spawn`) are in
//! [`crate::commands`].

use crate::{Method, Receiver};

/// paramiko's clients: `exec_command(command)`.
pub const SSH_CLIENT: Receiver = Receiver {
    ty: "paramiko.SSHClient",
    made_by: &["paramiko.SSHClient", "paramiko.client.SSHClient"],
    methods: &[Method::new("exec_command", 0, "command")],
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
};

/// pexpect's SSH sessions: `sendline(s)` types a line into the remote
/// shell.
pub const PXSSH: Receiver = Receiver {
    ty: "pexpect.pxssh.pxssh",
    made_by: &["pexpect.pxssh.pxssh"],
    methods: &[Method::new("sendline", 0, "s")],
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

/// The receiver whose methods include `method` and whose constructors
/// include `made_by`.
pub fn receiver_method(made_by: &str, method: &str) -> Option<&'static Method> {
    RECEIVERS
        .iter()
        .find(|r| r.made_by.contains(&made_by))
        .and_then(|r| r.method(method))
}

/// Every method name of the family (the pattern rule's call filter).
pub fn method_names() -> impl Iterator<Item = &'static str> {
    RECEIVERS
        .iter()
        .flat_map(|r| r.methods.iter().map(|m| m.name))
}
