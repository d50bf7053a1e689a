package io.atta.cluster.history;

import io.atta.cluster.Change;
import io.atta.engine.ledger.BalanceEvent;
import io.atta.engine.ledger.TransferRecord;

import org.agrona.collections.Long2LongHashMap;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.collections.LongArrayList;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;

/**
 * Derives one batch's change records from what it committed to the history (on the indexer
 * thread): each transfer record with both accounts' balances just after it, then the modules'
 * changed records in the order they were put, then each account the batch moved with its balances
 * at the batch's end. The order within a batch is this one; batches follow in log order.
 */
final class BatchChanges {
    private BatchChanges() {
    }

    /** A module's changed record, held until its batch is stored. */
    record Put(byte kind, long id, byte[] bytes) {
    }

    /**
     * The changes of the batch at {@code index}, numbered from {@code firstSeq}; {@code storedTransfer}
     * finds a stored transfer, for the ledger of an account none of the batch's transfers names.
     */
    static List<Change> of(long index, int firstSeq, List<TransferRecord> transfers, List<BalanceEvent> events,
                           List<Put> records, LongFunction<TransferRecord> storedTransfer) {
        // The balances after each transfer on each of its accounts (at most two), and each
        // account's last event of the batch, in the order accounts were first moved.
        Long2ObjectHashMap<BalanceEvent[]> after = new Long2ObjectHashMap<>(transfers.size() * 2, 0.65f);
        Long2ObjectHashMap<BalanceEvent> last = new Long2ObjectHashMap<>(events.size() * 2 + 2, 0.65f);
        LongArrayList moved = new LongArrayList(events.size(), Long.MIN_VALUE);
        for (BalanceEvent e : events) {
            BalanceEvent[] pair = after.get(e.transferId());
            if (pair == null) {
                after.put(e.transferId(), pair = new BalanceEvent[2]);
            }
            pair[pair[0] == null || pair[0].accountId() == e.accountId() ? 0 : 1] = e;
            if (last.put(e.accountId(), e) == null) {
                moved.addLong(e.accountId());
            }
        }
        Long2LongHashMap ledgers = new Long2LongHashMap(Long.MIN_VALUE);
        List<Change> out = new ArrayList<>(transfers.size() + records.size() + moved.size());
        int seq = firstSeq;
        for (TransferRecord r : transfers) {
            ledgers.put(r.debitAccountId(), r.ledger());
            ledgers.put(r.creditAccountId(), r.ledger());
            out.add(new Change.TransferChange(index, seq++, r, balances(after, r.debitAccountId(), r.id()),
                    balances(after, r.creditAccountId(), r.id())));
        }
        for (Put p : records) {
            out.add(new Change.RecordChange(index, seq++, p.kind(), p.id(), p.bytes()));
        }
        for (int i = 0; i < moved.size(); i++) {
            BalanceEvent e = last.get(moved.getLong(i));
            long ledger = ledgers.get(e.accountId());
            if (ledger == Long.MIN_VALUE) {
                TransferRecord t = storedTransfer.apply(e.transferId());
                if (t == null) {
                    throw new IllegalStateException("account " + e.accountId() + " moved at log index " + index
                            + " by transfer " + e.transferId() + ", which the history does not hold");
                }
                ledger = t.ledger();
            }
            out.add(new Change.AccountChange(index, seq++, (int) ledger, e.timestamp(), balances(e)));
        }
        return out;
    }

    private static Change.Balances balances(Long2ObjectHashMap<BalanceEvent[]> after, long accountId,
                                            long transferId) {
        BalanceEvent[] pair = after.get(transferId);
        if (pair != null) {
            for (BalanceEvent e : pair) {
                if (e != null && e.accountId() == accountId) {
                    return balances(e);
                }
            }
        }
        return null;
    }

    private static Change.Balances balances(BalanceEvent e) {
        return new Change.Balances(e.accountId(), e.debitsPending(), e.debitsPosted(), e.creditsPending(),
                e.creditsPosted());
    }
}
