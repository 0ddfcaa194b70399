//! On PostgreSQL, a whole append to the audit chain in one call: `audit_append(…)` takes the
//! appenders' turn (the same advisory lock as `audit_turn()`), reads the head, links and hashes
//! the entry, and writes the entry and the new head. The caller sends the entry's fields and
//! the part of its hashed content that follows the link (the JSON array after the previous
//! hash and the number); the function puts the two in front, so the hash is SHA-256 over the
//! very bytes the server would hash itself, and the turn is held for one round trip less.
//! Each statement inside the function takes a snapshot of its own, so the head is read as the
//! previous holder of the turn left it. SQLite has one writer and needs none of this.

use sea_orm_migration::{prelude::*, sea_orm::DbBackend};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() == DbBackend::Postgres {
            manager
                .get_connection()
                .execute_unprepared(
                    "CREATE OR REPLACE FUNCTION audit_append(p_at timestamptz, p_actor text, \
                       p_actor_person bigint, p_role text, p_action text, p_record_kind text, \
                       p_record_id bigint, p_change text, p_rest text) \
                     RETURNS TABLE (id bigint, prev_hash text, hash text) \
                     LANGUAGE plpgsql VOLATILE AS $$ \
                     #variable_conflict use_column \
                     DECLARE v_id bigint; v_prev text; v_hash text; \
                     BEGIN \
                       PERFORM pg_advisory_xact_lock(632223); \
                       SELECT h.id, h.hash::text INTO v_id, v_prev FROM audit_head h \
                         WHERE h.singleton = 1; \
                       IF NOT FOUND THEN \
                         v_id := 0; \
                         v_prev := repeat('0', 64); \
                       END IF; \
                       v_id := v_id + 1; \
                       v_hash := encode(sha256(convert_to( \
                         '[\"' || v_prev || '\",' || v_id::text || ',' || p_rest, 'UTF8')), 'hex'); \
                       INSERT INTO audit_log (id, at, actor, actor_person, role, action, \
                         record_kind, record_id, change, prev_hash, hash) \
                       VALUES (v_id, p_at, p_actor, p_actor_person, p_role, p_action, \
                         p_record_kind, p_record_id, p_change, v_prev, v_hash); \
                       INSERT INTO audit_head (singleton, id, hash) VALUES (1, v_id, v_hash) \
                         ON CONFLICT (singleton) DO UPDATE SET id = EXCLUDED.id, \
                           hash = EXCLUDED.hash; \
                       RETURN QUERY SELECT v_id, v_prev, v_hash; \
                     END $$",
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() == DbBackend::Postgres {
            manager
                .get_connection()
                .execute_unprepared(
                    "DROP FUNCTION IF EXISTS audit_append(timestamptz, text, bigint, text, text, \
                     text, bigint, text, text)",
                )
                .await?;
        }
        Ok(())
    }
}
