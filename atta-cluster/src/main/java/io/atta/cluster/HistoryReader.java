package io.atta.cluster;

import io.atta.engine.ledger.BalanceEvent;
import io.atta.engine.ledger.TransferRecord;

import java.util.List;
import java.util.Optional;

/** Reads a shard's transfer history (docs/ARCHITECTURE.md §6): by id, by account and time, and balances at a time. */
public interface HistoryReader {
    Optional<TransferRecord> transfer(long id);

    /**
     * Transfers that touched {@code accountId} with {@code fromTs <= timestamp < toTs}, newest
     * first, at most {@code limit}. Releases of pending transfers by timeout are not listed.
     */
    List<TransferRecord> accountTransfers(long accountId, long fromTs, long toTs, int limit);

    /** The account's balances after the last change at or before {@code timestamp}, if any. */
    Optional<BalanceEvent> balanceAt(long accountId, long timestamp);
}
