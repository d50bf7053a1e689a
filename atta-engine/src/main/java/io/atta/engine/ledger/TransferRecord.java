package io.atta.engine.ledger;

/**
 * A transfer as applied. For a post or void the accounts, ledger and amount are the resolved
 * ones (the amount posted, or the amount released), while {@code requestedAmount} and
 * {@code requestedDebit}/{@code requestedCredit} keep what the request said, so that a retry
 * of the same request is recognised as the same ({@code exists}).
 */
public record TransferRecord(long id, long debitAccountId, long creditAccountId, long amount, int ledger, int code,
                             int flags, long pendingId, int timeoutSeconds, long userData, long timestamp,
                             PendingStatus status, long requestedDebit, long requestedCredit, long requestedAmount,
                             int requestedLedger) {

    public TransferRecord withStatus(PendingStatus s) {
        return new TransferRecord(id, debitAccountId, creditAccountId, amount, ledger, code, flags, pendingId,
                timeoutSeconds, userData, timestamp, s, requestedDebit, requestedCredit, requestedAmount,
                requestedLedger);
    }

    /** When a pending transfer with a timeout expires (ns), or {@link Long#MAX_VALUE} if never. */
    public long expiresAt() {
        return timeoutSeconds == 0 ? Long.MAX_VALUE : timestamp + timeoutSeconds * 1_000_000_000L;
    }
}
