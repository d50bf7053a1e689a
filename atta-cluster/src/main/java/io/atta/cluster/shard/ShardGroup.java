package io.atta.cluster.shard;

import com.alipay.sofa.jraft.Node;
import com.alipay.sofa.jraft.RaftGroupService;
import com.alipay.sofa.jraft.Status;
import com.alipay.sofa.jraft.closure.ReadIndexClosure;
import com.alipay.sofa.jraft.conf.Configuration;
import com.alipay.sofa.jraft.entity.PeerId;
import com.alipay.sofa.jraft.option.RaftOptions;
import com.alipay.sofa.jraft.rpc.RpcServer;
import io.atta.cluster.HistoryReader;
import io.atta.cluster.ServiceException;
import io.atta.cluster.history.RocksHistory;
import io.atta.core.command.Command;
import io.atta.core.command.Result;
import io.atta.core.command.Tick;
import io.atta.engine.ledger.ShardLedger;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import java.util.function.IntPredicate;
import java.util.function.LongSupplier;

/**
 * One shard: its ledger, history and Raft group on this node, with the batcher that feeds it.
 * Options and lifecycle follow SOFAJRaft's style: build, {@link #start}, {@link #close}.
 */
public final class ShardGroup implements AutoCloseable {
    /** Raft election timeout; single-replica groups elect themselves at once. */
    public static final int electionTimeoutMs = 1000;

    private final int shard;
    private final Path dir;
    private final PeerId self;
    private final RpcServer rpcServer;
    private final int snapshotIntervalSecs;
    private final LongSupplier clockNanos;
    private final Executor replies;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final ShardLedger ledger;
    private final RocksHistory history;
    private final CountDownLatch firstLeadership = new CountDownLatch(1);
    private RaftGroupService service;
    private Node node;
    private Batcher batcher;
    private ShardStateMachine fsm;

    public ShardGroup(int shard, int homeSlot, IntPredicate ownsSlot, Path dir, PeerId self, RpcServer rpcServer,
                      int snapshotIntervalSecs, LongSupplier clockNanos, Executor replies) {
        this.shard = shard;
        this.dir = dir;
        this.self = self;
        this.rpcServer = rpcServer;
        this.snapshotIntervalSecs = snapshotIntervalSecs;
        this.clockNanos = clockNanos;
        this.replies = replies;
        this.history = RocksHistory.openEmpty(dir.resolve("history"));
        this.ledger = new ShardLedger(shard, homeSlot, ownsSlot, history);
    }

    public static String groupId(int shard) {
        return "atta-shard-" + shard;
    }

    /** Starts the Raft group: loads the snapshot, replays the log after it, elects a leader. */
    public void start() {
        try {
            java.nio.file.Files.createDirectories(dir.resolve("raft"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot create " + dir.resolve("raft"), e);
        }
        fsm = new ShardStateMachine(ledger, history, lock, this::leaderStarted, this::leaderStopped);
        com.alipay.sofa.jraft.option.NodeOptions o = new com.alipay.sofa.jraft.option.NodeOptions();
        o.setFsm(fsm);
        o.setLogUri(dir.resolve("raft/log").toString());
        o.setRaftMetaUri(dir.resolve("raft/meta").toString());
        o.setSnapshotUri(dir.resolve("raft/snapshot").toString());
        o.setInitialConf(new Configuration(java.util.List.of(self)));
        o.setElectionTimeoutMs(electionTimeoutMs);
        o.setSnapshotIntervalSecs(snapshotIntervalSecs);
        o.setSharedElectionTimer(true);
        o.setSharedVoteTimer(true);
        o.setSharedStepDownTimer(true);
        o.setSharedSnapshotTimer(true);
        RaftOptions raft = new RaftOptions();
        raft.setSync(true);
        raft.setSyncMeta(true);
        raft.setMaxBodySize(32 << 20);
        raft.setMaxByteCountPerRpc(1 << 20);
        o.setRaftOptions(raft);
        batcher = new Batcher(shard, clockNanos, replies);
        service = new RaftGroupService(groupId(shard), self, o, rpcServer, true);
        node = service.start(false);
        if (node == null) {
            throw new IllegalStateException("shard " + shard + ": raft node did not start (see the log above)");
        }
        batcher.attach(node);
    }

    /** Waits until this node leads the group; false if it did not within the bound. */
    public boolean awaitLeader(long timeoutMs) throws InterruptedException {
        return firstLeadership.await(timeoutMs, TimeUnit.MILLISECONDS) && isLeader();
    }

    private void leaderStarted(long term) {
        batcher.leaderStarted(term);
        firstLeadership.countDown();
    }

    private void leaderStopped() {
        if (batcher != null) {
            batcher.leaderStopped();
        }
    }

    public boolean isLeader() {
        return batcher != null && batcher.isLeader() && node.isLeader();
    }

    public CompletableFuture<Result[]> submit(Command[] commands) {
        CompletableFuture<Result[]> f = new CompletableFuture<>();
        batcher.submit(new Submission(commands, f));
        return f;
    }

    /** Runs {@code reader} on the applied state once everything committed before the call is applied. */
    public <T> CompletableFuture<T> read(Function<ShardLedger, T> reader) {
        CompletableFuture<T> f = new CompletableFuture<>();
        node.readIndex(null, new ReadIndexClosure() {
            @Override
            public void run(Status status, long index, byte[] context) {
                if (!status.isOk()) {
                    f.completeExceptionally(new ServiceException(ServiceException.Reason.notLeader,
                            "shard " + shard + " cannot serve a consistent read here: " + status.getErrorMsg()));
                    return;
                }
                lock.readLock().lock();
                try {
                    f.complete(reader.apply(ledger));
                } catch (RuntimeException e) {
                    f.completeExceptionally(e);
                } finally {
                    lock.readLock().unlock();
                }
            }
        });
        return f;
    }

    /** Sends a tick when a pending transfer's timeout has passed by the leader's clock. */
    public void tickIfDue() {
        if (!isLeader()) {
            return;
        }
        long due;
        lock.readLock().lock();
        try {
            due = ledger.nextExpiryAt();
        } finally {
            lock.readLock().unlock();
        }
        if (due <= clockNanos.getAsLong()) {
            submit(new Command[] {Tick.instance});
        }
    }

    public HistoryReader history() {
        return history;
    }

    public long appliedIndex() {
        return fsm.appliedIndex();
    }

    /** Registers this shard's meters: log entries and commands applied, apply time, queue depth. */
    public void bindMetrics(io.micrometer.core.instrument.MeterRegistry registry) {
        io.micrometer.core.instrument.Tags tags = io.micrometer.core.instrument.Tags.of("shard",
                Integer.toString(shard));
        io.micrometer.core.instrument.FunctionCounter.builder("atta.shard.entries.applied", fsm,
                ShardStateMachine::appliedEntries).description("Raft log entries (batches) applied")
                .tags(tags).register(registry);
        io.micrometer.core.instrument.FunctionCounter.builder("atta.shard.commands.applied", fsm,
                ShardStateMachine::appliedCommands).description("commands applied").tags(tags).register(registry);
        io.micrometer.core.instrument.FunctionCounter.builder("atta.shard.apply.seconds", fsm,
                m -> m.applyNanos() / 1e9).description("time spent applying batches").tags(tags).register(registry);
        io.micrometer.core.instrument.Gauge.builder("atta.shard.queue.commands", batcher, Batcher::queuedCommands)
                .description("commands waiting in the shard's queue").tags(tags).register(registry);
        io.micrometer.core.instrument.Gauge.builder("atta.shard.applied.index", fsm, ShardStateMachine::appliedIndex)
                .description("last applied Raft log index").tags(tags).register(registry);
        io.micrometer.core.instrument.Gauge.builder("atta.shard.leader", this, g -> g.isLeader() ? 1 : 0)
                .description("1 when this node leads the shard").tags(tags).register(registry);
    }

    /** Takes a snapshot now and waits for it (used by tools and tests; Raft also snapshots on a timer). */
    public Status snapshotNow() throws InterruptedException {
        CompletableFuture<Status> f = new CompletableFuture<>();
        node.snapshot(f::complete);
        try {
            return f.get(5, TimeUnit.MINUTES);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return new Status(-1, "snapshot did not finish: %s", e.toString());
        }
    }

    @Override
    public void close() {
        if (batcher != null) {
            batcher.close();
        }
        if (service != null) {
            service.shutdown();
            try {
                service.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        history.close();
    }
}
