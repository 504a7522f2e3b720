//! Uploaded files' bytes live in the database, beside their metadata (`stored_file`): app servers
//! keep no state of their own, so any of them can serve a scan another one received, and a
//! database backup holds the scans too.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(StoredFileContent::Table)
                .col(pk_uuid(StoredFileContent::FileId))
                .col(blob(StoredFileContent::Content))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_stored_file_content_file_id")
                        .from(StoredFileContent::Table, StoredFileContent::FileId)
                        .to(StoredFile::Table, StoredFile::Id)
                        .on_delete(ForeignKeyAction::Restrict),
                )
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(StoredFileContent::Table).to_owned()).await
    }
}

#[derive(DeriveIden)]
enum StoredFileContent {
    Table,
    FileId,
    Content,
}

#[derive(DeriveIden)]
enum StoredFile {
    Table,
    Id,
}
