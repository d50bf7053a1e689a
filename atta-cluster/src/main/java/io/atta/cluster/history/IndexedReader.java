package io.atta.cluster.history;

import io.atta.cluster.HistoryReader;
import io.atta.cluster.TransferRow;
import io.atta.engine.ledger.BalanceEvent;
import io.atta.engine.ledger.TransferRecord;

import java.util.List;
import java.util.Optional;

/**
 * The history's reads: each first waits (bounded by {@link ProjectedHistory#maxIndexWaitMs})
 * until the indexer has stored every batch applied when the read began, then reads the store.
 * After a ReadIndex (a linearizable read) that covers every write acknowledged before the read;
 * on a stale read, every write this replica has applied.
 */
final class IndexedReader implements HistoryReader {
    private final ProjectedHistory history;
    private final RocksHistory store;

    IndexedReader(ProjectedHistory history, RocksHistory store) {
        this.history = history;
        this.store = store;
    }

    private void catchUp() {
        history.awaitIndexed(history.appendedIndex());
    }

    @Override
    public Optional<TransferRecord> transfer(long id) {
        catchUp();
        return store.transfer(id);
    }

    @Override
    public Optional<TransferRecord> resolutionOf(long pendingId) {
        catchUp();
        return store.resolutionOf(pendingId);
    }

    @Override
    public List<TransferRow> accountTransfers(long accountId, long fromTs, long toTs, int limit) {
        catchUp();
        return store.accountTransfers(accountId, fromTs, toTs, limit);
    }

    @Override
    public Optional<BalanceEvent> balanceAt(long accountId, long timestamp) {
        catchUp();
        return store.balanceAt(accountId, timestamp);
    }

    @Override
    public ChangePage changes(long afterIndex, int afterSeq, int limit) {
        catchUp();
        long reached = history.indexedIndex();
        return new ChangePage(history.storedChanges(afterIndex, afterSeq, limit), reached);
    }

    @Override
    public java.util.concurrent.CompletableFuture<Void> indexedPast(long index) {
        return history.indexedPast(index);
    }
}
