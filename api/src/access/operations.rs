//! Who may read what the service says about itself: `/metrics` goes to the operator's
//! monitoring, from configured addresses or with a configured token, and to nobody else; the
//! audit and access logs to supervisors and admins limited to no jurisdiction. And whose
//! persisted queries a request may name by hash.

use std::net::IpAddr;

/// Refuses anyone but supervisors and admins limited to no jurisdiction: the logs hold the
/// work of every jurisdiction.
pub fn may_read_logs(caller: &super::Caller) -> crate::error::AppResult<()> {
    use super::Role;
    if caller.within().is_some() {
        Err(crate::error::AppError::forbidden(
            "the logs hold every jurisdiction's work: a token limited to jurisdictions may not read them",
        ))
    } else if matches!(caller.role(), Role::Supervisor | Role::Admin) {
        Ok(())
    } else {
        Err(crate::error::AppError::forbidden(
            "only supervisors and admins may read the logs",
        ))
    }
}

/// Whether a request from `client` carrying the bearer token `bearer` may read `/metrics`,
/// given the configured `addresses` and `token`. The token is compared in constant time.
pub fn may_read_metrics(
    client: Option<IpAddr>,
    bearer: Option<&str>,
    addresses: &[IpAddr],
    token: Option<&str>,
) -> bool {
    let from_allowed_address = client.is_some_and(|c| addresses.contains(&canonical(c)));
    let with_token = match (bearer, token) {
        (Some(given), Some(expected)) => constant_time_eq(given.as_bytes(), expected.as_bytes()),
        _ => false,
    };
    from_allowed_address || with_token
}

/// The set of persisted query texts (automatic persisted queries) whose hashes `caller` may
/// name: the anonymous callers' shared set (`""`), or the token subject's own. A text sent by one
/// caller is never found by another's hash, so nobody learns by a hash whether someone else
/// sent a query, whose literals may say what they looked for.
pub fn persisted_queries_of(caller: &super::Caller) -> &str {
    caller.subject().unwrap_or_default()
}

/// An IPv4 address carried in IPv6 (`::ffff:127.0.0.1`) as plain IPv4.
fn canonical(address: IpAddr) -> IpAddr {
    match address {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(address, IpAddr::V4),
        v4 => v4,
    }
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metrics_go_to_configured_addresses_or_the_token_only() {
        let local: IpAddr = [127, 0, 0, 1].into();
        let mapped: IpAddr = "::ffff:127.0.0.1".parse().unwrap_or(local);
        let outside: IpAddr = [203, 0, 113, 7].into();
        let token = "a-metrics-token-of-at-least-32-bytes";
        // (client, bearer, allowed addresses, configured token, may read)
        type Case<'a> = (
            Option<IpAddr>,
            Option<&'a str>,
            &'a [IpAddr],
            Option<&'a str>,
            bool,
        );
        let table: [Case<'_>; 10] = [
            (Some(local), None, &[local], None, true),
            (Some(mapped), None, &[local], None, true),
            (Some(outside), None, &[local], None, false),
            (None, None, &[local], None, false),
            (Some(outside), Some(token), &[local], Some(token), true),
            (Some(outside), Some("wrong"), &[local], Some(token), false),
            (Some(outside), Some(""), &[local], Some(""), false),
            (Some(outside), Some(token), &[local], None, false),
            (Some(local), None, &[], None, false),
            (Some(local), None, &[], Some(token), false),
        ];
        for (client, bearer, addresses, configured, allowed) in table {
            // An empty configured token is refused by the configuration; here it must
            // still open nothing.
            let configured = configured.filter(|t| !t.is_empty());
            assert_eq!(
                may_read_metrics(client, bearer, addresses, configured),
                allowed,
                "{client:?} {bearer:?} {addresses:?} {configured:?}"
            );
        }
    }

    #[test]
    fn only_supervisors_and_admins_limited_to_no_jurisdiction_read_the_logs() {
        use crate::access::{Caller, Role};
        for role in [
            Role::Public,
            Role::Media,
            Role::Member,
            Role::Official,
            Role::Editor,
            Role::Reviewer,
        ] {
            let caller = Caller::for_tests(role, vec![1], vec![1], None);
            assert!(may_read_logs(&caller).is_err(), "{role:?}");
        }
        for role in [Role::Supervisor, Role::Admin] {
            let caller = Caller::for_tests(role, vec![], vec![], None);
            assert!(may_read_logs(&caller).is_ok(), "{role:?}");
            let limited = caller.within_for_tests(vec![1], vec![]);
            assert!(may_read_logs(&limited).is_err(), "{role:?} limited");
        }
    }
}
