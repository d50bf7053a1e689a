package io.atta.engine.ledger;

import java.util.List;
import java.util.Map;

/**
 * Where applied transfers live once their batch is applied (RocksDB history on a server, a map
 * in tests). The state machine reads it only for idempotency and resolved pending transfers,
 * and writes it once per batch; it is part of the deterministic state, so every replica's
 * store holds the same records.
 */
public interface TransferStore {
    /** Adds to {@code out} the stored record of each id that has one. */
    void load(long[] ids, int count, Map<Long, TransferRecord> out);

    /**
     * Stores one batch's effects: new and updated transfer records and balance events. The
     * records of one batch are stored all or nothing.
     */
    default void commit(List<TransferRecord> transfers, List<BalanceEvent> events) {
        commit(transfers, events, List.of());
    }

    /** As {@link #commit(List, List)}, with the transaction decisions made in the batch. */
    void commit(List<TransferRecord> transfers, List<BalanceEvent> events, List<TransactionOutcome> outcomes);

    /** Adds to {@code out} the recorded decision of each transaction id that has one. */
    void loadOutcomes(long[] txIds, int count, Map<Long, TransactionOutcome> out);
}
