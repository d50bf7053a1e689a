package io.atta.cluster;

import io.atta.engine.ledger.BalanceEvent;
import io.atta.engine.ledger.TransferRecord;

import java.util.List;
import java.util.Optional;

/** Reads a shard's transfer history (docs/ARCHITECTURE.md §6): by id, by account and time, and balances at a time. */
public interface HistoryReader {
    Optional<TransferRecord> transfer(long id);

    /** The post or void transfer that resolved the pending transfer {@code pendingId}, if one did. */
    Optional<TransferRecord> resolutionOf(long pendingId);

    /**
     * One row per transfer that touched {@code accountId}, opened at
     * {@code fromTs <= timestamp < toTs}, newest first, each in its final state; as many as
     * {@link AccountPage} chooses for {@code limit}.
     */
    List<TransferRow> accountTransfers(long accountId, long fromTs, long toTs, int limit);

    /** The account's balances after the last change at or before {@code timestamp}, if any. */
    Optional<BalanceEvent> balanceAt(long accountId, long timestamp);

    /**
     * Up to {@code limit} change records after the cursor ({@code afterIndex}, {@code afterSeq};
     * (0, -1) for the first), in commit order (docs/REPORTING.md), with the log index the store had
     * reached when they were read. A history that keeps no change records has none.
     */
    default ChangePage changes(long afterIndex, int afterSeq, int limit) {
        return new ChangePage(List.of(), 0);
    }

    /**
     * Completes once the store holds a batch after log index {@code index}: a long-polling reader
     * waits on it without holding a thread, and bounds the wait itself. A history that keeps no
     * change records never completes it.
     */
    default java.util.concurrent.CompletableFuture<Void> indexedPast(long index) {
        return new java.util.concurrent.CompletableFuture<>();
    }

    /** Changes read at once, and the log index the store had reached then (the point to wait past for more). */
    record ChangePage(List<Change> changes, long indexedIndex) {
    }
}
