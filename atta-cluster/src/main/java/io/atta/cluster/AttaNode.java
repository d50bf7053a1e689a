package io.atta.cluster;

import com.alipay.sofa.jraft.conf.Configuration;
import com.alipay.sofa.jraft.entity.PeerId;
import com.alipay.sofa.jraft.rpc.RaftRpcServerFactory;
import com.alipay.sofa.jraft.rpc.RpcServer;
import com.alipay.sofa.jraft.rpc.impl.BoltRpcServer;
import com.alipay.sofa.jraft.storage.impl.RocksDBLogStorage;
import com.alipay.sofa.jraft.util.StorageOptionsFactory;
import io.atta.cluster.shard.ShardGroup;
import io.atta.cluster.transaction.CrashPoints;
import io.atta.cluster.transaction.KillAtStep;
import io.atta.cluster.transaction.Retrier;
import io.atta.cluster.transaction.SettlementAccounts;
import io.atta.cluster.transaction.SettlementSweeper;
import io.atta.cluster.transaction.TransactionCoordinator;
import io.atta.core.command.CreateTransfer;
import io.atta.core.command.Command;
import io.atta.core.command.Result;
import io.atta.engine.ledger.ShardLedger;
import org.slf4j.Logger;
import org.rocksdb.CompressionType;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * One Atta node: a Raft group per shard on SOFAJRaft, all sharing one RPC server bound to the
 * configured address. In the embedded default every group has this node as its only replica:
 * still a Raft log, still fsync'd before any reply, the same code path as a cluster.
 */
public final class AttaNode implements LedgerService, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AttaNode.class);
    /** How long {@link #start} waits for every group to elect its leader. */
    public static final long startTimeoutMs = 60_000;

    static {
        // Large batch entries: let bolt buffer more before it pushes back (docs/ARCHITECTURE.md §6).
        System.setProperty("bolt.channel_write_buf_low_water_mark",
                System.getProperty("bolt.channel_write_buf_low_water_mark", Integer.toString(32 << 20)));
        System.setProperty("bolt.channel_write_buf_high_water_mark",
                System.getProperty("bolt.channel_write_buf_high_water_mark", Integer.toString(64 << 20)));
        // Raft log entries are written once and dropped after the next snapshot: compressing
        // them (JRaft's default, LZ4) only spends CPU in the flush threads.
        StorageOptionsFactory.registerRocksDBColumnFamilyOptions(RocksDBLogStorage.class,
                StorageOptionsFactory.getDefaultRocksDBColumnFamilyOptions()
                        .setCompressionType(CompressionType.NO_COMPRESSION));
        // On reopen RocksDB replays its WAL into the memtable and by default flushes that to a
        // table file before the log opens: after a crash, the whole log since the last flush is
        // written out again on the restart's critical path. Kept in the memtable (and the WAL
        // kept until it is flushed in the background), the entries are just as durable.
        StorageOptionsFactory.registerRocksDBOptions(RocksDBLogStorage.class,
                StorageOptionsFactory.getDefaultRocksDBOptions().setAvoidFlushDuringRecovery(true));
    }

    private final NodeOptions options;
    private final Routing routing;
    /** How long a start keeps trying to bind the raft port, which bolt frees asynchronously. */
    public static final long bindRetryMs = 10_000;

    private RpcServer rpcServer;
    private final ShardGroup[] groups;
    private final ExecutorService replies;
    private final ScheduledExecutorService ticker;
    private final ScheduledExecutorService retries;
    private TransactionCoordinator transactions;
    private volatile SettlementSweeper settlement;
    private volatile io.atta.cluster.audit.AuditCheckpoints audit;
    private io.atta.cluster.forward.Forwarder forwarder;
    /** The test clock the node runs on ({@link NodeOptions#testClock}), else null. */
    private final TestClock testClock;
    /** The leader's clock: the test clock when there is one, else the clock {@link #start} was given. */
    private final LongSupplier clockNanos;

    private AttaNode(NodeOptions options, NodeMeta meta, LongSupplier clockNanos) {
        this.options = options;
        this.testClock = options.testClock() ? new TestClock(clockNanos) : null;
        this.clockNanos = testClock != null ? testClock : clockNanos;
        this.routing = RoutingTableFile.loadOrCreate(options.dataDir(), meta.shards());
        this.groups = new ShardGroup[meta.shards()];
        this.replies = Executors.newFixedThreadPool(2, r -> daemon(r, "atta-replies"));
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "atta-ticker"));
        this.retries = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "atta-tx-retries"));
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** The leader's clock: wall time in nanoseconds since the epoch. */
    static long wallClockNanos() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    /**
     * Checks, writing nothing, that {@code options} fit their data directory: the shard count,
     * node id and raft port it was created with ({@code node.properties}) and its routing table.
     * Returns the raft port the node will listen on, or 0 when the directory is new and the port is
     * not chosen yet. Throws {@link IllegalArgumentException} (or {@link UncheckedIOException} for a
     * file that cannot be read) with a message naming the file and the mismatch; {@link #start}
     * would fail the same way, after starting part of the node.
     */
    public static int checkDataDirectory(NodeOptions options) {
        NodeMeta meta = NodeMeta.existing(options);
        if (meta == null) {
            return options.raftPort();
        }
        RoutingTableFile.existing(options.dataDir(), meta.shards());
        return meta.raftPort();
    }

    /** Starts every shard group of the node and waits until each has a leader. */
    public static AttaNode start(NodeOptions options) {
        return start(options, AttaNode::wallClockNanos);
    }

    /** As {@link #start(NodeOptions)}, with the clock the leader stamps batches with. */
    public static AttaNode start(NodeOptions options, LongSupplier clockNanos) {
        return start(options, clockNanos, KillAtStep.fromSystemProperty());
    }

    /**
     * As {@link #start(NodeOptions, LongSupplier)}, with crash points in the transaction protocol (tests).
     * With {@link NodeOptions#testClock} the node runs on a {@link TestClock} over {@code clockNanos}.
     */
    public static AttaNode start(NodeOptions options, LongSupplier clockNanos, CrashPoints crashPoints) {
        AttaNode node = open(options, clockNanos, crashPoints);
        try {
            node.awaitReady();
        } catch (RuntimeException e) {
            node.close();
            throw e;
        }
        return node;
    }

    /**
     * Starts every shard group and returns while they load their snapshots and replay their logs,
     * so that the caller can start what it serves with meanwhile (its HTTP server); {@link
     * #awaitReady} then waits for the groups, and {@link #healthy} stays false until they lead.
     */
    public static AttaNode open(NodeOptions options) {
        return open(options, AttaNode::wallClockNanos, KillAtStep.fromSystemProperty());
    }

    private static AttaNode open(NodeOptions options, LongSupplier clockNanos, CrashPoints crashPoints) {
        try {
            Files.createDirectories(options.dataDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create data directory " + options.dataDir(), e);
        }
        NodeMeta meta = NodeMeta.loadOrCreate(options);
        AttaNode node = new AttaNode(options, meta, clockNanos);
        if (node.testClock != null) {
            log.warn("*** TEST CLOCK *** this node runs on a test clock: POST /v1/test/clock/advance moves the time"
                    + " its batches, expiry ticks and settlement sweeps read. A test mode; never keep real money here.");
        }
        try {
            // Every reader of the leader's clock reads the same one: the transaction driver compares
            // its clock with the timestamps the batches carry.
            node.transactions = new TransactionCoordinator(node,
                    new Retrier(node, (task, ms) -> node.retries.schedule(task, ms, TimeUnit.MILLISECONDS)),
                    crashPoints, node.clockNanos);
            node.startGroups(meta, node.clockNanos);
        } catch (RuntimeException e) {
            node.close();
            throw e;
        }
        return node;
    }

    private void startGroups(NodeMeta meta, LongSupplier clockNanos) {
        ClusterMember cluster = options.cluster();
        rpcServer = bindRpcServer(options.host(), meta.raftPort(),
                server -> server.registerProcessor(new io.atta.cluster.forward.ForwardProcessor(groups)));
        forwarder = new io.atta.cluster.forward.Forwarder(groups, retries, replies);
        PeerId self = new PeerId(options.host(), meta.raftPort());
        int electionTimeoutMs = cluster == null ? ShardGroup.defaultElectionTimeoutMs
                : cluster.file().electionTimeoutMs();
        startedNanos = System.nanoTime();
        raftPort = meta.raftPort();
        // The groups open side by side: each reopens its own log and loads its own snapshot, and
        // one after another those added up on every restart. Each group exists when this returns;
        // its opening goes on while the caller starts its server, and awaitReady waits for it.
        ExecutorService opening = Executors.newFixedThreadPool(groups.length, r -> daemon(r, "atta-shard-open"));
        try {
            java.util.List<java.util.concurrent.Future<?>> made = new java.util.ArrayList<>();
            for (int s = 0; s < groups.length; s++) {
                final int shard = s;
                made.add(opening.submit(() -> {
                    groups[shard] = new ShardGroup(shard, routing.homeSlot(shard),
                            slot -> routing.shardOfSlot(slot) == shard, options.dataDir().resolve("shard-" + shard),
                            self, cluster == null ? new Configuration(java.util.List.of(self))
                                    : cluster.initialConf(shard), electionTimeoutMs, rpcServer,
                            options.snapshotIntervalSecs(), clockNanos, replies);
                }));
            }
            awaitAll(made);
            for (ShardGroup g : groups) {
                opened.add(opening.submit(g::start));
            }
        } finally {
            opening.shutdown();
        }
        if (options.inspectOnly()) {
            // Opened to be read (atta verify): nothing may change what the log holds.
            return;
        }
        ticker.scheduleWithFixedDelay(this::tick, options.tickIntervalMs(), options.tickIntervalMs(),
                TimeUnit.MILLISECONDS);
        audit = new io.atta.cluster.audit.AuditCheckpoints(this, options.dataDir().resolve("audit"), clockNanos,
                Long.getLong("atta.audit.checkpointIntervalMs", io.atta.cluster.audit.AuditCheckpoints.defaultIntervalMs));
        ticker.scheduleWithFixedDelay(audit::takeQuietly, audit.intervalMs(), audit.intervalMs(),
                TimeUnit.MILLISECONDS);
        ticker.scheduleWithFixedDelay(this::snapshotIfLogGrown, snapshotCheckIntervalMs, snapshotCheckIntervalMs,
                TimeUnit.MILLISECONDS);
        // Unfinished cross-shard transactions from before a crash are driven to their end now,
        // and the ticker looks again every second (a driver may have stopped on an error).
        recoverTransactions();
        ticker.scheduleWithFixedDelay(this::recoverTransactions, recoverIntervalMs, recoverIntervalMs,
                TimeUnit.MILLISECONDS);
        // Settlement sweeps: each led shard once per interval of the leader's clock; they stop
        // with the ticker on close.
        if (options.settlementIntervalSecs() > 0) {
            settlement = new SettlementSweeper(this, s -> groups[s].isLeader(), clockNanos,
                    options.settlementIntervalSecs(),
                    SettlementAccounts.house().and(SettlementAccounts.merchantReceivables())
                            .and(SettlementAccounts.fundIncome())
                            .and(SettlementAccounts.insurers()));
            ticker.scheduleWithFixedDelay(this::sweepDue, 0, SettlementSweeper.checkIntervalMs, TimeUnit.MILLISECONDS);
        }
    }

    /** The shard groups' openings ({@link ShardGroup#start}), which {@link #awaitReady} waits for. */
    private final java.util.List<java.util.concurrent.Future<?>> opened = new java.util.ArrayList<>();

    /** Waits for every task; the first failure is thrown as it was (a runtime exception) or wrapped. */
    private static void awaitAll(java.util.List<java.util.concurrent.Future<?>> tasks) {
        try {
            for (java.util.concurrent.Future<?> f : tasks) {
                f.get();
            }
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("a shard group did not start", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting", e);
        }
    }

    /** When {@link #startGroups} began, and the raft port it bound (for the start's log line). */
    private long startedNanos;
    private int raftPort;

    /**
     * Waits until every group has opened its log and loaded its snapshot, and on a single node
     * until it leads every group (it elects itself at once, once the group has replayed its log).
     * A cluster node does not wait for leaders (its groups elect when a majority of their nodes
     * are up). Fails after {@link #startTimeoutMs}, or with the failure of a group's opening.
     */
    public void awaitReady() {
        awaitAll(opened);
        ClusterMember cluster = options.cluster();
        if (cluster != null) {
            // A cluster node serves as soon as it runs; its groups elect when a majority of their
            // nodes are up (GET /health tells).
            log.info("node started: {} shards, raft {}:{}, data {}, node {} of a cluster of {} in {} ms",
                    groups.length, options.host(), raftPort, options.dataDir(), cluster.nodeId(),
                    cluster.file().nodes().size(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos));
            return;
        }
        try {
            for (ShardGroup g : groups) {
                long left = startTimeoutMs - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
                if (!g.awaitLeader(Math.max(1, left))) {
                    throw new IllegalStateException("shard groups did not elect a leader within " + startTimeoutMs
                            + " ms");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting", e);
        }
        log.info("node started: {} shards, raft {}:{}, data {}, ready in {} ms", groups.length, options.host(),
                raftPort, options.dataDir(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos));
        if (!options.inspectOnly()) {
            // Transactions left unfinished by a crash are driven on now that this node leads.
            recoverTransactions();
        }
    }

    private void sweepDue() {
        try {
            settlement.sweepDue();
        } catch (RuntimeException e) {
            log.warn("settlement sweep check failed", e);
        }
    }

    /**
     * Binds the shared raft RPC server to the configured address (not 0.0.0.0, which bolt's
     * factory would choose). A port this JVM just released may still be held by bolt's
     * asynchronous shutdown, so binding is retried, with a fresh server each time, for a bound.
     */
    private static RpcServer bindRpcServer(String host, int port, java.util.function.Consumer<RpcServer> processors) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(bindRetryMs);
        while (true) {
            RpcServer server = new BoltRpcServer(new com.alipay.remoting.rpc.RpcServer(host, port, true));
            RaftRpcServerFactory.addRaftRequestProcessors(server);
            processors.accept(server);
            try {
                if (server.init(null)) {
                    return server;
                }
            } catch (IllegalStateException busy) {
                // bolt throws, rather than answering false, when the port is still held.
                log.debug("raft port {}:{} still held; retrying", host, port);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("cannot bind the raft port " + host + ":" + port + " (still in use after "
                        + bindRetryMs + " ms)");
            }
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
        }
    }

    /** How often every shard's unfinished transactions are looked for. */
    public static final long recoverIntervalMs = 1_000;

    private void recoverTransactions() {
        for (int s = 0; s < groups.length; s++) {
            if (groups[s].isLeader()) {
                transactions.recover(s);
            }
        }
    }

    /**
     * How often each group's log growth since its last snapshot is looked at: a restart replays
     * at most {@link ShardGroup#minLogBytesBetweenSnapshots} plus this long's writes.
     */
    public static final long snapshotCheckIntervalMs = 100;

    private void snapshotIfLogGrown() {
        for (ShardGroup g : groups) {
            try {
                g.snapshotIfLogGrown();
            } catch (RuntimeException e) {
                log.warn("snapshot check failed", e);
            }
        }
    }

    private void tick() {
        for (ShardGroup g : groups) {
            try {
                if (options.cluster() != null) {
                    g.holdBackElectionsWhileBehind();
                }
                g.tickIfDue();
            } catch (RuntimeException e) {
                log.warn("tick failed", e);
            }
        }
    }

    @Override
    public int shardCount() {
        return groups.length;
    }

    /** The routing table of the data directory ({@code routing.properties}). */
    @Override
    public Routing routing() {
        return routing;
    }

    @Override
    public int shardOf(long userOrAccountId) {
        return routing.shardOf(userOrAccountId);
    }

    @Override
    public int homeSlotOf(int shard) {
        return routing.homeSlot(shard);
    }

    @Override
    public CompletableFuture<Result[]> submit(int shard, Command[] commands) {
        return forwarder.submit(shard, commands);
    }

    @Override
    public <T> CompletableFuture<T> read(int shard, Function<ShardLedger, T> reader) {
        return awaitConsistent(shard).thenApply(v -> groups[shard].readStale(reader));
    }

    @Override
    public <T> T readStale(int shard, Function<ShardLedger, T> reader) {
        return groups[shard].readStale(reader);
    }

    /**
     * Also waits for the cross-shard transactions this node answered to be resolved on the shard,
     * so that a caller reads what its answer said on every shard (docs/API.md).
     */
    @Override
    public CompletableFuture<Void> awaitConsistent(int shard) {
        CompletableFuture<Void> f = new CompletableFuture<>();
        CompletableFuture<Void> settled = transactions == null ? CompletableFuture.completedFuture(null)
                : transactions.settled(shard);
        settled.thenRun(() -> awaitConsistent(shard, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(
                io.atta.cluster.forward.Forwarder.leaderWaitMs), f));
        return f;
    }

    /** A read waits out an election as a write does: ReadIndex is tried again until the group has a leader. */
    private void awaitConsistent(int shard, long deadline, CompletableFuture<Void> f) {
        groups[shard].awaitConsistent().whenComplete((v, e) -> {
            if (e == null) {
                f.complete(null);
            } else if (System.nanoTime() > deadline) {
                f.completeExceptionally(e);
            } else {
                try {
                    retries.schedule(() -> awaitConsistent(shard, deadline, f), readRetryPauseMs, TimeUnit.MILLISECONDS);
                } catch (java.util.concurrent.RejectedExecutionException stopped) {
                    f.completeExceptionally(new ServiceException(ServiceException.Reason.stopped,
                            "the node is shutting down"));
                }
            }
        });
    }

    /** Pause before a consistent read asks again while its group elects a leader. */
    static final long readRetryPauseMs = 25;

    /** The cluster this node belongs to, or null for a single node. */
    public ClusterMember cluster() {
        return options.cluster();
    }

    @Override
    public CompletableFuture<Result[]> transact(CreateTransfer[] legs) {
        return transactions.execute(legs);
    }

    @Override
    public CompletableFuture<java.util.List<Result[]>> transactAll(java.util.List<CreateTransfer[]> legs) {
        return transactions.executeAll(legs);
    }

    /** The settlement sweeper; settlement sweeps are off (and this throws) when the interval is 0. */
    public SettlementSweeper settlement() {
        SettlementSweeper s = settlement;
        if (s == null) {
            throw new IllegalStateException("settlement sweeps are off on this node (settlementIntervalSecs = 0)");
        }
        return s;
    }

    /** The test clock this node runs on, when it was started with {@link NodeOptions#testClock}. */
    @Override
    public java.util.Optional<TestClock> testClock() {
        return java.util.Optional.ofNullable(testClock);
    }

    /**
     * The clock this node's batches are stamped with when it leads (the test clock, if any):
     * work that compares its own time with the shards' timestamps reads this one.
     */
    @Override
    public LongSupplier clock() {
        return clockNanos;
    }

    /** Whether this node leads the shard's group now, so that the shard's writes begin here. */
    @Override
    public boolean leads(int shard) {
        return groups[shard] != null && groups[shard].isLeader();
    }

    /**
     * Applies now what the ticker would apply at its next looks: every time-driven rule due by
     * the clock as it is now (ticks to each shard until none is due), then the settlement sweeps
     * due by then. Completes once all of it is applied; after a test clock moved forward, a
     * test sees the rules applied when this completes.
     */
    @Override
    public CompletableFuture<Void> applyDue() {
        return new ClockCatchUp(this, clockNanos, settlement).run();
    }

    /** The driver of cross-shard transactions (for tools and tests). */
    public TransactionCoordinator transactions() {
        return transactions;
    }

    @Override
    public HistoryReader history(int shard) {
        return groups[shard].history();
    }

    /**
     * True when every shard group can take writes: on a single node, when it leads them all; in
     * a cluster, when this node knows a leader for each (its own or another node).
     */
    @Override
    public boolean healthy() {
        for (ShardGroup g : groups) {
            if (g == null || (options.cluster() == null ? !g.isLeader() : g.leader() == null)) {
                return false;
            }
        }
        return true;
    }

    /** Registers every shard's meters (see {@link ShardGroup#bindMetrics}). */
    @Override
    public void bindMetrics(io.micrometer.core.instrument.MeterRegistry registry) {
        for (ShardGroup g : groups) {
            g.bindMetrics(registry);
        }
    }

    @Override
    public java.util.Optional<io.atta.cluster.audit.AuditCheckpoints> audit() {
        return java.util.Optional.ofNullable(audit);
    }

    @Override
    public java.util.Optional<Replicas> replicas() {
        return java.util.Optional.of(new NodeReplicas(this));
    }

    /** The shard group itself, for tools and tests (snapshots, applied index). */
    public ShardGroup group(int shard) {
        return groups[shard];
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        // A group still opening is closed once its opening is over (a failed start closes the node).
        for (java.util.concurrent.Future<?> f : opened) {
            try {
                f.get(startTimeoutMs, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                log.debug("a shard group's opening did not finish before the close", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (transactions != null) {
            transactions.close();
        }
        retries.shutdownNow();
        if (forwarder != null) {
            forwarder.close();
        }
        for (ShardGroup g : groups) {
            if (g != null) {
                try {
                    g.close();
                } catch (RuntimeException e) {
                    log.warn("closing a shard failed", e);
                }
            }
        }
        if (rpcServer != null) {
            try {
                rpcServer.shutdown();
            } catch (RuntimeException e) {
                log.warn("closing the raft RPC server failed", e);
            }
        }
        replies.shutdown();
    }
}
