package io.atta.cluster;

import java.nio.file.Path;

/**
 * How to run one Atta node (SOFAJRaft style: one options object per component).
 *
 * @param dataDir         where the Raft logs, snapshots and history live
 * @param host            the address the Raft RPC server binds to (loopback by default)
 * @param raftPort        the Raft RPC port; 0 picks a free port on first start and keeps it
 * @param shards          number of shard groups (fixed when the data directory is created)
 * @param snapshotIntervalSecs how often each shard snapshots its state (bounds recovery time)
 * @param tickIntervalMs  how often the leader sends the time-driven tick to each shard
 * @param settlementIntervalSecs how often each shard's house balances are swept to the global
 *                        accounts (one cross-shard transaction per shard per interval); 0 turns sweeps off
 * @param inspectOnly     open the data directory only to read it (atta verify): the node replays its
 *                        log but sends nothing of its own: no expiry ticks, no transaction recovery,
 *                        no sweeps, so what it shows is what is on disk
 * @param cluster         the cluster this node belongs to, or null for a single node whose groups
 *                        have one replica each (the embedded default)
 * @param testClock       run on a {@link TestClock} that tests move forward ({@code atta server
 *                        --test-clock}); a single-node test mode, refused with a cluster
 */
public record NodeOptions(Path dataDir, String host, int raftPort, int shards, int snapshotIntervalSecs,
                          int tickIntervalMs, int settlementIntervalSecs, boolean inspectOnly, ClusterMember cluster,
                          boolean testClock) {
    public static final int defaultSnapshotIntervalSecs = 300;
    public static final int defaultTickIntervalMs = 1000;
    public static final int maxShards = 64;
    public static final int maxSnapshotIntervalSecs = 86_400;
    public static final int defaultSettlementIntervalSecs = 60;
    public static final int maxSettlementIntervalSecs = 86_400;

    public NodeOptions {
        if (shards < 1 || shards > maxShards) {
            throw new IllegalArgumentException("shards must be between 1 and " + maxShards + " (maxShards), got "
                    + shards);
        }
        if (snapshotIntervalSecs < 1 || snapshotIntervalSecs > maxSnapshotIntervalSecs) {
            throw new IllegalArgumentException("snapshotIntervalSecs must be between 1 and " + maxSnapshotIntervalSecs
                    + ", got " + snapshotIntervalSecs);
        }
        if (tickIntervalMs < 1) {
            throw new IllegalArgumentException("tickIntervalMs must be positive, got " + tickIntervalMs);
        }
        if (settlementIntervalSecs < 0 || settlementIntervalSecs > maxSettlementIntervalSecs) {
            throw new IllegalArgumentException("settlementIntervalSecs must be between 0 (off) and "
                    + maxSettlementIntervalSecs + " (maxSettlementIntervalSecs), got " + settlementIntervalSecs);
        }
        if (testClock && cluster != null) {
            throw new IllegalArgumentException("a test clock is a single-node test mode; node " + cluster.nodeId()
                    + " of a cluster cannot run on one");
        }
        if (cluster != null) {
            ClusterFile.NodeAddress self = cluster.self();
            if (!self.raftHost().equals(host) || (raftPort != 0 && raftPort != self.raftPort())) {
                throw new IllegalArgumentException("node " + cluster.nodeId() + " listens for raft on "
                        + self.raftEndpoint() + " by the cluster file, not " + host + ":" + raftPort);
            }
            if (shards != cluster.file().shards()) {
                throw new IllegalArgumentException("the cluster file has " + cluster.file().shards()
                        + " shards, not " + shards);
            }
        }
    }

    /** Node {@code nodeId} of the cluster {@code file} describes, its data in {@code dataDir}. */
    public static NodeOptions ofCluster(Path dataDir, ClusterFile file, int nodeId, int snapshotIntervalSecs,
                                        int settlementIntervalSecs) {
        ClusterMember member = new ClusterMember(file, nodeId);
        return new NodeOptions(dataDir, member.self().raftHost(), member.self().raftPort(), file.shards(),
                snapshotIntervalSecs, defaultTickIntervalMs, settlementIntervalSecs, false, member, false);
    }

    /**
     * Options without settlement sweeps, as nodes ran before sweeps existed: tests that count
     * house balances or stop the transaction driver at a crash point must not meet a sweep.
     * {@code atta server} sweeps every {@link #defaultSettlementIntervalSecs} unless told otherwise.
     */
    public NodeOptions(Path dataDir, String host, int raftPort, int shards, int snapshotIntervalSecs,
                       int tickIntervalMs) {
        this(dataDir, host, raftPort, shards, snapshotIntervalSecs, tickIntervalMs, 0, false, null, false);
    }

    public static NodeOptions of(Path dataDir, int shards) {
        return new NodeOptions(dataDir, "127.0.0.1", 0, shards, defaultSnapshotIntervalSecs, defaultTickIntervalMs);
    }

    public NodeOptions withSettlementIntervalSecs(int secs) {
        return new NodeOptions(dataDir, host, raftPort, shards, snapshotIntervalSecs, tickIntervalMs, secs,
                inspectOnly, cluster, testClock);
    }

    public NodeOptions withInspectOnly(boolean inspect) {
        return new NodeOptions(dataDir, host, raftPort, shards, snapshotIntervalSecs, tickIntervalMs,
                settlementIntervalSecs, inspect, cluster, testClock);
    }

    /** The same options on a {@link TestClock} (true) or the wall clock (false). */
    public NodeOptions withTestClock(boolean on) {
        return new NodeOptions(dataDir, host, raftPort, shards, snapshotIntervalSecs, tickIntervalMs,
                settlementIntervalSecs, inspectOnly, cluster, on);
    }
}
