package io.atta.cluster.history;

import io.atta.cluster.HistoryReader;
import io.atta.cluster.ServiceException;
import io.atta.engine.ledger.BalanceEvent;
import io.atta.engine.ledger.TransactionOutcome;
import io.atta.engine.ledger.TransferRecord;
import io.atta.engine.ledger.TransferStore;
import io.atta.engine.shard.RecordArchive;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A shard's history as a projection of its Raft log (docs/ARCHITECTURE.md §6), the model of
 * TigerBeetle's LSM and of an outbox-fed index. Apply appends each batch's records, events and
 * decisions to an in-memory tail tagged with the batch's log index and goes on; one indexer
 * thread writes the tail to the {@link RocksHistory} in log order, and the store records the
 * index it reached. Look-ups inside apply check the tail, then the store, which is probed only
 * for ids the {@link IdFilter} says it may hold. Reads wait until the indexer has reached the
 * last batch applied when they began, so a read right after a write sees it.
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
    /** How long a read, a snapshot or a new leader waits for the indexer before giving up. */
    public static final long maxIndexWaitMs = 10_000;
    /** The id filter's file in a snapshot. */
    static final String filterFile = "history-ids.filter";
    private static final String checkpointDir = "history";

    /** One applied batch not yet in the store. */
    private record TailBatch(long index, List<TransferRecord> transfers, List<BalanceEvent> events,
                             List<TransactionOutcome> outcomes, List<Entry> archived) {
        int items() {
            return transfers.size() + events.size() + archived.size();
        }
    }

    /** A final record's key in the tail. */
    private record ArchivedKey(byte kind, long id) {
    }

    private final RocksHistory store;
    private final IndexerSteps steps;
    private final String name;
    private final HistoryReader reader;
    /** The newest tail record of each id and decision of each transaction; the indexer removes what it stored. */
    private final ConcurrentHashMap<Long, TransferRecord> tailRecords = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Long, TransactionOutcome> tailOutcomes = new ConcurrentHashMap<>();
    /** The newest tail bytes of each final record, and the tail's list places. */
    private final ConcurrentHashMap<ArchivedKey, byte[]> tailArchived = new ConcurrentHashMap<>();
    private final java.util.concurrent.ConcurrentSkipListSet<RecordArchive.Place> tailPlaces =
            new java.util.concurrent.ConcurrentSkipListSet<>();
    /** Final records put by the batch being applied (the applying thread's), until its commit. */
    private final List<Entry> pendingArchived = new ArrayList<>();
    // Guarded by this object's monitor.
    private final ArrayDeque<TailBatch> tail = new ArrayDeque<>();
    private int tailItems;
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

    @Override
    public void load(long[] wanted, int count, Map<Long, TransferRecord> out) {
        int n = 0;
        for (int i = 0; i < count; i++) {
            long id = wanted[i];
            // The indexer stores a record before it leaves the tail: a miss here finds it there.
            TransferRecord r = tailRecords.get(id);
            if (r != null) {
                out.put(id, r);
            } else if (ids.mightContain(id)) {
                if (n == probe.length) {
                    probe = java.util.Arrays.copyOf(probe, n * 2);
                }
                probe[n++] = id;
            }
        }
        store.load(probe, n, out);
    }

    @Override
    public void loadOutcomes(long[] txIds, int count, Map<Long, TransactionOutcome> out) {
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
        TailBatch b = new TailBatch(applyingIndex, List.copyOf(transfers), List.copyOf(events), List.copyOf(outcomes),
                List.copyOf(pendingArchived));
        pendingArchived.clear();
        synchronized (this) {
            if (failure != null) {
                throw new IllegalStateException(name + ": the history indexer stopped: " + failure, failure);
            }
            // Apply waits as long as the indexer needs: giving up would stop the group.
            long deadline = System.nanoTime() + TimeUnit.DAYS.toNanos(365);
            while (!tail.isEmpty() && (tail.size() >= maxTailBatches || tailItems + b.items() > maxTailItems)) {
                awaitChange(deadline, "room in the history tail");
            }
            // A log entry may commit more than once (an engine that stores per module); never out of order.
            if (b.index() < appendedIndex) {
                throw new IllegalStateException(name + ": batch at log index " + b.index()
                        + " appended after " + appendedIndex);
            }
            for (TransferRecord r : b.transfers()) {
                tailRecords.put(r.id(), r);
                ids.add(r.id());
            }
            for (TransactionOutcome o : b.outcomes()) {
                tailOutcomes.put(o.txId(), o);
            }
            tail.addLast(b);
            tailItems += b.items();
            appendedIndex = b.index();
            notifyAll();
        }
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

    private void runIndexer() {
        int k = 0;
        try {
            while (true) {
                TailBatch b;
                synchronized (this) {
                    while (tail.isEmpty() && !closed) {
                        wait();
                    }
                    if (closed) {
                        return;
                    }
                    b = tail.peekFirst();
                }
                steps.beforeIndex(++k);
                store.setApplyingIndex(b.index());
                store.commit(b.transfers(), b.events(), b.outcomes(), b.archived());
                steps.afterIndex(k);
                for (Entry e : b.archived()) {
                    tailArchived.remove(new ArchivedKey(e.kind(), e.id()), e.bytes());
                    for (int i = 0; i < e.listKinds().length; i++) {
                        tailPlaces.remove(new RecordArchive.Place(e.listKinds()[i], e.listOwners()[i], e.createdAt(), e.id()));
                    }
                }
                for (TransferRecord r : b.transfers()) {
                    tailRecords.remove(r.id(), r);
                }
                for (TransactionOutcome o : b.outcomes()) {
                    tailOutcomes.remove(o.txId(), o);
                }
                synchronized (this) {
                    tail.removeFirst();
                    tailItems -= b.items();
                    // An entry that committed more than once is indexed when its last part is.
                    boolean more = !tail.isEmpty() && tail.peekFirst().index() == b.index();
                    indexedIndex = more ? b.index() - 1 : b.index();
                    notifyAll();
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
     * the id filter existed has none, so the filter is rebuilt from the store's ids.
     */
    public void restoreFrom(Path dir, long index) {
        drain();
        store.restoreFrom(dir.resolve(checkpointDir));
        Path filter = dir.resolve(filterFile);
        if (Files.exists(filter)) {
            try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(filter),
                    1 << 16))) {
                ids.read(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + filter, e);
            }
        } else {
            ids.clear();
            store.forEachTransferId(ids::add);
            store.forEachArchived((kind, id) -> ids.add(filterKey(kind, id)));
        }
        // Records put while the snapshot loaded (a module's older section moving its final
        // records out) are stored with the next batch: the restored filter must know them.
        for (Entry e : pendingArchived) {
            ids.add(filterKey(e.kind(), e.id()));
        }
        synchronized (this) {
            appendedIndex = index;
            indexedIndex = index;
            notifyAll();
        }
    }

    /** Stops the indexer where it is (the log rebuilds the rest on the next start) and closes the store. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            notifyAll();
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
