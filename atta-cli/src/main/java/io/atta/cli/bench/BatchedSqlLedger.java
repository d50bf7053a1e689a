package io.atta.cli.bench;

import io.atta.core.AccountFlags;
import io.atta.core.command.Result;
import org.postgresql.jdbc.PgConnection;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * PostgreSQL as an expert would use it for batches of transfers: one transaction per batch, one
 * call of a PL/pgSQL function that takes the batch as arrays. It locks every account of the batch
 * in id order (so concurrent batches cannot deadlock), reads them once, applies the transfers in
 * order in memory with Atta's checks (a transfer that would overdraw a limited account is refused
 * and the rest of the batch goes on, seeing the balances the earlier ones left), then writes the
 * changed balances with one set-based {@code UPDATE … FROM unnest(…)} and the accepted transfers
 * with one {@code INSERT … SELECT unnest(…)}. Autocommit: the call is the transaction, committed
 * durably (synchronous_commit on) before it returns.
 */
final class BatchedSqlLedger implements PostgresBaseline.SqlLedger {
    /** The function's result codes, index = code: what Atta answers for the same transfer. */
    static final Result[] results = {Result.ok, Result.exists, Result.account_not_found, Result.currency_mismatch,
            Result.account_closed, Result.insufficient_funds, Result.exceeds_debits, Result.overflow,
            Result.accounts_must_be_different, Result.amount_must_not_be_zero};

    static final String createFunction = """
            CREATE FUNCTION create_transfers(ids bigint[], debit_ids bigint[], credit_ids bigint[], amounts bigint[],
                                             want_ledger int, want_code int) RETURNS smallint[]
            LANGUAGE plpgsql AS $$
            DECLARE
              n int := cardinality(ids);
              acct bigint[]; led int[]; flg int[]; dp bigint[]; cp bigint[];
              d_idx int[]; c_idx int[]; repeated boolean[];
              res smallint[] := array_fill(0::smallint, ARRAY[n]);
              d int; c int; amt bigint;
            BEGIN
              -- Lock the batch's accounts in id order: LockRows runs above the sort.
              SELECT coalesce(array_agg(a.id ORDER BY a.id), '{}'), array_agg(a.ledger ORDER BY a.id),
                     array_agg(a.flags ORDER BY a.id), array_agg(a.debits_posted ORDER BY a.id),
                     array_agg(a.credits_posted ORDER BY a.id)
                INTO acct, led, flg, dp, cp
                FROM (SELECT id, ledger, flags, debits_posted, credits_posted FROM accounts
                       WHERE id = ANY(debit_ids || credit_ids) ORDER BY id FOR UPDATE) a;
              SELECT array_agg(k.idx ORDER BY t.ord) INTO d_idx
                FROM unnest(debit_ids) WITH ORDINALITY t(id, ord)
                LEFT JOIN unnest(acct) WITH ORDINALITY k(id, idx) ON k.id = t.id;
              SELECT array_agg(k.idx ORDER BY t.ord) INTO c_idx
                FROM unnest(credit_ids) WITH ORDINALITY t(id, ord)
                LEFT JOIN unnest(acct) WITH ORDINALITY k(id, idx) ON k.id = t.id;
              -- Idempotency: an id already stored, or repeated earlier in the batch, is answered exists.
              SELECT array_agg(u.nth > 1 OR EXISTS (SELECT 1 FROM transfers s WHERE s.id = u.id) ORDER BY u.ord)
                INTO repeated
                FROM (SELECT id, ord, row_number() OVER (PARTITION BY id ORDER BY ord) AS nth
                        FROM unnest(ids) WITH ORDINALITY x(id, ord)) u;
              FOR i IN 1..n LOOP
                d := d_idx[i]; c := c_idx[i]; amt := amounts[i];
                IF repeated[i] THEN res[i] := 1;
                ELSIF amt <= 0 THEN res[i] := 9;
                ELSIF debit_ids[i] = credit_ids[i] THEN res[i] := 8;
                ELSIF d IS NULL OR c IS NULL THEN res[i] := 2;
                ELSIF led[d] <> want_ledger OR led[c] <> want_ledger THEN res[i] := 3;
                ELSIF (flg[d] & %1$d) <> 0 OR (flg[c] & %1$d) <> 0 THEN res[i] := 4;
                ELSIF dp[d] > %4$d - amt OR cp[c] > %4$d - amt THEN res[i] := 7;
                ELSIF (flg[d] & %2$d) <> 0 AND dp[d] + amt > cp[d] THEN res[i] := 5;
                ELSIF (flg[c] & %3$d) <> 0 AND cp[c] + amt > dp[c] THEN res[i] := 6;
                ELSE
                  dp[d] := dp[d] + amt;
                  cp[c] := cp[c] + amt;
                END IF;
              END LOOP;
              UPDATE accounts a SET debits_posted = v.dp, credits_posted = v.cp
                FROM unnest(acct, dp, cp) v(id, dp, cp)
               WHERE a.id = v.id AND (a.debits_posted <> v.dp OR a.credits_posted <> v.cp);
              INSERT INTO transfers (id, debit_account_id, credit_account_id, amount, ledger, code)
                SELECT t.id, t.d, t.c, t.a, want_ledger, want_code
                  FROM unnest(ids, debit_ids, credit_ids, amounts, res) t(id, d, c, a, r) WHERE t.r = 0;
              RETURN res;
            END $$
            """.formatted(AccountFlags.closed, AccountFlags.debitsMustNotExceedCredits,
            AccountFlags.creditsMustNotExceedDebits, Long.MAX_VALUE);

    private final Connection c;
    private final PgConnection pg;
    private final PreparedStatement call;

    BatchedSqlLedger(Connection c) throws SQLException {
        this.c = c;
        this.pg = c.unwrap(PgConnection.class);
        c.setAutoCommit(true);
        call = c.prepareStatement("SELECT create_transfers(?, ?, ?, ?, ?, ?)");
    }

    /** Installs the function; once per database, after the tables exist. */
    static void install(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(createFunction);
        }
    }

    @Override
    public Result[] transfer(long[] ids, long[] debitIds, long[] creditIds, long[] amounts, int ledger, int code)
            throws SQLException {
        // pgjdbc sends primitive arrays in the binary array format, without boxing.
        call.setArray(1, pg.createArrayOf("int8", ids));
        call.setArray(2, pg.createArrayOf("int8", debitIds));
        call.setArray(3, pg.createArrayOf("int8", creditIds));
        call.setArray(4, pg.createArrayOf("int8", amounts));
        call.setInt(5, ledger);
        call.setInt(6, code);
        try (ResultSet r = call.executeQuery()) {
            r.next();
            Array codes = r.getArray(1);
            Short[] raw = (Short[]) codes.getArray();
            Result[] out = new Result[raw.length];
            for (int i = 0; i < raw.length; i++) {
                out[i] = results[raw[i]];
            }
            return out;
        }
    }

    @Override
    public void close() throws SQLException {
        c.close();
    }
}
