package io.atta.cluster.history;

import io.atta.cluster.Change;
import io.atta.engine.ledger.BalanceEvent;
import io.atta.engine.ledger.TransferRecord;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
     * The changes of the batch at {@code index}, numbered from {@code firstSeq}; {@code ledgerOf}
     * finds the ledger of an account none of the batch's transfers names (a stored transfer's).
     */
    static List<Change> of(long index, int firstSeq, List<TransferRecord> transfers, List<BalanceEvent> events,
                           List<Put> records, LongFunction<TransferRecord> storedTransfer) {
        // The balances after each (account, transfer), and each account's last event of the batch.
        Map<Long, Map<Long, BalanceEvent>> after = new HashMap<>();
        LinkedHashMap<Long, BalanceEvent> last = new LinkedHashMap<>();
        for (BalanceEvent e : events) {
            after.computeIfAbsent(e.accountId(), k -> new HashMap<>()).put(e.transferId(), e);
            last.put(e.accountId(), e);
        }
        Map<Long, Integer> ledgers = new HashMap<>();
        List<Change> out = new ArrayList<>(transfers.size() + records.size() + last.size());
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
        for (BalanceEvent e : last.values()) {
            Integer ledger = ledgers.get(e.accountId());
            if (ledger == null) {
                TransferRecord t = storedTransfer.apply(e.transferId());
                if (t == null) {
                    throw new IllegalStateException("account " + e.accountId() + " moved at log index " + index
                            + " by transfer " + e.transferId() + ", which the history does not hold");
                }
                ledger = t.ledger();
            }
            out.add(new Change.AccountChange(index, seq++, ledger, e.timestamp(), balances(e)));
        }
        return out;
    }

    private static Change.Balances balances(Map<Long, Map<Long, BalanceEvent>> after, long accountId, long transferId) {
        Map<Long, BalanceEvent> byTransfer = after.get(accountId);
        BalanceEvent e = byTransfer == null ? null : byTransfer.get(transferId);
        return e == null ? null : balances(e);
    }

    private static Change.Balances balances(BalanceEvent e) {
        return new Change.Balances(e.accountId(), e.debitsPending(), e.debitsPosted(), e.creditsPending(),
                e.creditsPosted());
    }
}
