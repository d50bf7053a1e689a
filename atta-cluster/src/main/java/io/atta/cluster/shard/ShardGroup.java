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
import io.atta.cluster.history.IndexerSteps;
import io.atta.cluster.history.ProjectedHistory;
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
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ShardGroup.class);
    /** Raft election timeout of a single-node group (which elects itself at once). */
    public static final int defaultElectionTimeoutMs = 1000;

    /** The raft RPC connect timeout: a fifth of the election timeout, at most JRaft's default second. */
    static int rpcConnectTimeoutMs(int electionTimeoutMs) {
        return Math.max(50, Math.min(1000, electionTimeoutMs / 5));
    }

    private final int shard;
    private final Path dir;
    private final PeerId self;
    private final Configuration initialConf;
    private final int electionTimeoutMs;
    private final RpcServer rpcServer;
    private final int snapshotIntervalSecs;
    private final LongSupplier clockNanos;
    private final Executor replies;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final ShardLedger ledger;
    private final ProjectedHistory history;
    private final CountDownLatch firstLeadership = new CountDownLatch(1);
    private final Batcher batcher;
    private final ShardStateMachine fsm;
    // Set by start, which may run on another thread while the node's server starts.
    private volatile RaftGroupService service;
    private volatile Node node;

    /**
     * @param self        this node's raft endpoint
     * @param initialConf the group's voters and learners when its log is new (a single-node
     *                    group: just {@code self}); once the log holds a configuration, that one counts
     */
    public ShardGroup(int shard, int homeSlot, IntPredicate ownsSlot, Path dir, PeerId self, Configuration initialConf,
                      int electionTimeoutMs, RpcServer rpcServer, int snapshotIntervalSecs, LongSupplier clockNanos,
                      Executor replies) {
        this.shard = shard;
        this.dir = dir;
        this.self = self;
        this.initialConf = initialConf;
        this.electionTimeoutMs = electionTimeoutMs;
        this.rpcServer = rpcServer;
        this.snapshotIntervalSecs = snapshotIntervalSecs;
        this.clockNanos = clockNanos;
        this.replies = replies;
        this.history = new ProjectedHistory(RocksHistory.openEmpty(dir.resolve("history")),
                IndexerSteps.fromSystemProperty(), "shard-" + shard);
        this.ledger = new ShardLedger(shard, homeSlot, ownsSlot, history);
        this.fsm = new ShardStateMachine(ledger, history, lock, this::leaderStarted, this::leaderStopped);
        this.batcher = new Batcher(shard, clockNanos, replies);
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
        com.alipay.sofa.jraft.option.NodeOptions o = new com.alipay.sofa.jraft.option.NodeOptions();
        o.setFsm(fsm);
        o.setLogUri(dir.resolve("raft/log").toString());
        o.setRaftMetaUri(dir.resolve("raft/meta").toString());
        o.setSnapshotUri(dir.resolve("raft/snapshot").toString());
        o.setInitialConf(initialConf);
        o.setElectionTimeoutMs(electionTimeoutMs);
        // Elections connect to each peer while holding the node's lock; a peer cut off by a
        // partition would hold every election up for JRaft's default second per peer.
        o.setRpcConnectTimeoutMs(rpcConnectTimeoutMs(electionTimeoutMs));
        o.setSnapshotIntervalSecs(snapshotIntervalSecs);
        o.setSharedElectionTimer(true);
        o.setSharedVoteTimer(true);
        o.setSharedStepDownTimer(true);
        o.setSharedSnapshotTimer(true);
        o.setRaftOptions(raftOptions(electionTimeoutMs));
        service = new RaftGroupService(groupId(shard), self, o, rpcServer, true);
        long began = System.nanoTime();
        fsm.opening(began);
        Node started = service.start(false);
        if (started == null) {
            throw new IllegalStateException("shard " + shard + ": raft node did not start (see the log above)");
        }
        node = started;
        batcher.attach(started);
        // Where a restart's time goes: opening the log and loading the snapshot here, then
        // replaying the log after the snapshot (ShardStateMachine logs that when it first leads).
        log.info("shard {}: log and snapshot opened in {} ms; snapshot at log index {}, log up to {}", shard,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began), node.getLastAppliedLogIndex(),
                node.getLastLogIndex());
    }

    /**
     * Bytes of log entries the log writer gathers before it writes and fsyncs them: room for
     * {@link Batcher#maxInFlightBatches} full batches (about 740 KB each at 8190 transfers).
     */
    static final int maxAppendBufferBytes = 4 << 20;
    /** Largest AppendEntries request: many full batches, so a follower that fell behind catches up in few RPCs. */
    static final int maxAppendEntriesBytes = 32 << 20;
    /** Chunk of a snapshot file sent to a replica that installs it (JRaft uses it for nothing else). */
    static final int maxSnapshotChunkBytes = 1 << 20;

    /**
     * The group's Raft options. Every entry is fsynced before it counts towards a majority
     * ({@code sync}), and so is the vote and term ({@code syncMeta}).
     */
    static RaftOptions raftOptions(int electionTimeoutMs) {
        RaftOptions raft = new RaftOptions();
        raft.setSync(true);
        raft.setSyncMeta(true);
        raft.setMaxBodySize(maxAppendEntriesBytes);
        raft.setMaxByteCountPerRpc(maxSnapshotChunkBytes);
        // JRaft's log writer writes the appends waiting for it together, with one fsync, but
        // flushes as soon as they pass this many bytes: its default (256 KB) is a third of one
        // full batch, so every append paid its own fsync (on a follower, every AppendEntries
        // request of the pipeline). With room for the batches a shard keeps in flight, those
        // that wait together share one; each is still durable before it is acknowledged.
        raft.setMaxAppendBufferSize(maxAppendBufferBytes);
        // A follower starts an election after the timeout plus a random delay of up to this
        // (JRaft's default is a whole second): half the timeout still keeps two followers'
        // elections apart, and brings a failover under two timeouts.
        raft.setMaxElectionDelayMs(Math.max(1, electionTimeoutMs / 2));
        return raft;
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
        batcher.leaderStopped();
    }

    public boolean isLeader() {
        Node n = node;
        return n != null && batcher.isLeader() && n.isLeader();
    }

    public CompletableFuture<Result[]> submit(Command[] commands) {
        CompletableFuture<Result[]> f = new CompletableFuture<>();
        batcher.submit(new Submission(commands, f));
        return f;
    }

    /**
     * Runs {@code reader} on this replica's applied state as it is now, without asking the
     * leader: a stale read, which may miss writes acknowledged elsewhere a moment ago.
     */
    public <T> T readStale(Function<ShardLedger, T> reader) {
        lock.readLock().lock();
        try {
            return reader.apply(ledger);
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Completes once this replica has applied everything committed before the call (ReadIndex:
     * the leader confirms it still leads, and this replica waits for that index): what is read
     * from the replica after that, history included, is linearizable.
     */
    public CompletableFuture<Void> awaitConsistent() {
        CompletableFuture<Void> f = new CompletableFuture<>();
        Node n = node;
        if (n == null) {
            // Still opening its log (the node's server may start meanwhile): a read retries.
            f.completeExceptionally(new ServiceException(ServiceException.Reason.notLeader,
                    "shard " + shard + " is still opening its log here"));
            return f;
        }
        n.readIndex(null, new ReadIndexClosure() {
            @Override
            public void run(Status status, long index, byte[] context) {
                // Raft may run this holding its node's lock: what waits on the read runs elsewhere,
                // so that it can never wait, under that lock, for something that waits for raft.
                ServiceException e = status.isOk() ? null : new ServiceException(ServiceException.Reason.notLeader,
                        "shard " + shard + " cannot serve a consistent read here: " + status.getErrorMsg());
                Runnable answer = () -> {
                    if (e == null) {
                        f.complete(null);
                    } else {
                        f.completeExceptionally(e);
                    }
                };
                try {
                    replies.execute(answer);
                } catch (java.util.concurrent.RejectedExecutionException closing) {
                    answer.run();
                }
            }
        });
        return f;
    }

    /** The raft endpoint of the group's leader as this replica knows it, or null when none is known. */
    public PeerId leader() {
        PeerId id = node == null ? null : node.getLeaderId();
        return id == null || id.isEmpty() ? null : id;
    }

    /** This replica's raft endpoint. */
    public PeerId self() {
        return self;
    }

    /** How this replica sees its group: role, leader, configuration and log indexes. */
    public ReplicaStatus status() {
        java.util.List<String> voters = new java.util.ArrayList<>();
        java.util.List<String> learners = new java.util.ArrayList<>();
        if (node instanceof com.alipay.sofa.jraft.core.NodeImpl impl) {
            Configuration conf = impl.getCurrentConf();
            conf.getPeers().forEach(p -> voters.add(p.getEndpoint().toString()));
            conf.getLearners().forEach(p -> learners.add(p.getEndpoint().toString()));
        }
        PeerId leader = leader();
        String role = node == null ? "stopped" : node.getNodeState().name().replace("STATE_", "").toLowerCase(
                java.util.Locale.ROOT);
        if (role.equals("follower") && learners.contains(self.getEndpoint().toString())) {
            role = "learner";
        }
        return new ReplicaStatus(shard, role, isLeader() ? batcher.term() : -1,
                leader == null ? null : leader.getEndpoint().toString(), voters, learners,
                node == null ? 0 : node.getLastLogIndex(), node == null ? 0 : node.getLastCommittedIndex(),
                node == null ? 0 : node.getLastAppliedLogIndex());
    }

    /** This replica's state hash with the log index it is at, read together. */
    public long[] appliedIndexAndStateHash() {
        lock.readLock().lock();
        try {
            return new long[] {fsm.appliedIndex(), ledger.stateHash()};
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Log entries a replica may have left to apply and still stand for election at the usual pace. */
    public static final long maxApplyBacklogForElection = 64;
    /** How much longer a replica that is behind in applying waits before it stands for election. */
    static final int behindElectionTimeoutFactor = 2;

    private boolean holdingBack;

    /**
     * A replica restarted under load can hold the whole log but still have hundreds of entries
     * to apply; were it elected, its group would take no write until it had applied them all
     * (measured: 15-44 s). While it is that far behind, it waits twice as long before standing
     * for election, so an up-to-date voter wins first; it still stands if none does.
     */
    public void holdBackElectionsWhileBehind() {
        if (node == null) {
            return;
        }
        // A leader keeps its usual timeout: it sets the heartbeat pace and the lease.
        boolean behind = !node.isLeader()
                && node.getLastLogIndex() - node.getLastAppliedLogIndex() > maxApplyBacklogForElection;
        if (behind != holdingBack) {
            holdingBack = behind;
            node.resetElectionTimeoutMs(behind ? electionTimeoutMs * behindElectionTimeoutFactor : electionTimeoutMs);
        }
    }

    /** Sends a tick when a time-driven rule (a pending transfer's timeout, a trade's deadline) is due by the leader's clock. */
    public void tickIfDue() {
        if (!isLeader()) {
            return;
        }
        long due;
        lock.readLock().lock();
        try {
            due = ledger.nextDueAt();
        } finally {
            lock.readLock().unlock();
        }
        if (due <= clockNanos.getAsLong()) {
            submit(new Command[] {Tick.instance});
        }
    }

    /** The shard's history; each read waits for the indexer to store what this replica had applied when it began. */
    public HistoryReader history() {
        return history.reader();
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
        io.micrometer.core.instrument.Gauge.builder("atta.shard.history.lag.entries", history,
                h -> h.appendedIndex() - h.indexedIndex())
                .description("log entries applied but not yet in the history store").tags(tags).register(registry);
        io.micrometer.core.instrument.Gauge.builder("atta.shard.leader", this, g -> g.isLeader() ? 1 : 0)
                .description("1 when this node leads the shard").tags(tags).register(registry);
    }

    /**
     * Log a group may gather after its last snapshot before it takes the next one, whatever the
     * snapshot interval: a restart after a crash replays at most this much (plus what arrives
     * before the next look), instead of everything since the timer last fired.
     */
    public static final long minLogBytesBetweenSnapshots = 256L << 20;
    /**
     * Least time between two snapshots taken for log volume: under a sustained load of 8190-transfer
     * batches 256 MB of log is a second or two, and a snapshot pauses the shard's apply while the
     * history indexer drains (side by side, a snapshot every 32 MB doubled the batch p99, cost a
     * tenth of the transfer throughput and a fifth of three nodes'). A restart then replays at most
     * this long's log beyond the 256 MB.
     */
    public static final long minNanosBetweenVolumeSnapshots = TimeUnit.SECONDS.toNanos(10);

    private final java.util.concurrent.atomic.AtomicBoolean snapshotting =
            new java.util.concurrent.atomic.AtomicBoolean();
    private volatile long snapshotLogBytes = minLogBytesBetweenSnapshots;
    private volatile long snapshotGapNanos = minNanosBetweenVolumeSnapshots;
    /** When the last snapshot for log volume started ({@link System#nanoTime}), or 0. */
    private volatile long lastVolumeSnapshotNanos;

    /** Sets the log growth that starts a snapshot ({@link #minLogBytesBetweenSnapshots} by default; tests). */
    public void snapshotEveryLogBytes(long bytes) {
        if (bytes < 1) {
            throw new IllegalArgumentException("snapshot log bytes must be positive, got " + bytes);
        }
        snapshotLogBytes = bytes;
        snapshotGapNanos = 0;
    }

    /**
     * Starts a snapshot when the log applied since the last one has passed {@link
     * #minLogBytesBetweenSnapshots} (or what {@link #snapshotEveryLogBytes} set) and the size of that snapshot (so a large state is not
     * written out more often than its log grows by as much), at most once in {@link
     * #minNanosBetweenVolumeSnapshots} (tests that set {@link #snapshotEveryLogBytes} have no gap);
     * the node looks every
     * {@code AttaNode.snapshotCheckIntervalMs}. Not while the group still replays its log after a start.
     */
    public void snapshotIfLogGrown() {
        Node n = node;
        if (n == null || !fsm.settled()) {
            return;
        }
        long grown = fsm.logBytesSinceSnapshot();
        long now = System.nanoTime();
        long last = lastVolumeSnapshotNanos;
        if (grown < Math.max(snapshotLogBytes, fsm.lastSnapshotBytes())
                || last != 0 && now - last < snapshotGapNanos
                || !snapshotting.compareAndSet(false, true)) {
            return;
        }
        lastVolumeSnapshotNanos = now;
        log.debug("shard {}: {} bytes of log since the last snapshot; taking one", shard, grown);
        n.snapshot(status -> {
            snapshotting.set(false);
            if (!status.isOk()) {
                log.warn("shard {}: snapshot after {} bytes of log failed: {}", shard, grown, status);
            }
        });
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
        batcher.close();
        RaftGroupService service = this.service;
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
