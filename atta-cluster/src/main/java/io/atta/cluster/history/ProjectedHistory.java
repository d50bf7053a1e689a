package io.atta.cluster.history;

import io.atta.cluster.HistoryReader;
import io.atta.cluster.ServiceException;
import io.atta.engine.ledger.BalanceEvent;
import io.atta.engine.ledger.TransactionOutcome;
import io.atta.engine.ledger.TransferRecord;
import io.atta.engine.ledger.TransferStore;
import io.atta.engine.shard.RecordArchive;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.collections.LongArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A shard's history as a projection of its Raft log (docs/ARCHITECTURE.md §6), the model of
 * TigerBeetle's LSM and of an outbox-fed index. Apply appends each batch's records, events and
 * decisions to an in-memory tail tagged with the batch's log index and goes on; one indexer
 * thread writes the tail to the {@link RocksHistory} in log order, and the store records the
 * index it reached. Look-ups inside apply ask the {@link IdFilter} first, which holds every id
 * of the tail and the store (so a fresh id costs nothing more), then the tail, then the store.
 * Reads wait until the indexer has reached the
 * last batch applied when they began, so a read right after a write sees it.
 *
 * <p>A follower indexes lazily ({@link #indexLazily}): its indexer stores nothing until the tail
 * holds {@link #lazyIndexBatches} batches or {@link #lazyIndexItems} items, then stores the whole
 * tail in one go; a read, a snapshot or leadership makes it catch up at once. A replica that
 * never serves a read then indexes in bursts, off its apply path, and apply still finds every
 * record in the tail or the store.
 *
 * <p>The modules' final records ({@link RecordArchive}: trades and orders that left the heap) go
 * the same way: put during apply, they join the batch's tail entry at its commit, {@link #find}
 * checks the tail then the store (probing it only for keys the filter may hold), and
 * {@link #list} merges the tail's list places with the store's.
 *
 * <p>Nothing here is durable on its own, nor needs to be: the Raft log is. After a crash the
 * history is rebuilt from the snapshot's checkpoint and the log after it, as before.
 */
public final class ProjectedHistory implements TransferStore, RecordArchive, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ProjectedHistory.class);

    /** Batches the tail may hold before apply waits for the indexer (bounds memory and read latency). */
    public static final int maxTailBatches = 32;
    /** Transfer records and balance events the tail may hold before apply waits for the indexer. */
    public static final int maxTailItems = 1 << 18;
    /** Batches a lazy (following) replica's tail gathers before its indexer stores them: half the tail. */
    public static final int lazyIndexBatches = maxTailBatches / 2;
    /** Items a lazy replica's tail gathers before its indexer stores them: half the tail, so apply never waits. */
    public static final int lazyIndexItems = maxTailItems / 2;
    /** How long a read, a snapshot or a new leader waits for the indexer before giving up. */
    public static final long maxIndexWaitMs = 10_000;
    /** The id filter's file in a snapshot. */
    static final String filterFile = "history-ids.filter";
    private static final String checkpointDir = "history";

    /** One applied batch not yet in the store, with its records' ids for look-ups. */
    private record TailBatch(long index, List<TransferRecord> transfers, List<BalanceEvent> events,
                             List<TransactionOutcome> outcomes, BatchIds recordIds, List<Entry> archived,
                             List<BatchChanges.Put> changed) {
        int items() {
            return transfers.size() + events.size() + archived.size() + changed.size();
        }
    }

    /** A final record's key in the tail. */
    private record ArchivedKey(byte kind, long id) {
    }

    private final RocksHistory store;
    private final IndexerSteps steps;
    private final String name;
    private final HistoryReader reader;
    /**
     * The applying thread's: the batches appended and not yet swept, oldest first, where look-ups
     * find tail records (newest batch first), and the newest tail decision of each transaction.
     * Once the indexer has stored a batch ({@link #indexedBatches}), the applying thread sweeps
     * it out before its next look-up.
     */
    private final Long2ObjectHashMap<TransactionOutcome> tailOutcomes = new Long2ObjectHashMap<>();
    private final ArrayDeque<TailBatch> unswept = new ArrayDeque<>();
    private long sweptBatches;
    /** Batches the indexer has stored, ever (written by the indexer only). */
    private volatile long indexedBatches;
    /** The newest tail bytes of each final record, and the tail's list places (read by any thread). */
    private final ConcurrentHashMap<ArchivedKey, byte[]> tailArchived = new ConcurrentHashMap<>();
    private final java.util.concurrent.ConcurrentSkipListSet<RecordArchive.Place> tailPlaces =
            new java.util.concurrent.ConcurrentSkipListSet<>();
    /** Final records put by the batch being applied (the applying thread's), until its commit. */
    private final List<Entry> pendingArchived = new ArrayList<>();
    /** Records changed by the batch being applied (the applying thread's), until its commit. */
    private final List<BatchChanges.Put> pendingChanges = new ArrayList<>();
    /** Readers of the change stream waiting for the indexer to pass a log index (guarded by the monitor). */
    private final List<Waiter> waiters = new ArrayList<>();
    // Guarded by this object's monitor.
    private final ArrayDeque<TailBatch> tail = new ArrayDeque<>();
    private int tailItems;
    /** Index whenever the tail holds a batch (false), or only up to {@link #wantedIndex} (true: a follower). */
    private boolean lazy;
    /** The log index a lazy indexer must reach: what a waiting read or snapshot needs, or the tail at its bound. */
    private long wantedIndex;
    private boolean closed;
    private Throwable failure;
    // The applying thread's.
    private final IdFilter ids = new IdFilter();
    private long[] probe = new long[1024];
    private long applyingIndex;
    private int appendedBatches;
    private int snapshots;
    private volatile long appendedIndex;
    private volatile long indexedIndex;
    private final Thread indexer;
    private final long indexWaitMs;

    public ProjectedHistory(RocksHistory store, IndexerSteps steps, String name) {
        this(store, steps, name, maxIndexWaitMs);
    }

    /** As the public constructor, with reads waiting at most {@code indexWaitMs} (tests). */
    ProjectedHistory(RocksHistory store, IndexerSteps steps, String name, long indexWaitMs) {
        this.indexWaitMs = indexWaitMs;
        this.store = store;
        this.steps = steps;
        this.name = name;
        this.reader = new IndexedReader(this, store);
        this.indexer = new Thread(this::runIndexer, name + "-indexer");
        indexer.setDaemon(true);
        indexer.start();
    }

    /** Sets the log index that the next {@link #commit} belongs to. */
    public void setApplyingIndex(long index) {
        this.applyingIndex = index;
    }

    /** The reads: each waits for the indexer to reach the batch applied last when it began. */
    public HistoryReader reader() {
        return reader;
    }

    /** The log index of the last batch appended to the tail. */
    public long appendedIndex() {
        return appendedIndex;
    }

    /**
     * The bytes the id filter takes in the heap: about two per transfer id and per archived record
     * the store holds, the part of a shard's memory that grows with its history.
     */
    public long idFilterBytes() {
        return ids.bytes();
    }

    /** The log index of the last batch in the store. */
    public long indexedIndex() {
        return indexedIndex;
    }

    /**
     * Lazy ({@code true}, a follower): the indexer waits until the tail passes its lazy bound or
     * someone waits for the store. Eager ({@code false}, a leader or a replica replaying its log
     * alone): it stores each batch as it comes. Either way apply finds every record in the tail or
     * the store, and a read waits until the store holds what was applied when it began.
     */
    public void indexLazily(boolean on) {
        synchronized (this) {
            lazy = on;
            notifyAll();
        }
    }

    /** Whether the indexer has work now (the monitor is held). */
    private boolean indexDue() {
        return !tail.isEmpty() && (!lazy || wantedIndex > indexedIndex);
    }

    /** Makes a lazy indexer store everything up to {@code index} (the monitor is held). */
    private void want(long index) {
        if (index > wantedIndex) {
            wantedIndex = index;
            notifyAll();
        }
    }

    @Override
    public void load(long[] wanted, int count, Map<Long, TransferRecord> out) {
        sweep();
        int n = 0;
        for (int i = 0; i < count; i++) {
            long id = wanted[i];
            // Every id in the tail or the store is in the filter: a fresh id (nearly all) stops here.
            if (!ids.mightContain(id)) {
                continue;
            }
            // The indexer stores a record before it leaves the tail: a miss here finds it there.
            TransferRecord r = tailRecord(id);
            if (r != null) {
                out.put(id, r);
            } else {
                if (n == probe.length) {
                    probe = java.util.Arrays.copyOf(probe, n * 2);
                }
                probe[n++] = id;
            }
        }
        store.load(probe, n, out);
    }

    /** The newest record of {@code id} in the batches not yet swept, or null. */
    private TransferRecord tailRecord(long id) {
        for (Iterator<TailBatch> it = unswept.descendingIterator(); it.hasNext(); ) {
            TailBatch b = it.next();
            int at = b.recordIds().positionOf(id);
            if (at >= 0) {
                return b.transfers().get(at);
            }
        }
        return null;
    }

    @Override
    public void loadOutcomes(long[] txIds, int count, Map<Long, TransactionOutcome> out) {
        sweep();
        long[] rest = new long[count];
        int n = 0;
        for (int i = 0; i < count; i++) {
            TransactionOutcome o = tailOutcomes.get(txIds[i]);
            if (o != null) {
                out.put(txIds[i], o);
            } else {
                rest[n++] = txIds[i];
            }
        }
        store.loadOutcomes(rest, n, out);
    }

    /** Appends the batch to the tail, first waiting while the tail is full (back-pressure on apply). */
    @Override
    public void commit(List<TransferRecord> transfers, List<BalanceEvent> events, List<TransactionOutcome> outcomes) {
        List<TransferRecord> records = List.copyOf(transfers);
        TailBatch b = new TailBatch(applyingIndex, records, List.copyOf(events), List.copyOf(outcomes),
                new BatchIds(records), List.copyOf(pendingArchived), List.copyOf(pendingChanges));
        pendingArchived.clear();
        pendingChanges.clear();
        sweep();
        synchronized (this) {
            if (failure != null) {
                throw new IllegalStateException(name + ": the history indexer stopped: " + failure, failure);
            }
            // Apply waits as long as the indexer needs: giving up would stop the group.
            long deadline = System.nanoTime() + TimeUnit.DAYS.toNanos(365);
            while (!tail.isEmpty() && (tail.size() >= maxTailBatches || tailItems + b.items() > maxTailItems)) {
                want(appendedIndex);
                awaitChange(deadline, "room in the history tail");
            }
            // A log entry may commit more than once (an engine that stores per module); never out of order.
            if (b.index() < appendedIndex) {
                throw new IllegalStateException(name + ": batch at log index " + b.index()
                        + " appended after " + appendedIndex);
            }
            tail.addLast(b);
            tailItems += b.items();
            appendedIndex = b.index();
            if (tail.size() >= lazyIndexBatches || tailItems >= lazyIndexItems) {
                // A lazy indexer stores the whole tail once it passes its bound; an eager one is at it already.
                want(appendedIndex);
            }
            notifyAll();
        }
        // The indexer may store the batch before these lines run; the next sweep drops it then.
        for (TransferRecord r : b.transfers()) {
            ids.add(r.id());
        }
        for (TransactionOutcome o : b.outcomes()) {
            tailOutcomes.put(o.txId(), o);
        }
        unswept.addLast(b);
        steps.appended(++appendedBatches);
    }

    /**
     * Puts a final record: visible to {@link #find} and {@link #list} at once, stored with the
     * batch being applied (it joins that batch's tail entry at its {@link #commit}).
     */
    @Override
    public void put(Entry e) {
        tailArchived.put(new ArchivedKey(e.kind(), e.id()), e.bytes());
        for (int i = 0; i < e.listKinds().length; i++) {
            tailPlaces.add(new RecordArchive.Place(e.listKinds()[i], e.listOwners()[i], e.createdAt(), e.id()));
        }
        ids.add(filterKey(e.kind(), e.id()));
        pendingArchived.add(e);
    }

    /** A change for the stream, stored with the batch being applied (it joins that batch's tail entry). */
    @Override
    public void changed(byte kind, long id, byte[] bytes) {
        pendingChanges.add(new BatchChanges.Put(kind, id, bytes));
    }

    /** A change-stream reader waiting for the store to pass {@code index}. */
    private record Waiter(long index, java.util.concurrent.CompletableFuture<Void> done) {
    }

    /**
     * Completes once the store holds a batch after log index {@code index} (or the history
     * closes), so that a long-polling reader of the change stream holds no thread while it waits.
     * The caller bounds the wait.
     */
    public java.util.concurrent.CompletableFuture<Void> indexedPast(long index) {
        java.util.concurrent.CompletableFuture<Void> f = new java.util.concurrent.CompletableFuture<>();
        synchronized (this) {
            if (indexedIndex > index || closed || failure != null) {
                f.complete(null);
            } else {
                waiters.add(new Waiter(index, f));
                // A lazy indexer (a follower) stores at once what a reader waits for.
                want(appendedIndex);
            }
        }
        return f;
    }

    /** Takes the waiters the store has passed (the monitor is held); they are completed outside it. */
    private List<Waiter> passedWaiters() {
        if (waiters.isEmpty()) {
            return List.of();
        }
        List<Waiter> passed = new ArrayList<>();
        for (Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
            Waiter w = it.next();
            if (w.done().isDone()) {
                it.remove(); // its reader stopped waiting (a bounded wait timed out)
            } else if (indexedIndex > w.index() || closed) {
                passed.add(w);
                it.remove();
            }
        }
        return passed;
    }

    /** The change records after a cursor, from the store (the caller has waited for the indexer). */
    List<io.atta.cluster.Change> storedChanges(long afterIndex, int afterSeq, int limit) {
        return store.changeRecords(afterIndex, afterSeq, limit);
    }

    @Override
    public byte[] find(byte kind, long id) {
        // The indexer stores a record before it leaves the tail: a miss here finds it there.
        byte[] b = tailArchived.get(new ArchivedKey(kind, id));
        if (b != null || !ids.mightContain(filterKey(kind, id))) {
            return b;
        }
        return store.find(kind, id);
    }

    @Override
    public void list(byte listKind, long owner, long before, int limit, LongArrayList out) {
        // The store first: a place that leaves the tail meanwhile is in the store by then. The
        // tail's newest and the store's newest together hold the newest of all; repeats are allowed.
        store.list(listKind, owner, before, limit, out);
        int n = 0;
        for (RecordArchive.Place p : tailPlaces.subSet(new RecordArchive.Place(listKind, owner, Long.MIN_VALUE,
                Long.MIN_VALUE), new RecordArchive.Place(listKind, owner, before, Long.MIN_VALUE)).descendingSet()) {
            if (n++ >= limit) {
                break;
            }
            out.addLong(p.id());
        }
    }

    /** A final record's key in the id filter, which it shares with transfer ids (a collision only costs a probe). */
    private static long filterKey(byte kind, long id) {
        return (id * 0x9E3779B97F4A7C15L) ^ ((long) kind << 56) ^ 0x5bd1e995L;
    }

    /** Waits (bounded) until the store holds every batch up to {@code index}. */
    public void awaitIndexed(long index) {
        if (indexedIndex >= index) {
            return;
        }
        synchronized (this) {
            want(index);
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(indexWaitMs);
            while (indexedIndex < index) {
                awaitChange(deadline, "the history index to reach log index " + index);
            }
        }
    }

    /** Waits until the store holds every batch appended so far (snapshots, a new leader). */
    public void drain() {
        awaitIndexed(appendedIndex);
    }

    /** Waits on the monitor (held) for the indexer or a closing; fails on a stopped indexer or the deadline. */
    private void awaitChange(long deadline, String what) {
        if (failure != null) {
            throw new IllegalStateException(name + ": the history indexer stopped: " + failure, failure);
        }
        if (closed) {
            throw new ServiceException(ServiceException.Reason.stopped, "the history store is closed");
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw new ServiceException(ServiceException.Reason.unavailable, name + ": waited " + indexWaitMs
                    + " ms (maxIndexWaitMs) for " + what + "; the indexer is at log index " + indexedIndex
                    + ", apply at " + appendedIndex + "; try again");
        }
        try {
            TimeUnit.NANOSECONDS.timedWait(this, left);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceException(ServiceException.Reason.stopped, "interrupted waiting for " + what);
        }
    }

    /**
     * On the applying thread: drops the batches the indexer has stored, and their decisions
     * unless a later batch made one for the same transaction since. A look-up that misses the
     * tail then finds the entry in the store, so the tail never loses what the store does not hold.
     */
    private void sweep() {
        long stored = indexedBatches;
        while (sweptBatches < stored) {
            TailBatch b = unswept.removeFirst();
            for (TransactionOutcome o : b.outcomes()) {
                if (tailOutcomes.get(o.txId()) == o) {
                    tailOutcomes.remove(o.txId());
                }
            }
            sweptBatches++;
        }
    }

    private void runIndexer() {
        int k = 0;
        try {
            while (true) {
                TailBatch b;
                synchronized (this) {
                    while (!indexDue() && !closed) {
                        wait();
                    }
                    if (closed) {
                        return;
                    }
                    b = tail.peekFirst();
                }
                steps.beforeIndex(++k);
                store.setApplyingIndex(b.index());
                store.commit(b.transfers(), b.events(), b.outcomes(), b.archived(), b.changed());
                steps.afterIndex(k);
                for (Entry e : b.archived()) {
                    tailArchived.remove(new ArchivedKey(e.kind(), e.id()), e.bytes());
                    for (int i = 0; i < e.listKinds().length; i++) {
                        tailPlaces.remove(new RecordArchive.Place(e.listKinds()[i], e.listOwners()[i], e.createdAt(), e.id()));
                    }
                }
                List<Waiter> passed;
                synchronized (this) {
                    indexedBatches++;
                    tail.removeFirst();
                    tailItems -= b.items();
                    // An entry that committed more than once is indexed when its last part is.
                    boolean more = !tail.isEmpty() && tail.peekFirst().index() == b.index();
                    indexedIndex = more ? b.index() - 1 : b.index();
                    notifyAll();
                    passed = passedWaiters();
                }
                for (Waiter w : passed) {
                    w.done().complete(null);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable t) {
            log.error("{}: the history indexer stopped; apply stops at its next batch", name, t);
            synchronized (this) {
                failure = t;
                notifyAll();
            }
        }
    }

    /**
     * Writes the history as of the last applied batch into the snapshot directory {@code dir}:
     * drains the indexer first, so the checkpoint holds everything up to the snapshot's index
     * and nothing after (apply does not run during a snapshot save). Returns the files written,
     * relative to {@code dir}.
     */
    public List<String> checkpoint(Path dir) {
        drain();
        List<String> files = new ArrayList<>();
        for (String f : store.checkpoint(dir.resolve(checkpointDir))) {
            files.add(checkpointDir + "/" + f);
        }
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(
                Files.newOutputStream(dir.resolve(filterFile)), 1 << 16))) {
            ids.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve(filterFile), e);
        }
        files.add(filterFile);
        steps.midSnapshot(++snapshots);
        return files;
    }

    /**
     * Replaces the history with the snapshot's at {@code dir}, at log index {@code index}: the
     * tail is drained first (what it holds is older than the snapshot). A snapshot written before
     * the id filter existed has none, and one of an older filter format has one this build does
     * not read: then the filter is rebuilt from the store's ids.
     */
    public void restoreFrom(Path dir, long index) {
        drain();
        store.restoreFrom(dir.resolve(checkpointDir));
        Path filter = dir.resolve(filterFile);
        boolean filterRead = false;
        if (Files.exists(filter)) {
            try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(filter),
                    1 << 16))) {
                filterRead = ids.read(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + filter, e);
            }
        }
        if (!filterRead) {
            ids.clear();
            store.forEachTransferId(ids::add);
            store.forEachArchived((kind, id) -> ids.add(filterKey(kind, id)));
        }
        // Records put while the snapshot loaded (a module's older section moving its final
        // records out) are stored with the next batch: the restored filter must know them.
        for (Entry e : pendingArchived) {
            ids.add(filterKey(e.kind(), e.id()));
        }
        sweep();
        List<Waiter> passed;
        synchronized (this) {
            appendedIndex = index;
            indexedIndex = index;
            notifyAll();
            passed = passedWaiters();
        }
        for (Waiter w : passed) {
            w.done().complete(null);
        }
    }

    /** Stops the indexer where it is (the log rebuilds the rest on the next start) and closes the store. */
    @Override
    public void close() {
        List<Waiter> passed;
        synchronized (this) {
            closed = true;
            notifyAll();
            passed = passedWaiters();
        }
        for (Waiter w : passed) {
            w.done().complete(null);
        }
        indexer.interrupt();
        try {
            indexer.join(indexWaitMs);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        store.close();
    }
}
