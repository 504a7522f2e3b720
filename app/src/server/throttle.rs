//! Throttling of failed password checks (logins and signatures), counted per client address.
//!
//! Three limits, each over the last `WINDOW_MINUTES` (a sliding window):
//! - one address and one identifier: `MAX_FAILURES` (guessing one user's password). Another
//!   address is not affected, so five wrong tries from anywhere cannot lock a user out of their
//!   own desk;
//! - one address, any identifiers: `ADDRESS_MAX_FAILURES` (spraying a few guesses over every NIP);
//! - the whole city: past `GLOBAL_MAX_FAILURES` (guessing from many addresses), an address that has
//!   failed within the window may not try again until its failure ages out, while an address
//!   without failures still may: users keep logging in during an attack, and each attacking
//!   address gets one guess per window.
//!
//! A refused attempt is not checked and not counted. Failures are rows of `login_failure`;
//! each new failure deletes the rows older than the window, so the table holds only the window.
use super::entities::login_failure;
use super::hash_gate::HashGate;
use super::AppState;
use crate::error::AppError;
use axum::extract::{ConnectInfo, Request, State};
use axum::middleware::Next;
use axum::response::Response;
use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
};
use std::net::{IpAddr, SocketAddr};
use uuid::Uuid;

/// Failures from one address for one identifier before it is locked (from that address).
pub const MAX_FAILURES: usize = 5;
/// Failures from one address, any identifiers, before the address is locked.
pub const ADDRESS_MAX_FAILURES: usize = 20;
/// Failures city-wide past which only addresses without a recent failure may try.
pub const GLOBAL_MAX_FAILURES: u64 = 200;
pub const WINDOW_MINUTES: i64 = 15;

/// The address a request came from, put into its extensions by `address_middleware`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ClientAddress(pub Option<IpAddr>);

impl ClientAddress {
    /// The address as the throttle counts it: IPv4 as it is; IPv6 by its /64 network (one
    /// subscriber's usual allocation: counting single IPv6 addresses would give an attacker
    /// 2^64 fresh ones); "unknown" when the connection did not say (tests calling the router in
    /// process).
    pub fn key(&self) -> String {
        match self.0 {
            None => "unknown".to_string(),
            Some(IpAddr::V4(v4)) => v4.to_string(),
            Some(IpAddr::V6(v6)) => match v6.to_ipv4_mapped() {
                Some(v4) => v4.to_string(),
                None => {
                    let s = v6.segments();
                    let net = std::net::Ipv6Addr::new(s[0], s[1], s[2], s[3], 0, 0, 0, 0);
                    format!("{net}/64")
                }
            },
        }
    }

    /// The address of the request a server function serves.
    pub fn of_request() -> ClientAddress {
        leptos::prelude::use_context::<http::request::Parts>()
            .and_then(|p| p.extensions.get::<ClientAddress>().copied())
            .unwrap_or_default()
    }
}

/// The last address in `X-Forwarded-For`: the one the trusted proxy itself appended (earlier
/// entries are whatever the client claimed).
fn forwarded_for(headers: &http::HeaderMap) -> Option<IpAddr> {
    let last = headers.get_all("x-forwarded-for").iter().filter_map(|v| v.to_str().ok()).next_back()?;
    let entry = last.rsplit(',').next()?.trim();
    entry.parse::<IpAddr>().ok().or_else(|| entry.parse::<SocketAddr>().ok().map(|s| s.ip()))
}

/// The client's address: the connection's peer, or behind a reverse proxy trusted by the
/// settings (`PAKTA_TRUSTED_PROXY=1`) the address it forwards. Never the header otherwise: any
/// client could claim any address and so escape its throttle.
pub fn client_address(peer: Option<IpAddr>, headers: &http::HeaderMap, trusted_proxy: bool) -> ClientAddress {
    let forwarded = if trusted_proxy { forwarded_for(headers) } else { None };
    ClientAddress(forwarded.or(peer))
}

/// Puts the `ClientAddress` into every request's extensions.
pub async fn address_middleware(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let peer = req.extensions().get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip());
    let address = client_address(peer, req.headers(), state.trusted_proxy);
    req.extensions_mut().insert(address);
    next.run(req).await
}

/// One password check: from where, and for whom.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attempt {
    pub address: String,
    /// The account's username when known (a login by NIP and a signature count together), else
    /// the identifier as typed.
    pub identifier: String,
}

impl Attempt {
    pub fn new(address: &ClientAddress, identifier: &str) -> Attempt {
        Attempt { address: address.key(), identifier: identifier.to_string() }
    }
}

fn window() -> Duration {
    Duration::minutes(WINDOW_MINUTES)
}

/// When a limit of `max` failures per window stops holding, given the failures within the
/// window newest first (at least the newest `max`): when the `max`-th newest ages out.
fn lock_end(newest_first: &[DateTime<Utc>], max: usize) -> Option<DateTime<Utc>> {
    newest_first.get(max.checked_sub(1)?).map(|t| *t + window())
}

/// The times of the newest failures (at most `limit`) within the window, newest first.
async fn newest_failures(
    db: &impl ConnectionTrait,
    address: &str,
    identifier: Option<&str>,
    limit: usize,
    now: DateTime<Utc>,
) -> Result<Vec<DateTime<Utc>>, DbErr> {
    let mut q = login_failure::Entity::find()
        .select_only()
        .column(login_failure::Column::FailedAt)
        .filter(login_failure::Column::Address.eq(address))
        .filter(login_failure::Column::FailedAt.gt(now - window()));
    if let Some(identifier) = identifier {
        q = q.filter(login_failure::Column::Identifier.eq(identifier));
    }
    q.order_by_desc(login_failure::Column::FailedAt)
        .limit(limit as u64)
        .into_tuple::<DateTime<Utc>>()
        .all(db)
        .await
}

/// Until when an attempt is refused, if it is.
pub async fn locked_until(
    db: &impl ConnectionTrait,
    attempt: &Attempt,
    now: DateTime<Utc>,
) -> Result<Option<DateTime<Utc>>, DbErr> {
    let mine = newest_failures(db, &attempt.address, Some(&attempt.identifier), MAX_FAILURES, now).await?;
    let from_address = newest_failures(db, &attempt.address, None, ADDRESS_MAX_FAILURES, now).await?;
    let mut ends = vec![lock_end(&mine, MAX_FAILURES), lock_end(&from_address, ADDRESS_MAX_FAILURES)];
    if let Some(latest) = from_address.first() {
        let city_wide = login_failure::Entity::find()
            .filter(login_failure::Column::FailedAt.gt(now - window()))
            .count(db)
            .await?;
        if city_wide >= GLOBAL_MAX_FAILURES {
            ends.push(Some(*latest + window()));
        }
    }
    Ok(ends.into_iter().flatten().max().filter(|u| *u > now))
}

fn minutes_until(until: DateTime<Utc>, now: DateTime<Utc>) -> i64 {
    let secs = (until - now).num_seconds().max(1);
    (secs + 59) / 60
}

/// Refuses the attempt (`TooManyAttempts`) while any limit holds.
pub async fn check(db: &impl ConnectionTrait, attempt: &Attempt, now: DateTime<Utc>) -> Result<(), AppError> {
    match locked_until(db, attempt, now).await? {
        Some(until) => Err(AppError::TooManyAttempts { minutes: minutes_until(until, now) }),
        None => Ok(()),
    }
}

/// Checks `password` against `hash` unless the attempt is throttled, with at most a few checks
/// running at once (`HashGate`). The throttle is asked before waiting for the gate (a locked
/// attempt takes no place in its queue) and again once through it, so a burst of concurrent
/// guesses sees the failures recorded meanwhile. The caller records a failure
/// (`record_failure`): whether an attempt failed is more than a wrong password (an account that
/// is not active fails a login).
pub async fn verify_password(
    db: &DatabaseConnection,
    attempt: &Attempt,
    hash: String,
    password: String,
    now: DateTime<Utc>,
) -> Result<bool, AppError> {
    check(db, attempt, now).await?;
    let pass = HashGate::global().enter().await?;
    check(db, attempt, now).await?;
    pass.run(move || super::auth::verify_password_blocking(&hash, &password)).await
}

/// Counts a failure, and deletes the failures that have aged out of the window.
pub async fn record_failure(
    db: &impl ConnectionTrait,
    attempt: &Attempt,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    login_failure::Entity::insert(login_failure::ActiveModel {
        id: Set(Uuid::new_v4()),
        address: Set(attempt.address.clone()),
        identifier: Set(attempt.identifier.clone()),
        failed_at: Set(now),
    })
    .exec(db)
    .await?;
    login_failure::Entity::delete_many()
        .filter(login_failure::Column::FailedAt.lte(now - window()))
        .exec(db)
        .await?;
    Ok(())
}

/// Forgets the attempt's failures after a success (the address's others still count).
pub async fn clear(db: &impl ConnectionTrait, attempt: &Attempt) -> Result<(), DbErr> {
    login_failure::Entity::delete_many()
        .filter(login_failure::Column::Address.eq(attempt.address.as_str()))
        .filter(login_failure::Column::Identifier.eq(attempt.identifier.as_str()))
        .exec(db)
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> Option<IpAddr> {
        Some(s.parse().unwrap())
    }

    #[test]
    fn addresses_are_keyed_by_ipv4_or_ipv6_network() {
        assert_eq!(ClientAddress(ip("203.0.113.7")).key(), "203.0.113.7");
        assert_eq!(ClientAddress(ip("2001:db8:1:2:aaaa::1")).key(), "2001:db8:1:2::/64");
        assert_eq!(ClientAddress(ip("2001:db8:1:2:bbbb::9")).key(), "2001:db8:1:2::/64");
        assert_eq!(ClientAddress(ip("::ffff:198.51.100.4")).key(), "198.51.100.4");
        assert_eq!(ClientAddress(None).key(), "unknown");
    }

    #[test]
    fn forwarded_addresses_count_only_behind_a_trusted_proxy() {
        let mut headers = http::HeaderMap::new();
        headers.insert("x-forwarded-for", "6.6.6.6, 203.0.113.7".parse().unwrap());
        let peer = ip("10.0.0.1");
        assert_eq!(client_address(peer, &headers, false), ClientAddress(peer));
        // The entry the proxy appended (the last), not what the client claimed before it.
        assert_eq!(client_address(peer, &headers, true), ClientAddress(ip("203.0.113.7")));
        headers.append("x-forwarded-for", "[2001:db8::5]:443".parse().unwrap());
        assert_eq!(client_address(peer, &headers, true), ClientAddress(ip("2001:db8::5")));
        // Nothing usable forwarded: the peer.
        let mut junk = http::HeaderMap::new();
        junk.insert("x-forwarded-for", "bukan-alamat".parse().unwrap());
        assert_eq!(client_address(peer, &junk, true), ClientAddress(peer));
        assert_eq!(client_address(peer, &http::HeaderMap::new(), true), ClientAddress(peer));
    }

    #[test]
    fn a_limit_holds_until_its_oldest_counted_failure_ages_out() {
        let t0 = DateTime::parse_from_rfc3339("2026-12-07T10:00:00Z").unwrap().with_timezone(&Utc);
        let at = |m: i64| t0 + Duration::minutes(m);
        assert_eq!(lock_end(&[at(4), at(3), at(2), at(1)], 5), None);
        assert_eq!(lock_end(&[at(5), at(4), at(3), at(2), at(1)], 5), Some(at(1 + WINDOW_MINUTES)));
        assert_eq!(lock_end(&[at(6), at(5), at(4), at(3), at(2), at(1)], 5), Some(at(2 + WINDOW_MINUTES)));
        assert_eq!(lock_end(&[], 0), None);
        assert_eq!(minutes_until(at(15), at(0)), 15);
        assert_eq!(minutes_until(at(0) + Duration::seconds(61), at(0)), 2);
        assert_eq!(minutes_until(at(0), at(0)), 1);
    }
}
