package io.atta.engine.ledger;

/**
 * One change of an account's balances, for history and point-in-time queries: the balances
 * after {@code transferId} was applied at {@code timestamp}. {@code expired} marks the release
 * of a pending transfer by its timeout (no transfer of its own).
 */
public record BalanceEvent(long accountId, long timestamp, long transferId, boolean expired, long debitsPending,
                           long debitsPosted, long creditsPending, long creditsPosted) {

    static BalanceEvent of(Account a, long timestamp, long transferId, boolean expired) {
        return new BalanceEvent(a.id, timestamp, transferId, expired, a.debitsPending, a.debitsPosted,
                a.creditsPending, a.creditsPosted);
    }
}
