package io.atta.cli.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.atta.core.Amounts;
import io.atta.core.Currency;
import io.atta.core.TransferCodes;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes one page of a shard's change stream into the projection, exactly once: the page's rows
 * and the shard's new cursor commit in one PostgreSQL transaction, which first locks the cursor row
 * and checks that it still names where the page was read from. A sync killed before the commit
 * leaves neither rows nor cursor; one killed after it resumes after the page. Rows are keyed by
 * their natural ids, so a record changed again (a pending transfer resolved, a trade refunded) is
 * updated in place; trade events are inserted once by change id (a duplicate would fail loudly).
 */
final class ProjectionWriter implements AutoCloseable {
    /** What {@link #apply} did. */
    record Applied(boolean written, int changes, int rows) {
    }

    private final Connection c;
    private final PreparedStatement lockCursor;
    private final PreparedStatement saveCursor;
    private final PreparedStatement account;
    private final PreparedStatement balance;
    private final PreparedStatement transfer;
    private final PreparedStatement trade;
    private final PreparedStatement tradeEvent;
    private final PreparedStatement settlement;

    ProjectionWriter(Connection c) throws SQLException {
        this.c = c;
        c.setAutoCommit(false);
        lockCursor = c.prepareStatement("SELECT cursor FROM atta_sync_cursors WHERE shard = ? FOR UPDATE");
        saveCursor = c.prepareStatement("""
                INSERT INTO atta_sync_cursors (shard, cursor, changes, updated_at) VALUES (?, ?, ?, now())
                ON CONFLICT (shard) DO UPDATE SET cursor = EXCLUDED.cursor,
                    changes = atta_sync_cursors.changes + EXCLUDED.changes, updated_at = now()""");
        account = c.prepareStatement("""
                INSERT INTO accounts (id, shard, currency, debits_pending, debits_posted, credits_pending,
                    credits_posted, updated_at, change_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET debits_pending = EXCLUDED.debits_pending,
                    debits_posted = EXCLUDED.debits_posted, credits_pending = EXCLUDED.credits_pending,
                    credits_posted = EXCLUDED.credits_posted, updated_at = EXCLUDED.updated_at,
                    change_id = EXCLUDED.change_id""");
        balance = c.prepareStatement("""
                INSERT INTO account_balances (account_id, timestamp_ns, currency, debits_pending, debits_posted,
                    credits_pending, credits_posted, change_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""");
        transfer = c.prepareStatement("""
                INSERT INTO transfers (shard, id, debit_account_id, credit_account_id, amount, currency, code, flags,
                    pending_id, pending_status, user_data, created_at, timestamp_ns, change_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (shard, id) DO UPDATE SET pending_status = EXCLUDED.pending_status,
                    amount = EXCLUDED.amount, change_id = EXCLUDED.change_id""");
        trade = c.prepareStatement("""
                INSERT INTO trades (trade_no, shard, merchant_id, out_trade_no, buyer_user_id, amount, currency, status,
                    refunded, fee, fee_refunded, released, settlement_account_id, updated_at, change_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (trade_no) DO UPDATE SET status = EXCLUDED.status, refunded = EXCLUDED.refunded,
                    fee = EXCLUDED.fee, fee_refunded = EXCLUDED.fee_refunded, released = EXCLUDED.released,
                    updated_at = EXCLUDED.updated_at, change_id = EXCLUDED.change_id""");
        tradeEvent = c.prepareStatement("""
                INSERT INTO trade_events (change_id, shard, trade_no, merchant_id, event, status, refund_id, amount,
                    currency, at, timestamp_ns) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""");
        settlement = c.prepareStatement("""
                INSERT INTO settlements (shard, transfer_id, debit_account_id, credit_account_id, amount, currency,
                    pending_status, created_at, timestamp_ns, change_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (shard, transfer_id) DO UPDATE SET pending_status = EXCLUDED.pending_status,
                    amount = EXCLUDED.amount, change_id = EXCLUDED.change_id""");
    }

    /**
     * The writer's connection settings beyond the URL's: the driver sends each statement's batch
     * as multi-row statements, which is safe because a page writes each keyed row once.
     */
    static java.util.Properties connectionProperties() {
        java.util.Properties p = new java.util.Properties();
        p.setProperty("reWriteBatchedInserts", "true");
        return p;
    }

    /** The cursor stored for {@code shard}: where its next page starts ("" before the first). */
    String cursor(int shard) throws SQLException {
        lockCursor.setInt(1, shard);
        try (ResultSet r = lockCursor.executeQuery()) {
            String cursor = r.next() ? r.getString(1) : "";
            c.commit();
            return cursor;
        }
    }

    /**
     * Applies {@code page}, read after {@code readAfter}: nothing when the stored cursor is no
     * longer {@code readAfter} (another sync moved it; the caller reads again from the stored one).
     */
    Applied apply(ChangeFeed.Page page, String readAfter) throws SQLException {
        try {
            lockCursor.setInt(1, page.shard());
            String stored;
            try (ResultSet r = lockCursor.executeQuery()) {
                stored = r.next() ? r.getString(1) : "";
            }
            if (!stored.equals(readAfter)) {
                c.rollback();
                return new Applied(false, 0, 0);
            }
            int rows = write(page);
            saveCursor.setInt(1, page.shard());
            saveCursor.setString(2, page.nextCursor());
            saveCursor.setLong(3, page.changes().size());
            saveCursor.executeUpdate();
            c.commit();
            return new Applied(true, page.changes().size(), rows);
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        }
    }

    /** Adds the page's rows, the last version of each keyed row only; returns how many were written. */
    private int write(ChangeFeed.Page page) throws SQLException {
        int shard = page.shard();
        Map<Long, JsonNode> accounts = new LinkedHashMap<>();
        List<JsonNode> balances = new ArrayList<>();
        Map<Long, JsonNode> transfers = new LinkedHashMap<>();
        Map<Long, JsonNode> trades = new LinkedHashMap<>();
        List<JsonNode> events = new ArrayList<>();
        for (JsonNode change : page.changes()) {
            switch (change.get("type").asText()) {
                case "account" -> {
                    accounts.put(change.at("/account/id").asLong(), change);
                    balances.add(change);
                }
                case "transfer" -> transfers.put(change.at("/transfer/id").asLong(), change);
                case "trade" -> {
                    trades.put(change.at("/trade/trade_no").asLong(), change);
                    events.add(change);
                }
                default -> {
                    // A product's record without a table yet: the stream carries it, the projection skips it.
                }
            }
        }
        addAccounts(shard, accounts.values());
        addBalances(balances);
        int settlements = addTransfers(shard, transfers.values());
        addTrades(shard, trades.values());
        addEvents(shard, events);
        for (PreparedStatement s : List.of(account, balance, transfer, settlement, trade, tradeEvent)) {
            s.executeBatch();
        }
        return accounts.size() + balances.size() + transfers.size() + settlements + trades.size() + events.size();
    }

    /** The accounts' newest balances. */
    private void addAccounts(int shard, Collection<JsonNode> changes) throws SQLException {
        for (JsonNode change : changes) {
            JsonNode a = change.get("account");
            Currency cur = Currency.ofCode(a.get("currency").asText());
            account.setLong(1, a.get("id").asLong());
            account.setInt(2, shard);
            account.setString(3, cur.name());
            for (int i = 0; i < 4; i++) {
                account.setLong(4 + i, amount(a, balanceFields[i], cur));
            }
            account.setTimestamp(8, nanos(change.get("timestamp").asLong()));
            account.setString(9, change.get("id").asText());
            account.addBatch();
        }
    }

    /** Every balance change, for balances at a time. */
    private void addBalances(List<JsonNode> changes) throws SQLException {
        for (JsonNode change : changes) {
            JsonNode a = change.get("account");
            Currency cur = Currency.ofCode(a.get("currency").asText());
            balance.setLong(1, a.get("id").asLong());
            balance.setLong(2, change.get("timestamp").asLong());
            balance.setString(3, cur.name());
            for (int i = 0; i < 4; i++) {
                balance.setLong(4 + i, amount(a, balanceFields[i], cur));
            }
            balance.setString(8, change.get("id").asText());
            balance.addBatch();
        }
    }

    /** The transfers, and the settlement sweep legs among them; returns how many legs. */
    private int addTransfers(int shard, Collection<JsonNode> changes) throws SQLException {
        int settlements = 0;
        for (JsonNode change : changes) {
            JsonNode t = change.get("transfer");
            Currency cur = Currency.ofCode(t.get("currency").asText());
            transfer.setInt(1, shard);
            transfer.setLong(2, t.get("id").asLong());
            transfer.setLong(3, t.get("debit_account_id").asLong());
            transfer.setLong(4, t.get("credit_account_id").asLong());
            transfer.setLong(5, amount(t, "amount", cur));
            transfer.setString(6, cur.name());
            transfer.setInt(7, t.get("code").asInt());
            transfer.setString(8, flags(t.get("flags")));
            transfer.setLong(9, t.get("pending_id").asLong());
            transfer.setString(10, t.get("pending_status").asText());
            transfer.setLong(11, t.get("user_data").asLong());
            transfer.setTimestamp(12, nanos(t.get("timestamp").asLong()));
            transfer.setLong(13, t.get("timestamp").asLong());
            transfer.setString(14, change.get("id").asText());
            transfer.addBatch();
            if (t.get("code").asInt() == TransferCodes.settlementSweep) {
                settlement.setInt(1, shard);
                settlement.setLong(2, t.get("id").asLong());
                settlement.setLong(3, t.get("debit_account_id").asLong());
                settlement.setLong(4, t.get("credit_account_id").asLong());
                settlement.setLong(5, amount(t, "amount", cur));
                settlement.setString(6, cur.name());
                settlement.setString(7, t.get("pending_status").asText());
                settlement.setTimestamp(8, nanos(t.get("timestamp").asLong()));
                settlement.setLong(9, t.get("timestamp").asLong());
                settlement.setString(10, change.get("id").asText());
                settlement.addBatch();
                settlements++;
            }
        }
        return settlements;
    }

    /** The trades as they stand. */
    private void addTrades(int shard, Collection<JsonNode> changes) throws SQLException {
        for (JsonNode change : changes) {
            JsonNode t = change.get("trade");
            Currency cur = Currency.ofCode(t.get("currency").asText());
            trade.setLong(1, t.get("trade_no").asLong());
            trade.setInt(2, shard);
            trade.setLong(3, t.get("merchant_id").asLong());
            trade.setString(4, t.get("out_trade_no").asText());
            trade.setLong(5, t.get("buyer_user_id").asLong());
            trade.setLong(6, amount(t, "amount", cur));
            trade.setString(7, cur.name());
            trade.setString(8, t.get("status").asText());
            trade.setLong(9, amount(t, "refunded", cur));
            trade.setLong(10, amount(t, "fee", cur));
            trade.setLong(11, amount(t, "fee_refunded", cur));
            trade.setLong(12, amount(t, "released", cur));
            trade.setLong(13, t.get("settlement_account_id").asLong());
            trade.setTimestamp(14, nanos(t.get("timestamp").asLong()));
            trade.setString(15, change.get("id").asText());
            trade.addBatch();
        }
    }

    /** The trades' timeline entries, each once. */
    private void addEvents(int shard, List<JsonNode> changes) throws SQLException {
        for (JsonNode change : changes) {
            JsonNode t = change.get("trade");
            Currency cur = Currency.ofCode(t.get("currency").asText());
            tradeEvent.setString(1, change.get("id").asText());
            tradeEvent.setInt(2, shard);
            tradeEvent.setLong(3, t.get("trade_no").asLong());
            tradeEvent.setLong(4, t.get("merchant_id").asLong());
            tradeEvent.setString(5, t.get("event").asText());
            tradeEvent.setString(6, t.get("status").asText());
            tradeEvent.setLong(7, t.get("refund_id").asLong());
            tradeEvent.setLong(8, amount(t, "event_amount", cur));
            tradeEvent.setString(9, cur.name());
            tradeEvent.setTimestamp(10, nanos(t.get("timestamp").asLong()));
            tradeEvent.setLong(11, t.get("timestamp").asLong());
            tradeEvent.addBatch();
        }
    }

    private static final String[] balanceFields = {"debits_pending", "debits_posted", "credits_pending",
            "credits_posted"};

    private static long amount(JsonNode n, String field, Currency c) {
        return Amounts.parse(n.get(field).asText(), c);
    }

    private static String flags(JsonNode flags) {
        StringBuilder b = new StringBuilder();
        flags.forEach(f -> b.append(b.isEmpty() ? "" : ",").append(f.asText()));
        return b.toString();
    }

    static Timestamp nanos(long ns) {
        return Timestamp.from(Instant.ofEpochSecond(0, ns));
    }

    @Override
    public void close() throws SQLException {
        c.close();
    }
}
