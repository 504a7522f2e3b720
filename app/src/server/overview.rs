//! Queries behind each role's first page.
use super::entities::{account, official, opd};
use crate::api::overview::{AdminOverview, DprdOpdRow, DprdOverview, MyProfile, OpdHeadcount};
use crate::domain::PositionKind;
use crate::error::AppError;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};
use std::collections::HashMap;
use uuid::Uuid;

/// DPRD sees no group smaller than this (domain.md section 7).
pub const MIN_GROUP: u64 = 3;

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

fn shown(n: u64) -> Option<u64> {
    // Zero reveals nothing about a person; 1 or 2 could.
    (n == 0 || n >= MIN_GROUP).then_some(n)
}

pub async fn dprd(db: &DatabaseConnection) -> Result<DprdOverview, AppError> {
    let opds = opd::Entity::find().order_by_asc(opd::Column::Name).all(db).await?;
    let officials = active_officials(db).await?;
    let mut counts: HashMap<(Uuid, &str), u64> = HashMap::new();
    for o in &officials {
        *counts.entry((o.opd_id, o.position_kind.as_str())).or_default() += 1;
    }
    let get = |id: Uuid, k: PositionKind| counts.get(&(id, k.as_str())).copied().unwrap_or(0);
    let rows = opds
        .iter()
        .map(|o| {
            let (j, a, p) = (
                get(o.id, PositionKind::JptPratama),
                get(o.id, PositionKind::Administrator),
                get(o.id, PositionKind::Pengawas),
            );
            DprdOpdRow {
                opd_name: o.name.clone(),
                jpt: shown(j),
                administrator: shown(a),
                pengawas: shown(p),
                total: shown(j + a + p),
            }
        })
        .collect();
    Ok(DprdOverview { opd_count: opds.len() as u64, official_count: officials.len() as u64, rows })
}
