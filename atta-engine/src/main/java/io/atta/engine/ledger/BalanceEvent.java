package io.atta.engine.ledger;

import io.atta.core.CodeTable;
import io.atta.core.StableCode;

/**
 * One change of an account's balances, for history and point-in-time queries: the balances
 * after {@code transferId} was applied at {@code timestamp}, and what kind of change it was.
 */
public record BalanceEvent(long accountId, long timestamp, long transferId, Kind kind, long debitsPending,
                           long debitsPosted, long creditsPending, long creditsPosted) {

    /**
     * What an event did to the account. An account's history shows one row per transfer, at the
     * transfer's {@code opened} event; the other kinds change the balances (and so answer
     * balance-at-a-time queries) but belong to a row that an earlier event opened.
     */
    public enum Kind implements StableCode {
        /** A transfer touched the account for the first time: a new row of its history. */
        opened(0),
        /** A pending transfer's timeout released it ({@code transferId} is the pending transfer). */
        expired(1),
        /**
         * An earlier pending transfer was posted or voided: by a post or void transfer
         * ({@code transferId} is that transfer, whose {@code pendingId} names the row), or as a
         * piece of a cross-shard transaction by its decision ({@code transferId} is the piece).
         */
        resolved(2);

        private static final CodeTable<Kind> byCode = new CodeTable<>(values());

        private final int code;

        Kind(int code) {
            this.code = code;
        }

        /** The stable code logs and snapshots hold: see {@link StableCode}. */
        @Override
        public int code() {
            return code;
        }

        /**
         * The kind stored as {@code code}. Stores written before resolutions were told apart hold
         * 0 and 1 only, read as opened and expired.
         */
        public static Kind ofCode(int code) {
            return byCode.of(code);
        }
    }

    public boolean expired() {
        return kind == Kind.expired;
    }

    static BalanceEvent of(Account a, long timestamp, long transferId, Kind kind) {
        return new BalanceEvent(a.id, timestamp, transferId, kind, a.debitsPending, a.debitsPosted,
                a.creditsPending, a.creditsPosted);
    }
}
