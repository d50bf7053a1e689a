package io.atta.cluster.shard;

import com.alipay.sofa.jraft.Closure;
import com.alipay.sofa.jraft.Iterator;
import com.alipay.sofa.jraft.Status;
import com.alipay.sofa.jraft.core.StateMachineAdapter;
import com.alipay.sofa.jraft.entity.LeaderChangeContext;
import com.alipay.sofa.jraft.error.RaftError;
import com.alipay.sofa.jraft.error.RaftException;
import com.alipay.sofa.jraft.storage.snapshot.SnapshotReader;
import com.alipay.sofa.jraft.storage.snapshot.SnapshotWriter;
import io.atta.cluster.history.ProjectedHistory;
import io.atta.core.command.BatchCodec;
import io.atta.core.command.Result;
import io.atta.engine.ledger.LedgerSnapshot;
import io.atta.engine.ledger.ShardLedger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.function.LongConsumer;

/**
 * Feeds committed log entries to the shard's ledger. Each entry is one batch; it is applied
 * under the write lock (so readers see whole batches only) and its history is appended to the
 * history's tail, which an indexer stores behind it ({@link ProjectedHistory}): the Raft log is
 * what makes a reply durable. Nothing here may throw out of {@link #onApply}: a broken
 * invariant stops the group with {@code setErrorAndRollback}.
 */
final class ShardStateMachine extends StateMachineAdapter {
    private static final Logger log = LoggerFactory.getLogger(ShardStateMachine.class);
    private static final String ledgerFile = "ledger.bin";

    private final ShardLedger ledger;
    private final ProjectedHistory history;
    private final ReadWriteLock lock;
    private final LongConsumer onLeaderStart;
    private final Runnable onLeaderStop;
    private volatile long appliedIndex;
    /** When the group began to open ({@link System#nanoTime}), until it first leads; 0 after. */
    private volatile long openedNanos;
    private volatile long entriesBeforeLeading;
    /** Bytes of log entries applied since the last snapshot (saved or loaded): what a restart would replay. */
    private volatile long logBytesSinceSnapshot;
    /** The size of the last snapshot's ledger file. */
    private volatile long lastSnapshotBytes;
    /** Whether the group has replayed its log and taken up a role (led or followed) since it opened. */
    private volatile boolean settled;
    private final java.util.concurrent.atomic.LongAdder appliedEntries = new java.util.concurrent.atomic.LongAdder();
    private final java.util.concurrent.atomic.LongAdder appliedCommands = new java.util.concurrent.atomic.LongAdder();
    private final java.util.concurrent.atomic.LongAdder applyNanos = new java.util.concurrent.atomic.LongAdder();

    ShardStateMachine(ShardLedger ledger, ProjectedHistory history, ReadWriteLock lock, LongConsumer onLeaderStart,
                      Runnable onLeaderStop) {
        this.ledger = ledger;
        this.history = history;
        this.lock = lock;
        this.onLeaderStart = onLeaderStart;
        this.onLeaderStop = onLeaderStop;
    }

    long appliedIndex() {
        return appliedIndex;
    }

    long logBytesSinceSnapshot() {
        return logBytesSinceSnapshot;
    }

    long lastSnapshotBytes() {
        return lastSnapshotBytes;
    }

    /** True once the group has replayed its log and led or followed: a snapshot then delays no restart. */
    boolean settled() {
        return settled;
    }

    /** The group begins to open now: its first leadership reports how long the replay took. */
    void opening(long nanos) {
        openedNanos = nanos;
        entriesBeforeLeading = appliedEntries.sum();
    }

    long appliedEntries() {
        return appliedEntries.sum();
    }

    long appliedCommands() {
        return appliedCommands.sum();
    }

    long applyNanos() {
        return applyNanos.sum();
    }

    @Override
    public void onApply(Iterator iter) {
        while (iter.hasNext()) {
            long index = iter.getIndex();
            Result[] results;
            try {
                long began = System.nanoTime();
                java.nio.ByteBuffer data = iter.getData();
                logBytesSinceSnapshot += data.remaining();
                BatchCodec.Batch batch = BatchCodec.decode(data.duplicate());
                lock.writeLock().lock();
                try {
                    history.setApplyingIndex(index);
                    ledger.setLogIndex(index);
                    results = ledger.apply(batch.timestamp(), batch.commands());
                    appliedIndex = index;
                } finally {
                    lock.writeLock().unlock();
                }
                appliedEntries.increment();
                appliedCommands.add(results.length);
                applyNanos.add(System.nanoTime() - began);
            } catch (RuntimeException | AssertionError e) {
                // AssertionError: a broken engine invariant (docs/RESULTS.md), checked under -ea.
                log.error("shard {}: cannot apply log entry {}; stopping the group", ledger.shardId(), index, e);
                iter.setErrorAndRollback(1, new Status(RaftError.ESTATEMACHINE, "apply failed at %d: %s", index,
                        e.toString()));
                return;
            }
            Closure done = iter.done();
            if (done instanceof BatchClosure c) {
                c.setResults(results);
                c.run(Status.OK());
            } else if (done != null) {
                done.run(Status.OK());
            }
            iter.next();
        }
    }

    @Override
    public void onSnapshotSave(SnapshotWriter writer, Closure done) {
        try {
            Path dir = Path.of(writer.getPath());
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(
                    Files.newOutputStream(dir.resolve(ledgerFile)), 1 << 16))) {
                LedgerSnapshot.write(ledger, out);
            }
            boolean ok = writer.addFile(ledgerFile);
            // Snapshots run on the apply thread: nothing is applied between this and the save.
            logBytesSinceSnapshot = 0;
            lastSnapshotBytes = Files.size(dir.resolve(ledgerFile));
            // Snapshots run on the apply thread: the history drained here holds exactly the
            // batches up to the snapshot's index.
            for (String f : history.checkpoint(dir)) {
                ok &= writer.addFile(f);
            }
            done.run(ok ? Status.OK() : new Status(RaftError.EIO, "cannot add snapshot files"));
        } catch (IOException | RuntimeException e) {
            log.error("shard {}: snapshot failed", ledger.shardId(), e);
            done.run(new Status(RaftError.EIO, "snapshot failed: %s", e.toString()));
        }
    }

    @Override
    public boolean onSnapshotLoad(SnapshotReader reader) {
        Path dir = Path.of(reader.getPath());
        lock.writeLock().lock();
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(
                Files.newInputStream(dir.resolve(ledgerFile)), 1 << 16))) {
            LedgerSnapshot.read(ledger, in);
            logBytesSinceSnapshot = 0;
            lastSnapshotBytes = Files.size(dir.resolve(ledgerFile));
            long index = reader.load().getLastIncludedIndex();
            history.restoreFrom(dir, index);
            appliedIndex = index;
            log.info("shard {}: loaded snapshot at log index {}", ledger.shardId(), appliedIndex);
            return true;
        } catch (IOException | RuntimeException e) {
            log.error("shard {}: cannot load snapshot {}", ledger.shardId(), dir, e);
            return false;
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public void onLeaderStart(long term) {
        // A follower indexes lazily; it catches up before it leads, so that its first reads do
        // not wait for a backlog, and from now on it indexes each batch as it comes.
        history.indexLazily(false);
        try {
            history.drain();
        } catch (RuntimeException e) {
            log.warn("shard {}: leading with the history index behind: {}", ledger.shardId(), e.getMessage());
        }
        settled = true;
        long opened = openedNanos;
        if (opened != 0) {
            openedNanos = 0;
            log.info("shard {}: leads at log index {}, {} ms after it began to open; {} log entries replayed",
                    ledger.shardId(), appliedIndex, java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(
                            System.nanoTime() - opened), appliedEntries.sum() - entriesBeforeLeading);
        }
        onLeaderStart.accept(term);
    }

    /**
     * A follower (or learner) indexes lazily: its history store serves reads only, and a read
     * makes it catch up first ({@link ProjectedHistory#indexLazily}).
     */
    @Override
    public void onStartFollowing(LeaderChangeContext ctx) {
        history.indexLazily(true);
        settled = true;
    }

    @Override
    public void onStopFollowing(LeaderChangeContext ctx) {
        history.indexLazily(false);
    }

    @Override
    public void onLeaderStop(Status status) {
        onLeaderStop.run();
    }

    @Override
    public void onError(RaftException e) {
        log.error("shard {}: raft group stopped on error: {}", ledger.shardId(), e.getStatus(), e);
    }
}
