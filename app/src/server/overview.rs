//! Queries behind each role's first page.
use super::entities::{account, official, opd};
use crate::api::overview::{AdminOverview, DprdOpdRow, DprdOverview, MyProfile, OpdHeadcount};
use crate::domain::PositionKind;
use crate::error::AppError;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};
use std::collections::HashMap;
use uuid::Uuid;

async fn active_officials(db: &DatabaseConnection) -> Result<Vec<official::Model>, AppError> {
    Ok(official::Entity::find()
        .filter(official::Column::Active.eq(true))
        .filter(official::Column::PositionKind.ne(PositionKind::HeadOfRegion.as_str()))
        .all(db)
        .await?)
}

pub async fn admin(db: &DatabaseConnection) -> Result<AdminOverview, AppError> {
    let opds = opd::Entity::find().order_by_asc(opd::Column::Name).all(db).await?;
    let officials = active_officials(db).await?;
    let mut per_opd: HashMap<Uuid, u64> = HashMap::new();
    for o in &officials {
        *per_opd.entry(o.opd_id).or_default() += 1;
    }
    Ok(AdminOverview {
        opd_count: opds.len() as u64,
        official_count: officials.len() as u64,
        account_count: account::Entity::find().count(db).await?,
        opds: opds
            .into_iter()
            .map(|o| OpdHeadcount {
                officials: per_opd.get(&o.id).copied().unwrap_or(0),
                code: o.code,
                name: o.name,
            })
            .collect(),
    })
}

pub async fn profile(db: &DatabaseConnection, official_id: Uuid) -> Result<MyProfile, AppError> {
    let o = official::Entity::find_by_id(official_id).one(db).await?.ok_or(AppError::NotFound)?;
    let opd_name = opd::Entity::find_by_id(o.opd_id).one(db).await?.map(|x| x.name).unwrap_or_default();
    let supervisor = match o.supervisor_id {
        Some(id) => official::Entity::find_by_id(id)
            .one(db)
            .await?
            .map(|s| format!("{} ({})", s.name, s.position_title)),
        None => None,
    };
    let direct_reports = official::Entity::find()
        .filter(official::Column::SupervisorId.eq(o.id))
        .filter(official::Column::Active.eq(true))
        .count(db)
        .await?;
    Ok(MyProfile {
        name: o.name,
        nip: o.nip,
        rank: o.rank,
        grade: o.grade,
        position_title: o.position_title,
        position_kind: PositionKind::parse(&o.position_kind)
            .map(|k| k.label_id().to_string())
            .unwrap_or(o.position_kind),
        job_class: o.job_class,
        opd_name,
        supervisor,
        position_start: o.position_start,
        monthly_ceiling: o.monthly_ceiling,
        direct_reports,
    })
}

/// Headcounts per OPD and position kind, hidden as `domain::privacy` says (the row totals and the
/// city total are published too, so a small cell takes others with it).
pub async fn dprd(db: &DatabaseConnection) -> Result<DprdOverview, AppError> {
    use crate::domain::privacy::suppress;
    use std::collections::BTreeSet;
    const KINDS: [PositionKind; 3] =
        [PositionKind::JptPratama, PositionKind::Administrator, PositionKind::Pengawas];
    let opds = opd::Entity::find().order_by_asc(opd::Column::Name).all(db).await?;
    let officials = active_officials(db).await?;
    let row_of: HashMap<Uuid, usize> = opds.iter().enumerate().map(|(i, o)| (o.id, i)).collect();
    let mut cells: Vec<Vec<BTreeSet<Uuid>>> = vec![vec![BTreeSet::new(); KINDS.len()]; opds.len()];
    for o in &officials {
        let kind = KINDS.iter().position(|k| k.as_str() == o.position_kind);
        if let (Some(&r), Some(c)) = (row_of.get(&o.opd_id), kind) {
            cells[r][c].insert(o.id);
        }
    }
    let hidden = suppress(&cells, KINDS.len(), None);
    let count = |r: usize, c: usize| (!hidden.cells[r][c]).then_some(cells[r][c].len() as u64);
    let rows = opds
        .iter()
        .enumerate()
        .map(|(r, o)| DprdOpdRow {
            opd_name: o.name.clone(),
            jpt: count(r, 0),
            administrator: count(r, 1),
            pengawas: count(r, 2),
            total: (!hidden.rows[r]).then_some(cells[r].iter().map(BTreeSet::len).sum::<usize>() as u64),
        })
        .collect();
    Ok(DprdOverview { opd_count: opds.len() as u64, official_count: officials.len() as u64, rows })
}
