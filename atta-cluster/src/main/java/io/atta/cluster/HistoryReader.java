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
}
