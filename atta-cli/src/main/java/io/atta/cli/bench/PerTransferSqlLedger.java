package io.atta.cli.bench;

import io.atta.core.AccountFlags;
import io.atta.core.command.Result;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * PostgreSQL used as a plain SQL ledger, the way most payment systems start: one transaction per
 * transfer that locks both account rows (in id order, so two transfers between the same pair
 * cannot deadlock), checks them, updates both balances and inserts the transfer row.
 */
final class PerTransferSqlLedger implements PostgresBaseline.SqlLedger {
    private final Connection c;
    private final PreparedStatement lock;
    private final PreparedStatement debit;
    private final PreparedStatement credit;
    private final PreparedStatement insert;

    PerTransferSqlLedger(Connection c) throws SQLException {
        this.c = c;
        c.setAutoCommit(false);
        // ORDER BY under FOR UPDATE: PostgreSQL locks the rows in the order it returns them.
        lock = c.prepareStatement("SELECT id, ledger, flags, debits_posted, credits_posted "
                + "FROM accounts WHERE id IN (?, ?) ORDER BY id FOR UPDATE");
        debit = c.prepareStatement("UPDATE accounts SET debits_posted = debits_posted + ? WHERE id = ?");
        credit = c.prepareStatement("UPDATE accounts SET credits_posted = credits_posted + ? WHERE id = ?");
        insert = c.prepareStatement("INSERT INTO transfers "
                + "(id, debit_account_id, credit_account_id, amount, ledger, code) VALUES (?, ?, ?, ?, ?, ?)");
    }

    /** Each transfer is its own transaction, committed before the next begins. */
    @Override
    public Result[] transfer(long[] ids, long[] debitIds, long[] creditIds, long[] amounts, int ledger, int code)
            throws SQLException {
        Result[] out = new Result[ids.length];
        for (int i = 0; i < ids.length; i++) {
            out[i] = transfer(ids[i], debitIds[i], creditIds[i], amounts[i], ledger, code);
        }
        return out;
    }

    private Result transfer(long id, long debitId, long creditId, long amount, int ledger, int code)
            throws SQLException {
        Result refusal = lockAndCheck(debitId, creditId, amount, ledger);
        if (refusal != Result.ok) {
            c.rollback();
            return refusal;
        }
        debit.setLong(1, amount);
        debit.setLong(2, debitId);
        debit.executeUpdate();
        credit.setLong(1, amount);
        credit.setLong(2, creditId);
        credit.executeUpdate();
        insert.setLong(1, id);
        insert.setLong(2, debitId);
        insert.setLong(3, creditId);
        insert.setLong(4, amount);
        insert.setInt(5, ledger);
        insert.setInt(6, code);
        insert.executeUpdate();
        c.commit();
        return Result.ok;
    }

    /** Locks both rows and returns why the transfer may not go ahead, or ok. */
    private Result lockAndCheck(long debitId, long creditId, long amount, int ledger) throws SQLException {
        lock.setLong(1, debitId);
        lock.setLong(2, creditId);
        int rows = 0;
        try (ResultSet r = lock.executeQuery()) {
            while (r.next()) {
                rows++;
                int flags = r.getInt(3);
                if (r.getInt(2) != ledger) {
                    return Result.currency_mismatch;
                }
                if ((flags & AccountFlags.closed) != 0) {
                    return Result.account_closed;
                }
                boolean isDebit = r.getLong(1) == debitId;
                if (isDebit && (flags & AccountFlags.debitsMustNotExceedCredits) != 0
                        && r.getLong(4) + amount > r.getLong(5)) {
                    return Result.insufficient_funds;
                }
            }
        }
        return rows == 2 ? Result.ok : Result.account_not_found;
    }

    @Override
    public void close() throws SQLException {
        c.close();
    }
}
