//! DPRD's figures (issue 6): a few bulk queries (locked quarters, OPDs, officials, the stored TPP
//! results of each locked quarter of the year, the year's pact versions), aggregated here; never a
//! query per official. Only the locked quarters count: their results never change, so they are
//! read once per lock and kept, and a period's figures are reused for a few seconds (the
//! benchmark: 10,000 officials, many readers).
//!
//! Privacy (domain.md section 7) is applied here, before anything leaves the server: every group
//! of fewer than three officials, and every group whose figure would give such a group away by
//! difference, becomes `Figure::Hidden` (`domain::privacy::suppress`). The year's tables also hide
//! whatever any of its quarters hides, so that the year minus the shown quarters reveals nothing.
//! A locked quarter's results are grouped, counted and budgeted by the membership frozen at its
//! lock (`quarter_member`): who belonged to which OPD with which pagu then. Grouping them by today's
//! OPD would let a later mutasi or deactivation move a figure by exactly one official's pay, and
//! mutasi decrees are public (issue 14). Pacts are counted by the officials' current OPD.
use super::audit::{self, Entry};
use super::entities::{official, pact, pact_version, quarter_close, quarter_member, tpp_result};
use super::tpp_run::LOCKED;
use crate::api::auth::SessionUser;
use crate::api::dprd::{DprdFigures, GroupFigures, OpdFigures, PredikatShare, TrendPoint};
use crate::domain::pact::PactStatus;
use crate::domain::predikat::Predikat;
use crate::domain::privacy::{suppress, suppress_line, Figure, Hidden};
use crate::domain::statistics::{mean, median, share_of_amount, share_percent};
use crate::domain::tpp::Quarter;
use crate::domain::PositionKind;
use crate::error::AppError;
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use rust_decimal::Decimal;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, JoinType, QueryFilter, QueryOrder, QuerySelect};
use std::collections::{BTreeSet, HashMap};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use uuid::Uuid;

/// Audit actions: a view of the dashboard (page or server function) and the RDP export.
pub const VIEW_ACTION: &str = "view_dprd_dashboard";
pub const EXPORT_ACTION: &str = "export_dprd_rdp";
/// A view of the headcounts per OPD (`dprd/overview`).
pub const OVERVIEW_ACTION: &str = "view_dprd_overview";
/// The audit entity of all three.
pub const ENTITY: &str = "dprd_dashboard";

/// The five predikat, in the order of `Predikat::ALL`.
const PREDIKAT: usize = Predikat::ALL.len();

/// The last day a pact counts as signed on time: 31 January of its year (in WIB). The TPP policy
/// has no signing deadline of its own (no such field in `domain::policy`), so this is the fixed
/// default; when one is added, read it here.
pub fn on_time_cutoff(year: i32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, 1, 31)
}

/// Whether `signed_at` falls on or before the cut-off day in WIB.
fn on_time(signed_at: DateTime<Utc>, cutoff: NaiveDate) -> bool {
    signed_at.with_timezone(&crate::format::wib()).date_naive() <= cutoff
}

/// The period asked for: `tahun` 0 is the latest year with a locked quarter (or this year), `tw`
/// 0 the whole year.
fn settle(
    tahun: i32,
    tw: u32,
    locked: &[(i32, u32)],
    today: NaiveDate,
) -> Result<(i32, Option<u32>), AppError> {
    let quarter = match tw {
        0 => None,
        q => Some(
            Quarter::new(q).ok_or_else(|| AppError::validation("tw", "Triwulan harus 1 sampai 4."))?.number(),
        ),
    };
    let year = match tahun {
        0 => locked.iter().map(|(y, _)| *y).max().unwrap_or(today.year()),
        y if (2000..=2100).contains(&y) => y,
        _ => return Err(AppError::validation("tahun", "Tahun harus antara 2000 dan 2100.")),
    };
    Ok((year, quarter))
}

/// An official as the figures need them: no name, no NIP.
struct Member {
    /// Today's OPD (pacts and, without a locked quarter, the headcount).
    opd: usize,
    /// Active and not the head of region: in the headcount and the budget.
    counted: bool,
}

/// One official's stored quarter.
#[derive(Debug, Clone, Default)]
struct Eval {
    /// The OPD (index into `Data::opds`) they belonged to at the quarter's lock.
    opd: usize,
    gross: i64,
    score: Option<Decimal>,
    predikat: Option<Predikat>,
}

struct Data {
    /// (code, name) of the OPDs listed: the active ones and any with officials.
    opds: Vec<(String, String)>,
    members: Vec<Member>,
    /// The locked quarters of the year (ascending).
    quarters: Vec<LockedQuarter>,
    /// Member index → whether the year's pact was first signed on time (one pact per official).
    pacts: HashMap<u32, bool>,
}

/// The locked quarters: (lock id, year, quarter).
async fn locked_quarters(db: &DatabaseConnection) -> Result<Vec<(Uuid, i32, u32)>, AppError> {
    let rows: Vec<(Uuid, i32, i16)> = quarter_close::Entity::find()
        .select_only()
        .column(quarter_close::Column::Id)
        .column(quarter_close::Column::Year)
        .column(quarter_close::Column::Quarter)
        .filter(quarter_close::Column::Status.eq(LOCKED))
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows.into_iter().filter_map(|(id, y, q)| u32::try_from(q).ok().map(|q| (id, y, q))).collect())
}

/// One locked quarter as its lock froze it.
struct LockedQuarter {
    quarter: u32,
    /// Member index → its stored quarter (with the OPD it belonged to then).
    evals: HashMap<u32, Eval>,
    /// The members counted in the headcount and budget then: (member index, OPD index, pagu).
    roster: Vec<(u32, usize, i64)>,
    /// Every member's OPD then (pacts are counted by it).
    opd_of: HashMap<u32, usize>,
}

/// A locked quarter's stored results, by official, and the membership frozen at its lock:
/// (official, OPD, pagu, counted). Neither changes once the quarter is locked, so they are kept
/// per lock (its row id: unique to one database and one locking).
struct Frozen {
    results: Vec<(Uuid, Eval)>,
    members: Vec<(Uuid, Uuid, i64, bool)>,
}
type QuarterResults = Arc<Frozen>;
static RESULTS: Mutex<Vec<(Uuid, QuarterResults)>> = Mutex::new(Vec::new());
/// Locked quarters kept (four a year, a few years, a few databases in tests).
const CACHED_QUARTERS: usize = 32;

async fn quarter_results(
    db: &DatabaseConnection,
    lock_id: Uuid,
    year: i32,
    q: u32,
) -> Result<QuarterResults, AppError> {
    {
        let cache = RESULTS.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some((_, r)) = cache.iter().find(|(id, _)| *id == lock_id) {
            return Ok(r.clone());
        }
    }
    let months: Vec<i16> = Quarter::new(q).map(|q| q.months().map(|m| m as i16).to_vec()).unwrap_or_default();
    let rows: Vec<(Uuid, i64, Option<String>, Option<String>)> = tpp_result::Entity::find()
        .select_only()
        .column(tpp_result::Column::OfficialId)
        .column(tpp_result::Column::Gross)
        .column(tpp_result::Column::Score)
        .column(tpp_result::Column::Predikat)
        .filter(tpp_result::Column::Year.eq(year))
        .filter(tpp_result::Column::Month.is_in(months))
        .into_tuple()
        .all(db)
        .await?;
    // One official per quarter: the quarter's nilai and predikat repeat on each month.
    let mut by_official: HashMap<Uuid, Eval> = HashMap::new();
    for (official_id, gross, score, predikat) in rows {
        let e = by_official.entry(official_id).or_default();
        e.gross += gross;
        e.score = e.score.or_else(|| score.and_then(|s| s.parse().ok()));
        e.predikat = e.predikat.or_else(|| predikat.as_deref().and_then(Predikat::parse));
    }
    let members: Vec<(Uuid, Uuid, i64, bool)> = quarter_member::Entity::find()
        .select_only()
        .column(quarter_member::Column::OfficialId)
        .column(quarter_member::Column::OpdId)
        .column(quarter_member::Column::MonthlyCeiling)
        .column(quarter_member::Column::Counted)
        .filter(quarter_member::Column::LockId.eq(lock_id))
        .into_tuple()
        .all(db)
        .await?;
    let results: QuarterResults = Arc::new(Frozen { results: by_official.into_iter().collect(), members });
    let mut cache = RESULTS.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    if cache.len() >= CACHED_QUARTERS {
        cache.remove(0);
    }
    cache.push((lock_id, results.clone()));
    Ok(results)
}

async fn load(db: &DatabaseConnection, year: i32, locked: &[(Uuid, u32)]) -> Result<Data, AppError> {
    let mut frozen = Vec::with_capacity(locked.len());
    for (lock_id, q) in locked {
        frozen.push((*q, quarter_results(db, *lock_id, year, *q).await?));
    }
    let opd_rows: Vec<(Uuid, String, String, bool)> = super::entities::opd::Entity::find()
        .select_only()
        .column(super::entities::opd::Column::Id)
        .column(super::entities::opd::Column::Code)
        .column(super::entities::opd::Column::Name)
        .column(super::entities::opd::Column::Active)
        .order_by_asc(super::entities::opd::Column::Name)
        .into_tuple()
        .all(db)
        .await?;
    let mut with_officials: BTreeSet<Uuid> = BTreeSet::new();
    let official_rows: Vec<(Uuid, Uuid, bool, String)> = official::Entity::find()
        .select_only()
        .column(official::Column::Id)
        .column(official::Column::OpdId)
        .column(official::Column::Active)
        .column(official::Column::PositionKind)
        .into_tuple()
        .all(db)
        .await?;
    with_officials.extend(official_rows.iter().map(|o| o.1));
    with_officials.extend(frozen.iter().flat_map(|(_, f)| f.members.iter().map(|m| m.1)));
    let listed: Vec<(Uuid, String, String)> = opd_rows
        .into_iter()
        .filter(|(id, _, _, active)| *active || with_officials.contains(id))
        .map(|(id, code, name, _)| (id, code, name))
        .collect();
    let opd_index: HashMap<Uuid, usize> = listed.iter().enumerate().map(|(i, o)| (o.0, i)).collect();
    let mut index: HashMap<Uuid, u32> = HashMap::with_capacity(official_rows.len());
    let mut members = Vec::with_capacity(official_rows.len());
    for (id, opd_id, active, kind) in official_rows {
        let Some(&opd) = opd_index.get(&opd_id) else { continue };
        index.insert(id, members.len() as u32);
        members.push(Member { opd, counted: active && kind != PositionKind::HeadOfRegion.as_str() });
    }

    let mut quarters: Vec<LockedQuarter> = Vec::with_capacity(frozen.len());
    for (q, stored) in frozen {
        // Official → (member index, OPD index, pagu, counted) as the lock froze them.
        let then: HashMap<Uuid, (u32, usize, i64, bool)> = stored
            .members
            .iter()
            .filter_map(|(id, opd_id, ceiling, counted)| {
                Some((*id, (*index.get(id)?, *opd_index.get(opd_id)?, *ceiling, *counted)))
            })
            .collect();
        let evals: HashMap<u32, Eval> = stored
            .results
            .iter()
            .filter_map(|(id, e)| {
                let (m, opd, _, _) = then.get(id)?;
                Some((*m, Eval { opd: *opd, ..e.clone() }))
            })
            .collect();
        let roster = then.values().filter(|t| t.3).map(|(m, opd, ceiling, _)| (*m, *opd, *ceiling)).collect();
        let opd_of = then.values().map(|(m, opd, _, _)| (*m, *opd)).collect();
        quarters.push(LockedQuarter { quarter: q, evals, roster, opd_of });
    }

    let versions: Vec<(Uuid, Uuid, String, Option<DateTime<Utc>>)> = pact_version::Entity::find()
        .select_only()
        .column(pact_version::Column::PactId)
        .column(pact::Column::OfficialId)
        .column(pact_version::Column::Status)
        .column(pact_version::Column::SignedAt)
        .join(
            JoinType::InnerJoin,
            pact_version::Entity::belongs_to(pact::Entity)
                .from(pact_version::Column::PactId)
                .to(pact::Column::Id)
                .into(),
        )
        .filter(pact::Column::Year.eq(year))
        .into_tuple()
        .all(db)
        .await?;
    let cutoff = on_time_cutoff(year).ok_or(AppError::Internal)?;
    // Per pact: its official, whether any version is still alive, its first signature.
    let mut per_pact: HashMap<Uuid, (Uuid, bool, Option<DateTime<Utc>>)> = HashMap::new();
    for (pact_id, official_id, status, signed_at) in versions {
        let p = per_pact.entry(pact_id).or_insert((official_id, false, None));
        p.1 |= status != PactStatus::Cancelled.as_str();
        p.2 = match (p.2, signed_at) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
    }
    let mut pacts = HashMap::new();
    for (official_id, alive, first_signed) in per_pact.into_values() {
        // A pact cancelled in every version is no pact.
        let Some(&m) = index.get(&official_id).filter(|_| alive) else { continue };
        let in_time = first_signed.is_some_and(|at| on_time(at, cutoff));
        *pacts.entry(m).or_insert(false) |= in_time;
    }

    let opds = listed.into_iter().map(|(_, code, name)| (code, name)).collect();
    Ok(Data { opds, members, quarters, pacts })
}

type Cells = Vec<Vec<BTreeSet<u32>>>;

fn predikat_index(p: Predikat) -> usize {
    Predikat::ALL.iter().position(|x| *x == p).unwrap_or(0)
}

/// OPD × predikat: the members with each predikat in one quarter's results.
fn quarter_cells(data: &Data, evals: &HashMap<u32, Eval>) -> Cells {
    let mut cells = vec![vec![BTreeSet::new(); PREDIKAT]; data.opds.len()];
    for (m, e) in evals {
        if let Some(p) = e.predikat {
            cells[e.opd][predikat_index(p)].insert(*m);
        }
    }
    cells
}

/// What `hidden` hides of groups that hold someone: what a larger table made of these groups must
/// hide too, or it would give them away by difference.
fn hidden_nonempty(cells: &Cells, hidden: &Hidden) -> Hidden {
    let mut h = Hidden::none(cells.len(), PREDIKAT);
    for (r, row) in cells.iter().enumerate() {
        for (c, g) in row.iter().enumerate() {
            h.cells[r][c] = hidden.cells[r][c] && !g.is_empty();
        }
        h.rows[r] = hidden.rows[r] && row.iter().any(|g| !g.is_empty());
    }
    for c in 0..PREDIKAT {
        h.cols[c] = hidden.cols[c] && cells.iter().any(|row| !row[c].is_empty());
    }
    h.total = hidden.total && cells.iter().flatten().any(|g| !g.is_empty());
    h
}

/// Sums of one group over the period's evaluations.
#[derive(Default)]
struct Tally {
    scores: Vec<Decimal>,
    predikat: [u64; PREDIKAT],
    paid: i64,
}

impl Tally {
    fn add(&mut self, e: &Eval) {
        self.paid += e.gross;
        if let Some(p) = e.predikat {
            self.predikat[predikat_index(p)] += 1;
            if let Some(s) = e.score {
                self.scores.push(s);
            }
        }
    }

    fn evaluations(&self) -> u64 {
        self.predikat.iter().sum()
    }
}

fn predikat_shares(t: &Tally, row_hidden: bool, cell_hidden: [bool; PREDIKAT]) -> Vec<PredikatShare> {
    let n = t.evaluations();
    Predikat::ALL
        .iter()
        .enumerate()
        .map(|(c, p)| {
            let hidden = row_hidden || cell_hidden[c];
            PredikatShare {
                predikat: *p,
                count: Figure::of(hidden, Some(t.predikat[c])),
                share: Figure::of(hidden, share_percent(t.predikat[c], n)),
            }
        })
        .collect()
}

/// Everything about one group, each figure hidden as its group's suppression says.
struct Group<'a> {
    tally: &'a Tally,
    persons: usize,
    hidden: bool,
    cell_hidden: [bool; PREDIKAT],
    headcount: usize,
    /// Σ pagu × months of the period's locked quarters; `None` without one.
    budget: Option<i64>,
    headcount_hidden: bool,
    pacts: (u64, u64),
    pacts_hidden: bool,
    on_time_hidden: bool,
}

fn flags(hidden: &[bool]) -> [bool; PREDIKAT] {
    let mut f = [true; PREDIKAT];
    for (x, h) in f.iter_mut().zip(hidden) {
        *x = *h;
    }
    f
}

fn group_figures(g: Group<'_>) -> GroupFigures {
    let t = g.tally;
    let paid = Figure::of(g.hidden, Some(t.paid));
    let budget = Figure::of(g.headcount_hidden, g.budget);
    let paid_share = match (paid.value(), budget.value()) {
        (Some(p), Some(b)) => Figure::of(false, share_of_amount(*p, *b)),
        _ if paid.is_hidden() || budget.is_hidden() => Figure::Hidden,
        _ => Figure::Empty,
    };
    GroupFigures {
        officials: Figure::of(g.headcount_hidden, Some(g.headcount as u64)),
        evaluated: Figure::of(g.hidden, Some(g.persons as u64)),
        evaluations: Figure::of(g.hidden, Some(t.evaluations())),
        mean_score: Figure::of(g.hidden, mean(&t.scores)),
        median_score: Figure::of(g.hidden, median(&t.scores)),
        predikat: predikat_shares(t, g.hidden, g.cell_hidden),
        pacts: Figure::of(g.pacts_hidden, Some(g.pacts.0)),
        pacts_on_time: Figure::of(g.pacts_hidden || g.on_time_hidden, Some(g.pacts.1)),
        on_time_share: Figure::of(g.pacts_hidden || g.on_time_hidden, share_percent(g.pacts.1, g.pacts.0)),
        tpp_paid: paid,
        tpp_budget: budget,
        tpp_paid_share: paid_share,
    }
}

fn compute(data: &Data, year: i32, quarter: Option<u32>, years: Vec<i32>) -> Result<DprdFigures, AppError> {
    let opds = data.opds.len();
    // Each locked quarter's table, suppressed on its own (as its quarter view shows it).
    let tables: Vec<(u32, Cells, Hidden)> = data
        .quarters
        .iter()
        .map(|lq| {
            let cells = quarter_cells(data, &lq.evals);
            let hidden = suppress(&cells, PREDIKAT, None);
            (lq.quarter, cells, hidden)
        })
        .collect();
    let in_period = |q: u32| quarter.is_none_or(|want| want == q);
    // The period's table: one quarter's, or the year's (union of its quarters, hiding whatever a
    // quarter hides).
    let (cells, hidden) = match quarter {
        Some(q) => match tables.iter().find(|t| t.0 == q) {
            Some((_, cells, hidden)) => (cells.clone(), hidden.clone()),
            None => (vec![vec![BTreeSet::new(); PREDIKAT]; opds], Hidden::none(opds, PREDIKAT)),
        },
        None => {
            let mut cells: Cells = vec![vec![BTreeSet::new(); PREDIKAT]; opds];
            let mut forced = Hidden::none(opds, PREDIKAT);
            for (_, qc, qh) in &tables {
                for (r, row) in qc.iter().enumerate() {
                    for (c, g) in row.iter().enumerate() {
                        cells[r][c].extend(g.iter().copied());
                    }
                }
                forced.merge(&hidden_nonempty(qc, qh));
            }
            let hidden = suppress(&cells, PREDIKAT, Some(&forced));
            (cells, hidden)
        }
    };
    let mut tallies: Vec<Tally> = (0..opds).map(|_| Tally::default()).collect();
    let mut city = Tally::default();
    for lq in data.quarters.iter().filter(|lq| in_period(lq.quarter)) {
        for e in lq.evals.values() {
            tallies[e.opd].add(e);
            city.add(e);
        }
    }
    let persons = |r: usize| cells[r].iter().flatten().collect::<BTreeSet<_>>().len();
    let all_persons = cells.iter().flatten().flatten().collect::<BTreeSet<_>>().len();

    // Headcount and budget: one line of OPDs with the city total. With locked quarters in the
    // period, as their locks froze them: the headcount of the last, the budget of each quarter's
    // members for its three months; without, today's officials and no budget.
    let mut active: Vec<BTreeSet<u32>> = vec![BTreeSet::new(); opds];
    let period_quarters: Vec<&LockedQuarter> =
        data.quarters.iter().filter(|lq| in_period(lq.quarter)).collect();
    let mut budgets: Option<Vec<i64>> = None;
    match period_quarters.last() {
        Some(last) => {
            for (m, opd, _) in &last.roster {
                active[*opd].insert(*m);
            }
            let mut b = vec![0i64; opds];
            for (_, opd, ceiling) in period_quarters.iter().flat_map(|lq| lq.roster.iter()) {
                b[*opd] += ceiling * 3;
            }
            budgets = Some(b);
        }
        None => {
            for (i, m) in data.members.iter().enumerate().filter(|(_, m)| m.counted) {
                active[m.opd].insert(i as u32);
            }
        }
    }
    let headcounts: Vec<usize> = active.iter().map(BTreeSet::len).collect();
    let (headcount_hidden, headcount_total_hidden) = suppress_line(active);

    // Pacts: OPD × (on time, late), by the OPD of the period's last lock like the headcount (a
    // later mutasi moves no pact between OPDs), else today's.
    let mut pact_cells: Cells = vec![vec![BTreeSet::new(); 2]; opds];
    for (m, in_time) in &data.pacts {
        let opd = period_quarters
            .last()
            .and_then(|lq| lq.opd_of.get(m).copied())
            .unwrap_or(data.members[*m as usize].opd);
        pact_cells[opd][usize::from(!in_time)].insert(*m);
    }
    let pact_hidden = suppress(&pact_cells, 2, None);
    let pact_counts =
        |cells: &[BTreeSet<u32>]| ((cells[0].len() + cells[1].len()) as u64, cells[0].len() as u64);
    let city_pacts = pact_cells.iter().fold((0, 0), |acc, r| {
        let (n, on) = pact_counts(r);
        (acc.0 + n, acc.1 + on)
    });

    let budget_months = 3 * period_quarters.len() as u32;
    let opd_figures = (0..opds)
        .map(|r| OpdFigures {
            code: data.opds[r].0.clone(),
            name: data.opds[r].1.clone(),
            figures: group_figures(Group {
                tally: &tallies[r],
                persons: persons(r),
                hidden: hidden.rows[r],
                cell_hidden: flags(&hidden.cells[r]),
                headcount: headcounts[r],
                budget: budgets.as_ref().map(|b| b[r]),
                headcount_hidden: headcount_hidden[r],
                pacts: pact_counts(&pact_cells[r]),
                pacts_hidden: pact_hidden.rows[r],
                on_time_hidden: pact_hidden.cells[r][0],
            }),
        })
        .collect();
    let city_figures = group_figures(Group {
        tally: &city,
        persons: all_persons,
        hidden: hidden.total,
        cell_hidden: flags(&hidden.cols),
        headcount: headcounts.iter().sum(),
        budget: budgets.as_ref().map(|b| b.iter().sum()),
        headcount_hidden: headcount_total_hidden,
        pacts: city_pacts,
        pacts_hidden: pact_hidden.total,
        on_time_hidden: pact_hidden.cols[0],
    });
    let trend = tables
        .iter()
        .map(|(q, qc, qh)| {
            let mut t = Tally::default();
            if let Some(lq) = data.quarters.iter().find(|lq| lq.quarter == *q) {
                lq.evals.values().for_each(|e| t.add(e));
            }
            let persons = qc.iter().flatten().map(BTreeSet::len).sum::<usize>();
            TrendPoint {
                quarter: *q,
                evaluated: Figure::of(qh.total, Some(persons as u64)),
                mean_score: Figure::of(qh.total, mean(&t.scores)),
                predikat: predikat_shares(&t, qh.total, flags(&qh.cols)),
            }
        })
        .collect();
    Ok(DprdFigures {
        year,
        quarter,
        locked: data.quarters.iter().map(|lq| lq.quarter).collect(),
        years,
        on_time_cutoff: on_time_cutoff(year).ok_or(AppError::Internal)?,
        budget_months,
        city: city_figures,
        opds: opd_figures,
        trend,
    })
}

/// How long computed figures are reused (the benchmark: 10,000 officials, many DPRD readers). The
/// results behind them are those of locked quarters, which never change; the headcount, budgets
/// and pacts may, and are then at most this old.
const FRESH_FOR: Duration = Duration::from_secs(10);
/// Periods kept; the oldest goes first.
const CACHED_PERIODS: usize = 64;

/// The set of locks (their row ids: unique to a database and to one locking, so a relock or
/// another database never matches), the year and the quarter.
type Key = (Vec<Uuid>, i32, Option<u32>);

/// A refresh that has not finished in this time is taken to have failed; the next reader retries.
const REFRESH_GIVE_UP: Duration = Duration::from_secs(30);

struct CacheEntry {
    key: Key,
    computed: Instant,
    /// When a reader started recomputing the stale figures (the others keep reading these).
    refreshing: Option<Instant>,
    figures: Arc<DprdFigures>,
}

/// Figures computed lately, per period, in this process.
static CACHE: Mutex<Vec<CacheEntry>> = Mutex::new(Vec::new());

/// The figures to reuse: fresh ones, or stale ones while another reader recomputes them (so a
/// crowd of readers does not recompute all at once). `None`: the caller computes them.
fn cached(key: &Key) -> Option<Arc<DprdFigures>> {
    let mut cache = CACHE.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    let entry = cache.iter_mut().find(|e| e.key == *key)?;
    if entry.computed.elapsed() < FRESH_FOR
        || entry.refreshing.is_some_and(|started| started.elapsed() < REFRESH_GIVE_UP)
    {
        return Some(entry.figures.clone());
    }
    entry.refreshing = Some(Instant::now());
    None
}

/// Held while figures are computed.
static COMPUTING: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// Figures computed less than [`FRESH_FOR`] ago (by a reader that held [`COMPUTING`] before).
fn fresh(key: &Key) -> Option<Arc<DprdFigures>> {
    let cache = CACHE.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    cache.iter().find(|e| e.key == *key && e.computed.elapsed() < FRESH_FOR).map(|e| e.figures.clone())
}

fn keep(key: Key, figures: Arc<DprdFigures>) {
    let mut cache = CACHE.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    cache.retain(|e| e.key != key && e.computed.elapsed() < FRESH_FOR + REFRESH_GIVE_UP);
    if cache.len() >= CACHED_PERIODS {
        cache.remove(0);
    }
    cache.push(CacheEntry { key, computed: Instant::now(), refreshing: None, figures });
}

/// The figures of a period (no audit entry: see [`view`]). Periods with a locked quarter are
/// reused for [`FRESH_FOR`].
pub async fn figures(
    db: &DatabaseConnection,
    tahun: i32,
    tw: u32,
    now: DateTime<Utc>,
) -> Result<DprdFigures, AppError> {
    let (all_locked, year, quarter) = period(db, tahun, tw, now).await?;
    let mut lock_ids: Vec<Uuid> = all_locked.iter().map(|(id, _, _)| *id).collect();
    lock_ids.sort_unstable();
    let key = (lock_ids, year, quarter);
    let reusable = all_locked.iter().any(|(_, y, _)| *y == year);
    if let Some(f) = cached(&key).filter(|_| reusable) {
        return Ok(f.as_ref().clone());
    }
    // One reader computes at a time; the others wait and take its figures (without this, a crowd
    // arriving before the first figures exist would each compute them).
    let _computing = if reusable { Some(COMPUTING.lock().await) } else { None };
    if let Some(f) = fresh(&key).filter(|_| reusable) {
        return Ok(f.as_ref().clone());
    }
    let figures = compute_now(db, &all_locked, year, quarter).await?;
    if reusable {
        keep(key, Arc::new(figures.clone()));
    }
    Ok(figures)
}

/// The figures of a period computed from the database now, past the per-process reuse of
/// [`figures`] (which would hide a change for [`FRESH_FOR`]): what an audit of the figures, or a
/// test that they do not move, reads.
pub async fn figures_now(
    db: &DatabaseConnection,
    tahun: i32,
    tw: u32,
    now: DateTime<Utc>,
) -> Result<DprdFigures, AppError> {
    let (all_locked, year, quarter) = period(db, tahun, tw, now).await?;
    compute_now(db, &all_locked, year, quarter).await
}

/// Every lock, and the period asked for (see [`settle`]).
async fn period(
    db: &DatabaseConnection,
    tahun: i32,
    tw: u32,
    now: DateTime<Utc>,
) -> Result<(Vec<(Uuid, i32, u32)>, i32, Option<u32>), AppError> {
    let all_locked = locked_quarters(db).await?;
    let today = now.with_timezone(&crate::format::wib()).date_naive();
    let pairs: Vec<(i32, u32)> = all_locked.iter().map(|(_, y, q)| (*y, *q)).collect();
    let (year, quarter) = settle(tahun, tw, &pairs, today)?;
    Ok((all_locked, year, quarter))
}

async fn compute_now(
    db: &DatabaseConnection,
    all_locked: &[(Uuid, i32, u32)],
    year: i32,
    quarter: Option<u32>,
) -> Result<DprdFigures, AppError> {
    let mut locked: Vec<(Uuid, u32)> =
        all_locked.iter().filter(|(_, y, _)| *y == year).map(|(id, _, q)| (*id, *q)).collect();
    locked.sort_unstable_by_key(|(_, q)| *q);
    locked.dedup_by_key(|(_, q)| *q);
    let mut years: Vec<i32> = all_locked.iter().map(|(_, y, _)| *y).chain([year]).collect();
    years.sort_unstable_by(|a, b| b.cmp(a));
    years.dedup();
    let data = load(db, year, &locked).await?;
    compute(&data, year, quarter, years)
}

async fn record(
    log: &audit::ReadLog,
    user: &SessionUser,
    action: &str,
    record_id: Option<String>,
    after: serde_json::Value,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let entry = Entry {
        actor: Some(user.account_id),
        action,
        entity: ENTITY,
        record_id,
        before: None,
        after: Some(after),
    };
    log.append(entry, now).await
}

/// Records that `user` saw (or exported) the figures of a period (committed with the reads
/// arriving together, see [`audit::ReadLog`]).
pub async fn record_view(
    log: &audit::ReadLog,
    user: &SessionUser,
    action: &str,
    year: i32,
    quarter: Option<u32>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let period = match quarter {
        Some(q) => format!("{year}-TW{q}"),
        None => year.to_string(),
    };
    let after = serde_json::json!({ "tahun": year, "tw": quarter, "peran": user.role.as_str() });
    record(log, user, action, Some(period), after, now).await
}

/// Records that `user` saw the headcounts per OPD (`dprd/overview`).
pub async fn record_overview(
    log: &audit::ReadLog,
    user: &SessionUser,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let after = serde_json::json!({ "peran": user.role.as_str() });
    record(log, user, OVERVIEW_ACTION, None, after, now).await
}

/// The figures, as DPRD (or the admin) sees them: recorded in the audit log.
pub async fn view(
    db: &DatabaseConnection,
    log: &audit::ReadLog,
    user: &SessionUser,
    tahun: i32,
    tw: u32,
    now: DateTime<Utc>,
) -> Result<DprdFigures, AppError> {
    let f = figures(db, tahun, tw, now).await?;
    record_view(log, user, VIEW_ACTION, f.year, f.quarter, now).await?;
    Ok(f)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn member(opd: usize) -> Member {
        Member { opd, counted: true }
    }

    fn eval(opd: usize, score: &str, p: Predikat) -> Eval {
        Eval { opd, gross: 9_000_000, score: Some(score.parse().unwrap()), predikat: Some(p) }
    }

    /// OPDs A (6 officials), B (`b_members`) and C (5), all evaluated in TW I: even members Baik
    /// (nilai 100), odd ones Sangat Baik (112).
    fn data(b_members: usize) -> Data {
        let mut members: Vec<Member> = (0..6).map(|_| member(0)).collect();
        members.extend((0..b_members).map(|_| member(1)));
        members.extend((0..5).map(|_| member(2)));
        let mut q1 = HashMap::new();
        let mut roster = Vec::new();
        for (m, member) in members.iter().enumerate() {
            let m = m as u32;
            let even = m.is_multiple_of(2);
            let p = if even { Predikat::Baik } else { Predikat::SangatBaik };
            q1.insert(m, eval(member.opd, if even { "100" } else { "112" }, p));
            roster.push((m, member.opd, 10_000_000));
        }
        let opd_of = roster.iter().map(|(m, opd, _)| (*m, *opd)).collect();
        Data {
            opds: vec![
                ("A".into(), "Dinas A".into()),
                ("B".into(), "Dinas B".into()),
                ("C".into(), "Dinas C".into()),
            ],
            members,
            quarters: vec![LockedQuarter { quarter: 1, evals: q1, roster, opd_of }],
            pacts: HashMap::new(),
        }
    }

    #[test]
    fn a_small_opd_is_hidden_and_protected_by_difference() {
        let f = compute(&data(2), 2026, Some(1), vec![2026]).unwrap();
        let b = &f.opds[1].figures;
        assert_eq!(b.evaluated, Figure::Hidden);
        assert_eq!(b.mean_score, Figure::Hidden);
        assert_eq!(b.tpp_paid, Figure::Hidden);
        assert_eq!(b.officials, Figure::Hidden);
        assert!(b.predikat.iter().all(|p| p.count.is_hidden()));
        // C (5) is the smallest other OPD: hidden with B, or city − A − C would show B.
        assert_eq!(f.opds[2].figures.evaluated, Figure::Hidden);
        assert_eq!(f.opds[0].figures.evaluated, Figure::Value(6));
        assert_eq!(f.opds[0].figures.mean_score, Figure::Value("106".parse().unwrap()));
        assert_eq!(f.city.evaluated, Figure::Value(13));
        assert_eq!(f.city.tpp_paid, Figure::Value(13 * 9_000_000));
        assert_eq!(f.city.tpp_budget, Figure::Value(13 * 10_000_000 * 3));
        assert_eq!(f.budget_months, 3);
    }

    #[test]
    fn without_a_small_group_everything_is_shown() {
        let f = compute(&data(4), 2026, Some(1), vec![2026]).unwrap();
        for o in &f.opds {
            assert!(matches!(o.figures.evaluated, Figure::Value(_)), "{}", o.name);
            assert!(matches!(o.figures.median_score, Figure::Value(_)), "{}", o.name);
        }
        // B's 2 Baik and 2 Sangat Baik are hidden cells of a shown OPD.
        assert_eq!(f.opds[1].figures.evaluated, Figure::Value(4));
        assert!(f.opds[1].figures.predikat[..2].iter().all(|p| p.count.is_hidden()));
        assert_eq!(f.opds[1].figures.predikat[2].count, Figure::Value(0));
        assert_eq!(f.opds[0].figures.predikat[0].share, Figure::Value("50".parse().unwrap()));
    }

    #[test]
    fn an_unlocked_quarter_has_no_figures() {
        let f = compute(&data(4), 2026, Some(2), vec![2026]).unwrap();
        assert_eq!(f.city.evaluated, Figure::Value(0));
        assert_eq!(f.city.mean_score, Figure::Empty);
        assert_eq!(f.city.tpp_budget, Figure::Empty);
        assert_eq!(f.trend.len(), 1, "the trend is the year's");
    }

    #[test]
    fn periods_default_and_validate() {
        let today = NaiveDate::from_ymd_opt(2027, 3, 1).unwrap();
        assert_eq!(settle(0, 0, &[(2026, 1), (2025, 4)], today).unwrap(), (2026, None));
        assert_eq!(settle(0, 2, &[], today).unwrap(), (2027, Some(2)));
        assert!(settle(2026, 5, &[], today).unwrap_err().field_message("tw").is_some());
        assert!(settle(1999, 1, &[], today).unwrap_err().field_message("tahun").is_some());
        let cutoff = on_time_cutoff(2026).unwrap();
        let at = |s: &str| s.parse::<DateTime<Utc>>().unwrap();
        assert!(on_time(at("2026-01-31T16:59:59Z"), cutoff), "23:59:59 WIB on 31 January");
        assert!(!on_time(at("2026-01-31T17:00:00Z"), cutoff), "1 February in WIB");
    }
}
