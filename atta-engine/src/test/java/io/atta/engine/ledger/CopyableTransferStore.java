package io.atta.engine.ledger;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A transfer store that can be copied, standing in for the history store's own snapshot when
 * a test restores a ledger from a {@link LedgerSnapshot} (which holds only the in-memory part).
 */
final class CopyableTransferStore implements TransferStore {
    private final Map<Long, TransferRecord> transfers;

    CopyableTransferStore() {
        this(new HashMap<>());
    }

    private CopyableTransferStore(Map<Long, TransferRecord> transfers) {
        this.transfers = transfers;
    }

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
    public void commit(List<TransferRecord> batch, List<BalanceEvent> events) {
        for (TransferRecord r : batch) {
            transfers.put(r.id(), r);
        }
    }

    CopyableTransferStore copy() {
        return new CopyableTransferStore(new HashMap<>(transfers));
    }

    Map<Long, TransferRecord> records() {
        return transfers;
    }
}
