package io.atta.engine.ledger;

import io.atta.core.AccountFlags;
import io.atta.core.audit.EventTypes;
import io.atta.engine.shard.BatchEvents;
import io.atta.engine.shard.UndoLog;
import org.agrona.collections.Long2ObjectHashMap;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;

/**
 * The ledger's scratch state of the batch {@link ShardLedger#apply} is applying: the stored
 * transfers and transaction outcomes it may look up, what it writes, and its part of the shard's
 * undo log of the group of changes (a linked chain, a transaction's pieces) being applied all or
 * nothing. The store is read once
 * before the batch and written once after it; everything here is reused from batch to batch.
 */
final class BatchScratch {
    private final TransferStore store;

    /**
     * Transfers this batch may look up: what the store held when the batch began (loaded in one
     * call), overwritten by what the batch itself writes. A new map per batch, sized for the
     * last one: every transfer puts its new record here, and a long-lived map that has reached
     * the old generation pays G1's card-marking write barrier for each young record stored into
     * it, at a random card; a young map does not.
     */
    Long2ObjectHashMap<TransferRecord> known = newKnown(0);
    final ArrayList<TransferRecord> writes = new ArrayList<>();
    final ArrayList<BalanceEvent> events = new ArrayList<>();
    private final ArrayList<TransactionOutcome> outcomes = new ArrayList<>();
    /** Transaction outcomes this batch may look up, loaded like {@link #known}. */
    private final Long2ObjectHashMap<TransactionOutcome> knownOutcomes = new Long2ObjectHashMap<>(64, 0.65f, false);
    final UndoLog undo;
    private final BatchEvents journal;
    private long[] idScratch = new long[1024];
    private long[] txIdScratch = new long[64];
    private int idCount;
    private int txIdCount;
    private int groupWrites;
    private int groupEvents;

    BatchScratch(TransferStore store, UndoLog undo, BatchEvents journal) {
        this.store = store;
        this.undo = undo;
        this.journal = journal;
        undo.addParticipant(new UndoLog.Participant() {
            @Override
            public void groupBegan() {
                groupWrites = writes.size();
                groupEvents = events.size();
            }

            @Override
            public void groupRolledBack() {
                truncate(writes, groupWrites);
                truncate(events, groupEvents);
            }
        });
    }

    /** Notes a stored transfer this batch may look up: loaded by {@link #load}, with every other, in one call. */
    void prefetchTransfer(long id) {
        idCount = addId(idCount, id);
    }

    /** Notes a stored transaction outcome this batch may look up. */
    void prefetchOutcome(long txId) {
        txIdCount = addTxId(txIdCount, txId);
    }

    /** Loads what the batch's commands noted, in one call per kind. */
    void load() {
        if (idCount > 0) {
            store.load(idScratch, idCount, known);
        }
        if (txIdCount > 0) {
            store.loadOutcomes(txIdScratch, txIdCount, knownOutcomes);
        }
        idCount = 0;
        txIdCount = 0;
    }

    private int addId(int count, long id) {
        if (count == idScratch.length) {
            idScratch = Arrays.copyOf(idScratch, idScratch.length * 2);
        }
        idScratch[count] = id;
        return count + 1;
    }

    private int addTxId(int count, long id) {
        if (count == txIdScratch.length) {
            txIdScratch = Arrays.copyOf(txIdScratch, txIdScratch.length * 2);
        }
        txIdScratch[count] = id;
        return count + 1;
    }

    /** Stores what the batch wrote, in one call, and forgets it all for the next batch. */
    void commit() {
        store.commit(writes, events, outcomes);
        known = newKnown(writes.size());
        writes.clear();
        events.clear();
        outcomes.clear();
        knownOutcomes.clear();
    }

    private static Long2ObjectHashMap<TransferRecord> newKnown(int lastBatchRecords) {
        return new Long2ObjectHashMap<>(Math.max(1024, lastBatchRecords * 2), 0.65f, false);
    }

    TransactionOutcome knownOutcome(long txId) {
        return knownOutcomes.get(txId);
    }

    void recordOutcome(TransactionOutcome o) {
        knownOutcomes.put(o.txId(), o);
        outcomes.add(o);
    }

    /**
     * Writes a transfer record, and tells the batch's journal (a transfer event: the record in
     * its history form); an undoable write restores what the batch knew under its id before.
     */
    void putRecord(TransferRecord r, boolean undoable) {
        TransferRecord previous = known.put(r.id(), r);
        writes.add(r);
        if (journal.active()) {
            ByteBuffer b = journal.open(EventTypes.transfer, TransferRecordCodec.bytes);
            TransferRecordCodec.write(r, b);
            journal.close(b);
        }
        if (undoable) {
            undo.add(() -> {
                if (previous == null) {
                    known.remove(r.id());
                } else {
                    known.put(r.id(), previous);
                }
            });
        }
    }

    /**
     * Records the account's balances after a change, for its history, when it keeps one
     * ({@code AccountFlags.history}): an account without the flag costs the history store
     * nothing per transfer but the transfer's record.
     */
    void event(Account a, long timestamp, long transferId, BalanceEvent.Kind kind) {
        if ((a.flags & AccountFlags.history) != 0) {
            events.add(BalanceEvent.of(a, timestamp, transferId, kind));
        }
    }

    /** Logs an account's balances as they are now, for the group to restore if it is rolled back. */
    void saveBalances(Account a) {
        long dp = a.debitsPending;
        long dpo = a.debitsPosted;
        long cp = a.creditsPending;
        long cpo = a.creditsPosted;
        undo.add(() -> {
            a.debitsPending = dp;
            a.debitsPosted = dpo;
            a.creditsPending = cp;
            a.creditsPosted = cpo;
        });
    }

    /** Starts a group of changes applied all or nothing: a linked chain, or a transaction's pieces. */
    void beginGroup() {
        undo.begin();
    }

    /** Takes back every change of the group: the undo log in reverse, then the records and events it wrote. */
    void rollBackGroup() {
        undo.rollBack();
    }

    /** Ends the group: what was not rolled back stands. */
    void endGroup() {
        undo.end();
    }

    private static void truncate(ArrayList<?> list, int size) {
        list.subList(size, list.size()).clear();
    }
}
