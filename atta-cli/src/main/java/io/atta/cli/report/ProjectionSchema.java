package io.atta.cli.report;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The PostgreSQL tables {@code atta report sync} fills (docs/REPORTING.md has them with example
 * SQL). Amounts are minor units ({@code bigint}) with their currency; times are {@code timestamptz}
 * (UTC) and, where ordering matters to the nanosecond, the engine's {@code timestamp_ns}. Each row
 * names the change that wrote it last ({@code change_id}, {@code <shard>-<index>-<seq>}).
 */
final class ProjectionSchema {

    private static final String ddl = """
            CREATE TABLE IF NOT EXISTS atta_sync_cursors (
                shard        integer PRIMARY KEY,
                cursor       text NOT NULL,
                changes      bigint NOT NULL,
                updated_at   timestamptz NOT NULL
            );
            CREATE TABLE IF NOT EXISTS accounts (
                id              bigint PRIMARY KEY,
                shard           integer NOT NULL,
                currency        text NOT NULL,
                debits_pending  bigint NOT NULL,
                debits_posted   bigint NOT NULL,
                credits_pending bigint NOT NULL,
                credits_posted  bigint NOT NULL,
                updated_at      timestamptz NOT NULL,
                change_id       text NOT NULL
            );
            CREATE TABLE IF NOT EXISTS account_balances (
                account_id      bigint NOT NULL,
                timestamp_ns    bigint NOT NULL,
                currency        text NOT NULL,
                debits_pending  bigint NOT NULL,
                debits_posted   bigint NOT NULL,
                credits_pending bigint NOT NULL,
                credits_posted  bigint NOT NULL,
                change_id       text NOT NULL,
                PRIMARY KEY (account_id, timestamp_ns)
            );
            CREATE TABLE IF NOT EXISTS transfers (
                shard             integer NOT NULL,
                id                bigint NOT NULL,
                debit_account_id  bigint NOT NULL,
                credit_account_id bigint NOT NULL,
                amount            bigint NOT NULL,
                currency          text NOT NULL,
                code              integer NOT NULL,
                flags             text NOT NULL,
                pending_id        bigint NOT NULL,
                pending_status    text NOT NULL,
                user_data         bigint NOT NULL,
                created_at        timestamptz NOT NULL,
                timestamp_ns      bigint NOT NULL,
                change_id         text NOT NULL,
                PRIMARY KEY (shard, id)
            );
            CREATE INDEX IF NOT EXISTS transfers_created_at ON transfers (created_at);
            CREATE INDEX IF NOT EXISTS transfers_user_data ON transfers (user_data) WHERE code BETWEEN 9000 AND 9999;
            CREATE TABLE IF NOT EXISTS trades (
                trade_no              bigint PRIMARY KEY,
                shard                 integer NOT NULL,
                merchant_id           bigint NOT NULL,
                out_trade_no          text NOT NULL,
                buyer_user_id         bigint NOT NULL,
                amount                bigint NOT NULL,
                currency              text NOT NULL,
                status                text NOT NULL,
                refunded              bigint NOT NULL,
                fee                   bigint NOT NULL,
                fee_refunded          bigint NOT NULL,
                released              bigint NOT NULL,
                settlement_account_id bigint NOT NULL,
                updated_at            timestamptz NOT NULL,
                change_id             text NOT NULL
            );
            CREATE INDEX IF NOT EXISTS trades_merchant ON trades (merchant_id);
            CREATE TABLE IF NOT EXISTS trade_events (
                change_id    text PRIMARY KEY,
                shard        integer NOT NULL,
                trade_no     bigint NOT NULL,
                merchant_id  bigint NOT NULL,
                event        text NOT NULL,
                status       text NOT NULL,
                refund_id    bigint NOT NULL,
                amount       bigint NOT NULL,
                currency     text NOT NULL,
                at           timestamptz NOT NULL,
                timestamp_ns bigint NOT NULL
            );
            CREATE INDEX IF NOT EXISTS trade_events_merchant_at ON trade_events (merchant_id, at);
            CREATE TABLE IF NOT EXISTS settlements (
                shard             integer NOT NULL,
                transfer_id       bigint NOT NULL,
                debit_account_id  bigint NOT NULL,
                credit_account_id bigint NOT NULL,
                amount            bigint NOT NULL,
                currency          text NOT NULL,
                pending_status    text NOT NULL,
                created_at        timestamptz NOT NULL,
                timestamp_ns      bigint NOT NULL,
                change_id         text NOT NULL,
                PRIMARY KEY (shard, transfer_id)
            );
            """;

    private ProjectionSchema() {
    }

    /** Creates the tables that are missing (an existing projection is resumed, not replaced). */
    static void create(Connection c) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            // One creator at a time: two sync processes starting together would race on CREATE.
            s.execute("SELECT pg_advisory_xact_lock(7306081)");
            for (String statement : ddl.split(";")) {
                if (!statement.isBlank()) {
                    s.execute(statement);
                }
            }
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
    }
}
