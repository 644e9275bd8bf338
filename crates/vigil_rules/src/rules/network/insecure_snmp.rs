use crate::call_pattern::{Arg, CallPattern, Cond};
use crate::declare_rule;
use crate::rule::Category;
use vigil_report::{Confidence, Severity};

const COMMUNITY_DATA: &[&str] = &[
    "pysnmp.hlapi.CommunityData",
    "pysnmp.hlapi.asyncio.CommunityData",
    "pysnmp.hlapi.asyncore.CommunityData",
    "pysnmp.hlapi.v1arch.CommunityData",
    "pysnmp.hlapi.v1arch.asyncio.CommunityData",
    "pysnmp.hlapi.v3arch.CommunityData",
    "pysnmp.hlapi.v3arch.asyncio.CommunityData",
    "pysnmp.entity.rfc3413.oneliner.cmdgen.CommunityData",
];

const USM_USER_DATA: &[&str] = &[
    "pysnmp.hlapi.UsmUserData",
    "pysnmp.hlapi.asyncio.UsmUserData",
    "pysnmp.hlapi.asyncore.UsmUserData",
    "pysnmp.hlapi.v3arch.UsmUserData",
    "pysnmp.hlapi.v3arch.asyncio.UsmUserData",
    "pysnmp.entity.rfc3413.oneliner.cmdgen.UsmUserData",
];

const WEAK_PROTOCOLS: &[&str] = &[
    "pysnmp.hlapi.usmHMACMD5AuthProtocol",
    "pysnmp.hlapi.usmDESPrivProtocol",
    "pysnmp.hlapi.usm3DESEDEPrivProtocol",
    "pysnmp.hlapi.asyncio.usmHMACMD5AuthProtocol",
    "pysnmp.hlapi.asyncio.usmDESPrivProtocol",
    "pysnmp.hlapi.asyncio.usm3DESEDEPrivProtocol",
    "pysnmp.hlapi.v3arch.usmHMACMD5AuthProtocol",
    "pysnmp.hlapi.v3arch.usmDESPrivProtocol",
    "pysnmp.hlapi.v3arch.usm3DESEDEPrivProtocol",
    "pysnmp.hlapi.v3arch.asyncio.usmHMACMD5AuthProtocol",
    "pysnmp.hlapi.v3arch.asyncio.usmDESPrivProtocol",
    "pysnmp.hlapi.v3arch.asyncio.usm3DESEDEPrivProtocol",
];

const AUTH_KEY: Arg = Arg::at(1, "authKey");
const PRIV_KEY: Arg = Arg::at(2, "privKey");

declare_rule! {
    /// ## What it does
    /// Flags pysnmp credentials that do not protect SNMP traffic:
    /// `CommunityData(...)` (SNMP v1 and v2c, whatever `mpModel`),
    /// `UsmUserData(user)` without an authentication key (SNMPv3
    /// noAuthNoPriv), `UsmUserData(user, auth_key)` without a privacy key
    /// (authNoPriv, reported at low severity), and SNMPv3 with HMAC-MD5
    /// authentication or DES/3DES privacy.
    ///
    /// ## Why is this bad?
    /// SNMP v1/v2c "authenticate" with a community string sent in clear
    /// text: anyone who sees one request can read, and often write, the
    /// device's configuration. SNMPv3 without authentication is no better;
    /// without privacy the management data (configurations, routing tables)
    /// is readable on the wire.
    ///
    /// ## Example
    /// ```python
    /// auth = CommunityData("public", mpModel=0)
    /// ```
    ///
    /// ## Use instead
    /// ```python
    /// auth = UsmUserData("monitor", auth_key, priv_key,
    ///                    authProtocol=usmHMACSHAAuthProtocol,
    ///                    privProtocol=usmAesCfb128Protocol)
    /// ```
    ///
    /// ## References
    /// - CWE-319: Cleartext Transmission of Sensitive Information
    /// - CWE-327: Use of a Broken or Risky Cryptographic Algorithm
    pub static RULE = {
        name: "insecure-snmp",
        category: Category::Network,
        cwe: &[319, 327],
        severity: Severity::Medium,
        confidence: Confidence::High,
        bandit: &["B508", "B509"],
        ruff: &["S508", "S509"],
        help: "Use SNMPv3 with both an authentication and a privacy key (`UsmUserData(user, auth_key, priv_key)`) and SHA/AES protocols.",
        calls: &[
            CallPattern::new(
                COMMUNITY_DATA,
                &[],
                "`{callee}` uses SNMP v1/v2c, whose community string travels in clear text and is the only access control",
            ),
            CallPattern::new(
                USM_USER_DATA,
                &[Cond::Missing(AUTH_KEY)],
                "`{callee}` has no authentication key: SNMPv3 without authentication or encryption (noAuthNoPriv)",
            ),
            CallPattern::new(
                USM_USER_DATA,
                &[Cond::IsNone(AUTH_KEY)],
                "`{callee}` has no authentication key: SNMPv3 without authentication or encryption (noAuthNoPriv)",
            ),
            CallPattern::new(
                USM_USER_DATA,
                &[Cond::Truthy(AUTH_KEY), Cond::Missing(PRIV_KEY)],
                "`{callee}` has no privacy key: SNMPv3 messages are authenticated but sent unencrypted (authNoPriv)",
            )
            .severity(Severity::Low),
            CallPattern::new(
                USM_USER_DATA,
                &[Cond::NameIn(Arg::kw("authProtocol"), WEAK_PROTOCOLS)],
                "`{callee}` authenticates with HMAC-MD5, a legacy SNMPv3 protocol",
            )
            .severity(Severity::Low),
            CallPattern::new(
                USM_USER_DATA,
                &[Cond::NameIn(Arg::kw("privProtocol"), WEAK_PROTOCOLS)],
                "`{callee}` encrypts with DES or 3DES, weak SNMPv3 privacy protocols",
            ),
        ],
    };
}
