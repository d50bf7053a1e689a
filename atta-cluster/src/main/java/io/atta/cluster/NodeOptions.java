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
 */
public record NodeOptions(Path dataDir, String host, int raftPort, int shards, int snapshotIntervalSecs,
                          int tickIntervalMs) {
    public static final int defaultSnapshotIntervalSecs = 300;
    public static final int defaultTickIntervalMs = 1000;
    public static final int maxShards = 64;
    public static final int maxSnapshotIntervalSecs = 86_400;

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
    }

    public static NodeOptions of(Path dataDir, int shards) {
        return new NodeOptions(dataDir, "127.0.0.1", 0, shards, defaultSnapshotIntervalSecs, defaultTickIntervalMs);
    }
}
