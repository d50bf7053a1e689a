package io.atta.cluster;

import io.atta.cluster.shard.ReplicaStatus;

/**
 * This node's raft replicas of the shard groups, as the cluster routes show them
 * ({@code GET /v1/admin/cluster}, {@code /v1/admin/shards}, {@code /v1/cluster/routing};
 * docs/CLUSTER.md). A {@link LedgerService} that runs no raft node has none.
 */
public interface Replicas {
    /** The cluster this node belongs to, or null for a single node. */
    ClusterMember cluster();

    /** This node's raft endpoint, {@code host:port}. */
    String raftEndpoint();

    /** How this node's replica sees the shard's group: role, leader, configuration and log indexes. */
    ReplicaStatus status(int shard);

    /** The raft endpoint ({@code host:port}) of the shard's leader as this replica knows it; null if none is known. */
    String leader(int shard);

    /** The last log index applied to this replica of the shard. */
    long appliedIndex(int shard);

    /** This replica's state hash with the log index it is at, read together: {@code {index, hash}}. */
    long[] appliedIndexAndStateHash(int shard);
}
