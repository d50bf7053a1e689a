package io.atta.engine.ledger;

import io.atta.engine.shard.InMemoryRecordArchive;
import io.atta.engine.shard.RecordArchive;
import org.agrona.collections.LongArrayList;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link TransferStore} in memory, and the {@link RecordArchive} of the modules' final records:
 * for tests and models, where there is no disk.
 */
public final class InMemoryTransferStore implements TransferStore, RecordArchive {
    private InMemoryRecordArchive archive = new InMemoryRecordArchive();
    private final Map<Long, TransferRecord> transfers = new HashMap<>();
    private final List<BalanceEvent> events = new ArrayList<>();
    private final Map<Long, TransactionOutcome> outcomes = new HashMap<>();

    @Override
    public void load(long[] ids, int count, Map<Long, TransferRecord> out) {
        for (int i = 0; i < count; i++) {
            TransferRecord r = transfers.get(ids[i]);
            if (r != null) {
                out.put(ids[i], r);
            }
        }
    }

    @Override
    public void commit(List<TransferRecord> batch, List<BalanceEvent> batchEvents,
                       List<TransactionOutcome> batchOutcomes) {
        for (TransferRecord r : batch) {
            transfers.put(r.id(), r);
        }
        events.addAll(batchEvents);
        for (TransactionOutcome o : batchOutcomes) {
            outcomes.put(o.txId(), o);
        }
    }

    @Override
    public void loadOutcomes(long[] txIds, int count, Map<Long, TransactionOutcome> out) {
        for (int i = 0; i < count; i++) {
            TransactionOutcome o = outcomes.get(txIds[i]);
            if (o != null) {
                out.put(txIds[i], o);
            }
        }
    }

    /** An independent copy, standing in for a snapshot of the store. */
    public InMemoryTransferStore copy() {
        InMemoryTransferStore c = new InMemoryTransferStore();
        c.transfers.putAll(transfers);
        c.events.addAll(events);
        c.outcomes.putAll(outcomes);
        c.archive = archive.copy();
        return c;
    }

    @Override
    public void put(Entry e) {
        archive.put(e);
    }

    @Override
    public byte[] find(byte kind, long id) {
        return archive.find(kind, id);
    }

    @Override
    public void list(byte listKind, long owner, long before, int limit, LongArrayList out) {
        archive.list(listKind, owner, before, limit, out);
    }

    /** How many final records modules archived here. */
    public int archivedCount() {
        return archive.size();
    }

    /** Every stored record, by id (read-only). */
    public Map<Long, TransferRecord> records() {
        return java.util.Collections.unmodifiableMap(transfers);
    }

    public TransferRecord get(long id) {
        return transfers.get(id);
    }

    public int size() {
        return transfers.size();
    }

    public List<BalanceEvent> events() {
        return events;
    }
}
