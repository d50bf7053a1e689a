package io.atta.core;

/** Named limits, each checked at the edge with a message that names it (docs/ARCHITECTURE.md §1.7). */
public final class Limits {
    /** Most transfers in one {@code POST /v1/transfers} call and in one log entry. */
    public static final int maxBatchTransfers = 8190;
    /** Most accounts in one {@code POST /v1/accounts} call. */
    public static final int maxBatchAccounts = 8190;
    /** Most commands the batcher puts into one log entry. */
    public static final int maxBatchCommands = 8190;
    /** Largest request body the HTTP API reads. */
    public static final int maxRequestBytes = 4 * 1024 * 1024;
    /** Longest timeout a pending transfer may ask for: 30 days. */
    public static final int maxTimeoutSeconds = 30 * 24 * 3600;
    /**
     * How long a withdrawal waits for its channel's answer when the request names no timeout: 24
     * hours; then the ledger voids it and the money is back in the wallet.
     */
    public static final int defaultWithdrawalTimeoutSeconds = 24 * 3600;
    /** Longest request id (top-up, withdrawal). */
    public static final int maxRequestIdLength = 64;
    /** Most items a history page returns. */
    public static final int maxPageSize = 1000;
    /** Commands that may wait in one shard's queue before callers are told {@code busy}. */
    public static final int maxQueuedCommandsPerShard = 65536;

    private Limits() {
    }
}
