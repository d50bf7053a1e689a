package io.atta.engine.ledger;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A {@link TransferStore} in memory: for tests and models, where there is no disk. */
public final class InMemoryTransferStore implements TransferStore {
    private final Map<Long, TransferRecord> transfers = new HashMap<>();
    private final List<BalanceEvent> events = new ArrayList<>();

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
    public void commit(List<TransferRecord> batch, List<BalanceEvent> batchEvents) {
        for (TransferRecord r : batch) {
            transfers.put(r.id(), r);
        }
        events.addAll(batchEvents);
    }

    /** An independent copy, standing in for a snapshot of the store. */
    public InMemoryTransferStore copy() {
        InMemoryTransferStore c = new InMemoryTransferStore();
        c.transfers.putAll(transfers);
        c.events.addAll(events);
        return c;
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
