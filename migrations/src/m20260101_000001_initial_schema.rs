//! The whole domain of `shared/domain.md`, so later changes add behaviour rather than tables.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

fn created_at() -> ColumnDef {
    timestamp_with_time_zone(Alias::new("created_at"))
}

/// An exact decimal kept as its canonical string (see the crate docs for why not NUMERIC).
fn decimal_text<T: IntoIden>(col: T) -> ColumnDef {
    text(col)
}
fn decimal_text_null<T: IntoIden>(col: T) -> ColumnDef {
    text_null(col)
}

fn fk(table: impl IntoIden, col: impl IntoIden, to: impl IntoIden) -> ForeignKeyCreateStatement {
    let table = table.into_iden();
    let col = col.into_iden();
    ForeignKey::create()
        .name(format!("fk_{table}_{col}"))
        .from(table, col)
        .to(to, Alias::new("id"))
        .on_delete(ForeignKeyAction::Restrict)
        .to_owned()
}

fn unique_index(table: impl IntoIden, name: &str, cols: &[&'static str]) -> IndexCreateStatement {
    let mut idx = Index::create();
    idx.name(name).table(table.into_iden()).unique();
    for c in cols {
        idx.col(Alias::new(*c));
    }
    idx.to_owned()
}

fn index(table: impl IntoIden, name: &str, cols: &[&'static str]) -> IndexCreateStatement {
    let mut idx = Index::create();
    idx.name(name).table(table.into_iden());
    for c in cols {
        idx.col(Alias::new(*c));
    }
    idx.to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Opd::Table)
                .col(pk_uuid(Opd::Id))
                .col(string_uniq(Opd::Code))
                .col(string_uniq(Opd::Name))
                .col(string(Opd::Kind))
                .col(boolean(Opd::Active).default(true))
                .col(created_at())
                .col(integer(Opd::RowVersion).default(1))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Official::Table)
                .col(pk_uuid(Official::Id))
                .col(string_null(Official::Nip).unique_key())
                .col(string(Official::Name))
                .col(string_null(Official::Rank))
                .col(string_null(Official::Grade))
                .col(string(Official::PositionTitle))
                .col(string(Official::PositionKind))
                .col(integer(Official::JobClass))
                .col(uuid(Official::OpdId))
                .col(uuid_null(Official::SupervisorId))
                .col(date(Official::PositionStart))
                .col(big_integer(Official::MonthlyCeiling))
                .col(boolean(Official::Active).default(true))
                .col(created_at())
                .col(integer(Official::RowVersion).default(1))
                .foreign_key(&mut fk(Official::Table, Official::OpdId, Opd::Table))
                .foreign_key(&mut fk(Official::Table, Official::SupervisorId, Official::Table))
                .to_owned(),
        )
        .await?;
        m.create_index(index(Official::Table, "idx_official_opd", &["opd_id"])).await?;
        m.create_index(index(Official::Table, "idx_official_supervisor", &["supervisor_id"])).await?;

        m.create_table(
            Table::create()
                .table(PositionHistory::Table)
                .col(pk_uuid(PositionHistory::Id))
                .col(uuid(PositionHistory::OfficialId))
                .col(uuid(PositionHistory::OpdId))
                .col(string(PositionHistory::PositionTitle))
                .col(string(PositionHistory::PositionKind))
                .col(integer(PositionHistory::JobClass))
                .col(uuid_null(PositionHistory::SupervisorId))
                .col(big_integer(PositionHistory::MonthlyCeiling))
                .col(date(PositionHistory::StartDate))
                .col(date_null(PositionHistory::EndDate))
                .col(string(PositionHistory::Reason))
                .col(created_at())
                .foreign_key(&mut fk(PositionHistory::Table, PositionHistory::OfficialId, Official::Table))
                .foreign_key(&mut fk(PositionHistory::Table, PositionHistory::OpdId, Opd::Table))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Account::Table)
                .col(pk_uuid(Account::Id))
                .col(string_uniq(Account::Username))
                .col(string(Account::PasswordHash))
                .col(string(Account::Role))
                .col(uuid_null(Account::OfficialId).unique_key())
                .col(boolean(Account::Active).default(true))
                .col(boolean(Account::IsDemo).default(false))
                .col(created_at())
                .col(timestamp_with_time_zone(Account::PasswordChangedAt))
                .foreign_key(&mut fk(Account::Table, Account::OfficialId, Official::Table))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Session::Table)
                .col(string(Session::Id).primary_key())
                .col(uuid(Session::AccountId))
                .col(created_at())
                .col(timestamp_with_time_zone(Session::ExpiresAt))
                .foreign_key(
                    &mut fk(Session::Table, Session::AccountId, Account::Table)
                        .on_delete(ForeignKeyAction::Cascade)
                        .to_owned(),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(index(Session::Table, "idx_session_account", &["account_id"])).await?;

        m.create_table(
            Table::create()
                .table(LoginThrottle::Table)
                .col(string(LoginThrottle::Key).primary_key())
                .col(integer(LoginThrottle::Failures))
                .col(timestamp_with_time_zone(LoginThrottle::FirstFailureAt))
                .col(timestamp_with_time_zone_null(LoginThrottle::LockedUntil))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(PactTemplate::Table)
                .col(pk_uuid(PactTemplate::Id))
                .col(integer_uniq(PactTemplate::Version))
                .col(string(PactTemplate::Title))
                .col(text(PactTemplate::Body))
                .col(date(PactTemplate::EffectiveFrom))
                .col(created_at())
                .col(uuid_null(PactTemplate::CreatedBy))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Pact::Table)
                .col(pk_uuid(Pact::Id))
                .col(uuid(Pact::OfficialId))
                .col(integer(Pact::Year))
                .col(created_at())
                .foreign_key(&mut fk(Pact::Table, Pact::OfficialId, Official::Table))
                .to_owned(),
        )
        .await?;
        m.create_index(unique_index(Pact::Table, "uq_pact_official_year", &["official_id", "year"])).await?;

        m.create_table(
            Table::create()
                .table(PactVersion::Table)
                .col(pk_uuid(PactVersion::Id))
                .col(uuid(PactVersion::PactId))
                .col(integer(PactVersion::VersionNo))
                .col(string(PactVersion::Status))
                .col(string_null(PactVersion::RevisionReason))
                .col(text_null(PactVersion::RevisionNote))
                .col(text(PactVersion::PositionSnapshot))
                .col(uuid(PactVersion::TemplateId))
                .col(text(PactVersion::IntegrityText))
                .col(uuid_null(PactVersion::SecondPartyId))
                .col(string_null(PactVersion::ContentHash))
                .col(string_null(PactVersion::VerificationCode).unique_key())
                .col(date_null(PactVersion::ValidFrom))
                .col(date_null(PactVersion::ValidUntil))
                .col(created_at())
                .col(uuid_null(PactVersion::CreatedBy))
                .col(timestamp_with_time_zone_null(PactVersion::FrozenAt))
                .col(timestamp_with_time_zone_null(PactVersion::SignedAt))
                .col(timestamp_with_time_zone_null(PactVersion::ClosedAt))
                .col(integer(PactVersion::RowVersion).default(1))
                .foreign_key(&mut fk(PactVersion::Table, PactVersion::PactId, Pact::Table))
                .foreign_key(&mut fk(PactVersion::Table, PactVersion::TemplateId, PactTemplate::Table))
                .foreign_key(&mut fk(PactVersion::Table, PactVersion::SecondPartyId, Official::Table))
                .to_owned(),
        )
        .await?;
        m.create_index(unique_index(PactVersion::Table, "uq_pact_version_no", &["pact_id", "version_no"]))
            .await?;

        m.create_table(
            Table::create()
                .table(Indicator::Table)
                .col(pk_uuid(Indicator::Id))
                .col(uuid(Indicator::PactVersionId))
                .col(integer(Indicator::Position))
                .col(text(Indicator::Objective))
                .col(text(Indicator::Name))
                .col(string(Indicator::Unit))
                .col(string(Indicator::Polarity))
                .col(string(Indicator::TargetKind))
                .col(decimal_text(Indicator::Weight))
                .col(decimal_text_null(Indicator::AnnualTarget))
                .col(decimal_text_null(Indicator::AnnualTargetLow))
                .col(decimal_text_null(Indicator::AnnualTargetHigh))
                .col(text_null(Indicator::Program))
                .col(big_integer_null(Indicator::Budget))
                .foreign_key(&mut fk(Indicator::Table, Indicator::PactVersionId, PactVersion::Table))
                .to_owned(),
        )
        .await?;
        m.create_index(unique_index(
            Indicator::Table,
            "uq_indicator_position",
            &["pact_version_id", "position"],
        ))
        .await?;

        m.create_table(
            Table::create()
                .table(IndicatorTarget::Table)
                .col(pk_uuid(IndicatorTarget::Id))
                .col(uuid(IndicatorTarget::IndicatorId))
                .col(small_integer(IndicatorTarget::Quarter))
                .col(decimal_text_null(IndicatorTarget::Target))
                .col(decimal_text_null(IndicatorTarget::TargetLow))
                .col(decimal_text_null(IndicatorTarget::TargetHigh))
                .foreign_key(&mut fk(IndicatorTarget::Table, IndicatorTarget::IndicatorId, Indicator::Table))
                .to_owned(),
        )
        .await?;
        m.create_index(unique_index(
            IndicatorTarget::Table,
            "uq_indicator_target_quarter",
            &["indicator_id", "quarter"],
        ))
        .await?;

        m.create_table(
            Table::create()
                .table(StoredFile::Table)
                .col(pk_uuid(StoredFile::Id))
                .col(string(StoredFile::Sha256))
                .col(big_integer(StoredFile::Size))
                .col(string(StoredFile::ContentType))
                .col(string_uniq(StoredFile::StorageName))
                .col(string(StoredFile::OriginalName))
                .col(uuid_null(StoredFile::UploadedBy))
                .col(created_at())
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Signature::Table)
                .col(pk_uuid(Signature::Id))
                .col(uuid(Signature::PactVersionId))
                .col(string(Signature::Party))
                .col(uuid(Signature::SignerOfficialId))
                .col(string(Signature::Method))
                .col(timestamp_with_time_zone(Signature::SignedAt))
                .col(string(Signature::ContentHash))
                .col(uuid_null(Signature::ScanFileId))
                .col(uuid_null(Signature::RecordedBy))
                .col(created_at())
                .foreign_key(&mut fk(Signature::Table, Signature::PactVersionId, PactVersion::Table))
                .foreign_key(&mut fk(Signature::Table, Signature::SignerOfficialId, Official::Table))
                .foreign_key(&mut fk(Signature::Table, Signature::ScanFileId, StoredFile::Table))
                .to_owned(),
        )
        .await?;
        m.create_index(unique_index(Signature::Table, "uq_signature_party", &["pact_version_id", "party"]))
            .await?;

        m.create_table(
            Table::create()
                .table(Evaluation::Table)
                .col(pk_uuid(Evaluation::Id))
                .col(uuid(Evaluation::PactVersionId))
                .col(integer(Evaluation::Year))
                .col(small_integer(Evaluation::Quarter))
                .col(integer(Evaluation::Revision).default(1))
                .col(string_null(Evaluation::Behaviour))
                .col(uuid_null(Evaluation::BehaviourRatedBy))
                .col(boolean(Evaluation::BehaviourOnBehalf).default(false))
                .col(text_null(Evaluation::BehaviourNote))
                .col(string(Evaluation::Status))
                .col(text_null(Evaluation::CorrectionReason))
                .col(integer(Evaluation::RowVersion).default(1))
                .col(created_at())
                .foreign_key(&mut fk(Evaluation::Table, Evaluation::PactVersionId, PactVersion::Table))
                .to_owned(),
        )
        .await?;
        m.create_index(unique_index(
            Evaluation::Table,
            "uq_evaluation_quarter",
            &["pact_version_id", "quarter", "revision"],
        ))
        .await?;

        m.create_table(
            Table::create()
                .table(Realisation::Table)
                .col(pk_uuid(Realisation::Id))
                .col(uuid(Realisation::EvaluationId))
                .col(uuid(Realisation::IndicatorId))
                .col(decimal_text_null(Realisation::Value))
                .col(decimal_text_null(Realisation::ValueLow))
                .col(text_null(Realisation::EvidenceNote))
                .col(text_null(Realisation::EvidenceLink))
                .col(uuid_null(Realisation::EvidenceFileId))
                .col(text_null(Realisation::Obstacles))
                .col(text_null(Realisation::FollowUp))
                .col(integer(Realisation::RowVersion).default(1))
                .col(timestamp_with_time_zone(Realisation::UpdatedAt))
                .col(uuid_null(Realisation::UpdatedBy))
                .foreign_key(&mut fk(Realisation::Table, Realisation::EvaluationId, Evaluation::Table))
                .foreign_key(&mut fk(Realisation::Table, Realisation::IndicatorId, Indicator::Table))
                .foreign_key(&mut fk(Realisation::Table, Realisation::EvidenceFileId, StoredFile::Table))
                .to_owned(),
        )
        .await?;
        m.create_index(unique_index(
            Realisation::Table,
            "uq_realisation_indicator",
            &["evaluation_id", "indicator_id"],
        ))
        .await?;

        m.create_table(
            Table::create()
                .table(AttendanceCut::Table)
                .col(pk_uuid(AttendanceCut::Id))
                .col(uuid(AttendanceCut::OfficialId))
                .col(integer(AttendanceCut::Year))
                .col(small_integer(AttendanceCut::Month))
                .col(string(AttendanceCut::Code))
                .col(integer(AttendanceCut::Count))
                .col(created_at())
                .foreign_key(&mut fk(AttendanceCut::Table, AttendanceCut::OfficialId, Official::Table))
                .to_owned(),
        )
        .await?;
        m.create_index(unique_index(
            AttendanceCut::Table,
            "uq_attendance_cut",
            &["official_id", "year", "month", "code"],
        ))
        .await?;

        m.create_table(
            Table::create()
                .table(Sanction::Table)
                .col(pk_uuid(Sanction::Id))
                .col(uuid(Sanction::OfficialId))
                .col(string(Sanction::Level))
                .col(decimal_text_null(Sanction::Percent))
                .col(date(Sanction::StartDate))
                .col(integer(Sanction::Months))
                .col(string_null(Sanction::DecreeNumber))
                .col(text_null(Sanction::Note))
                .col(created_at())
                .col(uuid_null(Sanction::CreatedBy))
                .foreign_key(&mut fk(Sanction::Table, Sanction::OfficialId, Official::Table))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(IntegrityBreach::Table)
                .col(pk_uuid(IntegrityBreach::Id))
                .col(uuid(IntegrityBreach::OfficialId))
                .col(date(IntegrityBreach::OccurredOn))
                .col(string(IntegrityBreach::PactPoint))
                .col(string(IntegrityBreach::Source))
                .col(text_null(IntegrityBreach::Note))
                .col(created_at())
                .col(uuid_null(IntegrityBreach::CreatedBy))
                .foreign_key(&mut fk(IntegrityBreach::Table, IntegrityBreach::OfficialId, Official::Table))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(TppPolicy::Table)
                .col(pk_uuid(TppPolicy::Id))
                .col(integer_uniq(TppPolicy::Version))
                .col(date_uniq(TppPolicy::EffectiveFrom))
                .col(text(TppPolicy::Body))
                .col(text_null(TppPolicy::Note))
                .col(created_at())
                .col(uuid_null(TppPolicy::CreatedBy))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(OpdPredikat::Table)
                .col(pk_uuid(OpdPredikat::Id))
                .col(uuid(OpdPredikat::OpdId))
                .col(integer(OpdPredikat::Year))
                .col(small_integer(OpdPredikat::Quarter))
                .col(string(OpdPredikat::Predikat))
                .foreign_key(&mut fk(OpdPredikat::Table, OpdPredikat::OpdId, Opd::Table))
                .to_owned(),
        )
        .await?;
        m.create_index(unique_index(OpdPredikat::Table, "uq_opd_predikat", &["opd_id", "year", "quarter"]))
            .await?;

        m.create_table(
            Table::create()
                .table(QuarterClose::Table)
                .col(pk_uuid(QuarterClose::Id))
                .col(integer(QuarterClose::Year))
                .col(small_integer(QuarterClose::Quarter))
                .col(string(QuarterClose::Status))
                .col(timestamp_with_time_zone_null(QuarterClose::LockedAt))
                .col(uuid_null(QuarterClose::LockedBy))
                .to_owned(),
        )
        .await?;
        m.create_index(unique_index(QuarterClose::Table, "uq_quarter_close", &["year", "quarter"])).await?;

        m.create_table(
            Table::create()
                .table(TppRun::Table)
                .col(pk_uuid(TppRun::Id))
                .col(integer(TppRun::Year))
                .col(small_integer(TppRun::Quarter))
                .col(uuid_null(TppRun::OpdId))
                .col(uuid(TppRun::PolicyId))
                .col(string(TppRun::Status))
                .col(timestamp_with_time_zone(TppRun::StartedAt))
                .col(timestamp_with_time_zone_null(TppRun::FinishedAt))
                .col(uuid_null(TppRun::RunBy))
                .foreign_key(&mut fk(TppRun::Table, TppRun::PolicyId, TppPolicy::Table))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(TppResult::Table)
                .col(pk_uuid(TppResult::Id))
                .col(uuid(TppResult::RunId))
                .col(uuid(TppResult::OfficialId))
                .col(integer(TppResult::Year))
                .col(small_integer(TppResult::Month))
                .col(big_integer(TppResult::MonthlyCeiling))
                .col(decimal_text(TppResult::DisciplineCutPercent))
                .col(big_integer(TppResult::Discipline))
                .col(decimal_text(TppResult::ProductivityFactor))
                .col(big_integer(TppResult::Productivity))
                .col(decimal_text(TppResult::SanctionPercent))
                .col(big_integer(TppResult::SanctionCut))
                .col(big_integer(TppResult::Gross))
                .col(uuid(TppResult::PolicyId))
                .col(text(TppResult::Explanation))
                .foreign_key(&mut fk(TppResult::Table, TppResult::RunId, TppRun::Table))
                .foreign_key(&mut fk(TppResult::Table, TppResult::OfficialId, Official::Table))
                .foreign_key(&mut fk(TppResult::Table, TppResult::PolicyId, TppPolicy::Table))
                .to_owned(),
        )
        .await?;
        m.create_index(unique_index(TppResult::Table, "uq_tpp_result", &["run_id", "official_id", "month"]))
            .await?;

        m.create_table(
            Table::create()
                .table(TppCorrection::Table)
                .col(pk_uuid(TppCorrection::Id))
                .col(uuid(TppCorrection::OfficialId))
                .col(uuid(TppCorrection::EvaluationId))
                .col(integer(TppCorrection::Year))
                .col(small_integer(TppCorrection::Month))
                .col(big_integer(TppCorrection::Difference))
                .col(string(TppCorrection::Kind))
                .col(text(TppCorrection::Reason))
                .col(string(TppCorrection::Status))
                .col(uuid(TppCorrection::RequestedBy))
                .col(uuid_null(TppCorrection::ApprovedBy))
                .col(created_at())
                .col(timestamp_with_time_zone_null(TppCorrection::ApprovedAt))
                .foreign_key(&mut fk(TppCorrection::Table, TppCorrection::OfficialId, Official::Table))
                .foreign_key(&mut fk(TppCorrection::Table, TppCorrection::EvaluationId, Evaluation::Table))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(AuditLog::Table)
                .col(pk_uuid(AuditLog::Id))
                .col(big_integer_uniq(AuditLog::Seq))
                .col(timestamp_with_time_zone(AuditLog::At))
                .col(uuid_null(AuditLog::AccountId))
                .col(string(AuditLog::Action))
                .col(string(AuditLog::Entity))
                .col(string_null(AuditLog::RecordId))
                .col(text_null(AuditLog::Before))
                .col(text_null(AuditLog::After))
                .col(string(AuditLog::PrevHash))
                .col(string_uniq(AuditLog::Hash))
                .to_owned(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // Children before parents.
        let tables: Vec<DynIden> = vec![
            AuditLog::Table.into_iden(),
            TppCorrection::Table.into_iden(),
            TppResult::Table.into_iden(),
            TppRun::Table.into_iden(),
            QuarterClose::Table.into_iden(),
            OpdPredikat::Table.into_iden(),
            TppPolicy::Table.into_iden(),
            IntegrityBreach::Table.into_iden(),
            Sanction::Table.into_iden(),
            AttendanceCut::Table.into_iden(),
            Realisation::Table.into_iden(),
            Evaluation::Table.into_iden(),
            Signature::Table.into_iden(),
            StoredFile::Table.into_iden(),
            IndicatorTarget::Table.into_iden(),
            Indicator::Table.into_iden(),
            PactVersion::Table.into_iden(),
            Pact::Table.into_iden(),
            PactTemplate::Table.into_iden(),
            LoginThrottle::Table.into_iden(),
            Session::Table.into_iden(),
            Account::Table.into_iden(),
            PositionHistory::Table.into_iden(),
            Official::Table.into_iden(),
            Opd::Table.into_iden(),
        ];
        for t in tables {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Opd {
    Table,
    Id,
    Code,
    Name,
    Kind,
    Active,
    RowVersion,
}
#[derive(DeriveIden)]
enum Official {
    Table,
    Id,
    Nip,
    Name,
    Rank,
    Grade,
    PositionTitle,
    PositionKind,
    JobClass,
    OpdId,
    SupervisorId,
    PositionStart,
    MonthlyCeiling,
    Active,
    RowVersion,
}
#[derive(DeriveIden)]
enum PositionHistory {
    Table,
    Id,
    OfficialId,
    OpdId,
    PositionTitle,
    PositionKind,
    JobClass,
    SupervisorId,
    MonthlyCeiling,
    StartDate,
    EndDate,
    Reason,
}
#[derive(DeriveIden)]
enum Account {
    Table,
    Id,
    Username,
    PasswordHash,
    Role,
    OfficialId,
    Active,
    IsDemo,
    PasswordChangedAt,
}
#[derive(DeriveIden)]
enum Session {
    Table,
    Id,
    AccountId,
    ExpiresAt,
}
#[derive(DeriveIden)]
enum LoginThrottle {
    Table,
    Key,
    Failures,
    FirstFailureAt,
    LockedUntil,
}
#[derive(DeriveIden)]
enum PactTemplate {
    Table,
    Id,
    Version,
    Title,
    Body,
    EffectiveFrom,
    CreatedBy,
}
#[derive(DeriveIden)]
enum Pact {
    Table,
    Id,
    OfficialId,
    Year,
}
#[derive(DeriveIden)]
enum PactVersion {
    Table,
    Id,
    PactId,
    VersionNo,
    Status,
    RevisionReason,
    RevisionNote,
    PositionSnapshot,
    TemplateId,
    IntegrityText,
    SecondPartyId,
    ContentHash,
    VerificationCode,
    ValidFrom,
    ValidUntil,
    CreatedBy,
    FrozenAt,
    SignedAt,
    ClosedAt,
    RowVersion,
}
#[derive(DeriveIden)]
enum Indicator {
    Table,
    Id,
    PactVersionId,
    Position,
    Objective,
    Name,
    Unit,
    Polarity,
    TargetKind,
    Weight,
    AnnualTarget,
    AnnualTargetLow,
    AnnualTargetHigh,
    Program,
    Budget,
}
#[derive(DeriveIden)]
enum IndicatorTarget {
    Table,
    Id,
    IndicatorId,
    Quarter,
    Target,
    TargetLow,
    TargetHigh,
}
#[derive(DeriveIden)]
enum StoredFile {
    Table,
    Id,
    Sha256,
    Size,
    ContentType,
    StorageName,
    OriginalName,
    UploadedBy,
}
#[derive(DeriveIden)]
enum Signature {
    Table,
    Id,
    PactVersionId,
    Party,
    SignerOfficialId,
    Method,
    SignedAt,
    ContentHash,
    ScanFileId,
    RecordedBy,
}
#[derive(DeriveIden)]
enum Evaluation {
    Table,
    Id,
    PactVersionId,
    Year,
    Quarter,
    Revision,
    Behaviour,
    BehaviourRatedBy,
    BehaviourOnBehalf,
    BehaviourNote,
    Status,
    CorrectionReason,
    RowVersion,
}
#[derive(DeriveIden)]
enum Realisation {
    Table,
    Id,
    EvaluationId,
    IndicatorId,
    Value,
    ValueLow,
    EvidenceNote,
    EvidenceLink,
    EvidenceFileId,
    Obstacles,
    FollowUp,
    RowVersion,
    UpdatedAt,
    UpdatedBy,
}
#[derive(DeriveIden)]
enum AttendanceCut {
    Table,
    Id,
    OfficialId,
    Year,
    Month,
    Code,
    Count,
}
#[derive(DeriveIden)]
enum Sanction {
    Table,
    Id,
    OfficialId,
    Level,
    Percent,
    StartDate,
    Months,
    DecreeNumber,
    Note,
    CreatedBy,
}
#[derive(DeriveIden)]
enum IntegrityBreach {
    Table,
    Id,
    OfficialId,
    OccurredOn,
    PactPoint,
    Source,
    Note,
    CreatedBy,
}
#[derive(DeriveIden)]
enum TppPolicy {
    Table,
    Id,
    Version,
    EffectiveFrom,
    Body,
    Note,
    CreatedBy,
}
#[derive(DeriveIden)]
enum OpdPredikat {
    Table,
    Id,
    OpdId,
    Year,
    Quarter,
    Predikat,
}
#[derive(DeriveIden)]
enum QuarterClose {
    Table,
    Id,
    Year,
    Quarter,
    Status,
    LockedAt,
    LockedBy,
}
#[derive(DeriveIden)]
enum TppRun {
    Table,
    Id,
    Year,
    Quarter,
    OpdId,
    PolicyId,
    Status,
    StartedAt,
    FinishedAt,
    RunBy,
}
#[derive(DeriveIden)]
enum TppResult {
    Table,
    Id,
    RunId,
    OfficialId,
    Year,
    Month,
    MonthlyCeiling,
    DisciplineCutPercent,
    Discipline,
    ProductivityFactor,
    Productivity,
    SanctionPercent,
    SanctionCut,
    Gross,
    PolicyId,
    Explanation,
}
#[derive(DeriveIden)]
enum TppCorrection {
    Table,
    Id,
    OfficialId,
    EvaluationId,
    Year,
    Month,
    Difference,
    Kind,
    Reason,
    Status,
    RequestedBy,
    ApprovedBy,
    ApprovedAt,
}
#[derive(DeriveIden)]
enum AuditLog {
    Table,
    Id,
    Seq,
    At,
    AccountId,
    Action,
    Entity,
    RecordId,
    Before,
    After,
    PrevHash,
    Hash,
}
