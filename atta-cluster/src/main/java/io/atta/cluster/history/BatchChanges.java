package io.atta.cluster.history;

import io.atta.engine.ledger.BalanceEvent;
import io.atta.engine.ledger.TransferRecord;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.collections.LongArrayList;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.LongFunction;

/**
 * Writes one batch's change records into the batch's history write (on the indexer thread):
 * each transfer record with both accounts' balances just after it, then the modules' changed
 * records in the order they were put, then each account the batch moved with its balances at the
 * batch's end. The order within a batch is this one; batches follow in log order. The records are
 * encoded ({@link ChangeCodec}) straight into reused buffers: a batch of 8,190 transfers makes no
 * garbage per change.
 */
final class BatchChanges {
    /** A module's changed record, held until its batch is stored. */
    record Put(byte kind, long id, byte[] bytes) {
    }

    private final ByteBuffer key = ByteBuffer.allocate(HistoryKeys.changeKeyBytes);
    private ByteBuffer value = ByteBuffer.allocate(ChangeCodec.transferBytes);
    private final Long2ObjectHashMap<BalanceEvent[]> after = new Long2ObjectHashMap<>();
    private final Long2ObjectHashMap<BalanceEvent> last = new Long2ObjectHashMap<>();
    private final LongArrayList moved = new LongArrayList();
    private final Long2LongHashMap ledgers = new Long2LongHashMap(Long.MIN_VALUE);

    /**
     * Puts the changes of the batch at {@code index} into {@code b}, numbered from
     * {@code firstSeq}; returns the next number. {@code storedTransfer} finds a stored transfer,
     * for the ledger of an account none of the batch's transfers names.
     */
    int write(WriteBatchBuilder b, long index, int firstSeq, List<TransferRecord> transfers,
              List<BalanceEvent> events, List<Put> records, LongFunction<TransferRecord> storedTransfer) {
        index(events);
        int seq = firstSeq;
        for (TransferRecord r : transfers) {
            ledgers.put(r.debitAccountId(), r.ledger());
            ledgers.put(r.creditAccountId(), r.ledger());
            value.clear();
            ChangeCodec.writeTransfer(value, r, after(r.debitAccountId(), r.id()), after(r.creditAccountId(), r.id()));
            put(b, index, seq++);
        }
        for (Put p : records) {
            if (value.capacity() < ChangeCodec.recordBytes(p.bytes().length)) {
                value = ByteBuffer.allocate(ChangeCodec.recordBytes(p.bytes().length));
            }
            value.clear();
            ChangeCodec.writeRecord(value, p.kind(), p.id(), p.bytes());
            put(b, index, seq++);
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
            value.clear();
            ChangeCodec.writeAccount(value, (int) ledger, e);
            put(b, index, seq++);
        }
        return seq;
    }

    /** Indexes the batch's events: by transfer (at most two accounts each), and each account's last. */
    private void index(List<BalanceEvent> events) {
        after.clear();
        last.clear();
        moved.clear();
        ledgers.clear();
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
    }

    /** The account's event for the transfer in this batch, or null (it keeps no history, or was not moved). */
    private BalanceEvent after(long accountId, long transferId) {
        BalanceEvent[] pair = after.get(transferId);
        if (pair != null) {
            for (BalanceEvent e : pair) {
                if (e != null && e.accountId() == accountId) {
                    return e;
                }
            }
        }
        return null;
    }

    private void put(WriteBatchBuilder b, long index, int seq) {
        key.clear();
        key.put(HistoryKeys.changePrefix).putLong(index).putInt(seq);
        b.put(key.array(), value.array(), value.position());
    }
}
