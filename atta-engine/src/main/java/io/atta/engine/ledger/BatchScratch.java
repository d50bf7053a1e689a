package io.atta.engine.ledger;

import io.atta.core.AccountFlags;
import io.atta.core.command.Adjust;
import io.atta.core.command.BeginTransaction;
import io.atta.core.command.Command;
import io.atta.core.command.CreateTransfer;
import io.atta.core.command.DecideTransaction;
import io.atta.core.command.Deposit;
import io.atta.core.command.PrepareTransaction;
import io.atta.core.command.RequestWithdrawal;
import io.atta.core.command.ResolveWithdrawal;
import io.atta.engine.channel.ChannelMoney;

import org.agrona.collections.Long2ObjectHashMap;

import java.util.ArrayList;
import java.util.Arrays;

/**
 * The scratch state of the batch {@link ShardLedger#apply} is applying: the stored transfers and
 * transaction outcomes it may look up, what it writes, and the undo log of the group of changes
 * (a linked chain, a transaction's pieces) being applied all or nothing. The store is read once
 * before the batch and written once after it; everything here is reused from batch to batch.
 */
final class BatchScratch {
    private final TransferStore store;

    /**
     * Transfers this batch may look up: what the store held when the batch began (loaded in one
     * call), overwritten by what the batch itself writes.
     */
    final Long2ObjectHashMap<TransferRecord> known = new Long2ObjectHashMap<>(1024, 0.65f, false);
    final ArrayList<TransferRecord> writes = new ArrayList<>();
    final ArrayList<BalanceEvent> events = new ArrayList<>();
    private final ArrayList<TransactionOutcome> outcomes = new ArrayList<>();
    /** Transaction outcomes this batch may look up, loaded like {@link #known}. */
    private final Long2ObjectHashMap<TransactionOutcome> knownOutcomes = new Long2ObjectHashMap<>(64, 0.65f, false);
    final ArrayList<Runnable> undo = new ArrayList<>();
    private long[] idScratch = new long[1024];
    private long[] txIdScratch = new long[64];
    private int groupWrites;
    private int groupEvents;

    BatchScratch(TransferStore store) {
        this.store = store;
    }

    /** Loads from the store, in one call, every stored transfer this batch may look up. */
    void prefetch(ShardLedger l, Command[] commands) {
        int count = 0;
        int txCount = 0;
        for (Command c : commands) {
            if (c instanceof CreateTransfer t) {
                count = addId(count, t.id());
                if (t.pendingId() != 0 && !l.openPending.containsKey(t.pendingId())) {
                    count = addId(count, t.pendingId());
                }
            } else if (c instanceof BeginTransaction b) {
                for (CreateTransfer t : b.legs()) {
                    count = addId(count, t.id());
                }
                txCount = addTxId(txCount, b.txId());
            } else if (c instanceof PrepareTransaction p) {
                for (CreateTransfer t : p.legs()) {
                    count = addId(count, t.id());
                }
            } else if (c instanceof Deposit d) {
                count = addId(count, d.transferId());
            } else if (c instanceof RequestWithdrawal w) {
                count = addId(count, w.withdrawalId());
            } else if (c instanceof ResolveWithdrawal w) {
                count = addId(count, ChannelMoney.resolutionId(w.withdrawalId()));
            } else if (c instanceof Adjust a) {
                count = addId(count, a.transferId());
            } else if (c instanceof DecideTransaction d && !l.transactions.coordinated.containsKey(d.txId())) {
                txCount = addTxId(txCount, d.txId());
            }
        }
        if (count > 0) {
            store.load(idScratch, count, known);
        }
        if (txCount > 0) {
            store.loadOutcomes(txIdScratch, txCount, knownOutcomes);
        }
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
        writes.clear();
        events.clear();
        outcomes.clear();
        known.clear();
        knownOutcomes.clear();
    }

    TransactionOutcome knownOutcome(long txId) {
        return knownOutcomes.get(txId);
    }

    void recordOutcome(TransactionOutcome o) {
        knownOutcomes.put(o.txId(), o);
        outcomes.add(o);
    }

    /** Writes a transfer record; an undoable write restores what the batch knew under its id before. */
    void putRecord(TransferRecord r, boolean undoable) {
        TransferRecord previous = known.put(r.id(), r);
        writes.add(r);
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
        groupWrites = writes.size();
        groupEvents = events.size();
    }

    /** Takes back every change of the group: the undo log in reverse, then the records and events it wrote. */
    void rollBackGroup() {
        for (int u = undo.size() - 1; u >= 0; u--) {
            undo.get(u).run();
        }
        truncate(writes, groupWrites);
        truncate(events, groupEvents);
    }

    /** Ends the group: what was not rolled back stands. */
    void endGroup() {
        undo.clear();
    }

    private static void truncate(ArrayList<?> list, int size) {
        list.subList(size, list.size()).clear();
    }
}
