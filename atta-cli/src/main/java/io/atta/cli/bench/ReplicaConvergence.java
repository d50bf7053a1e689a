package io.atta.cli.bench;

import io.atta.cli.cluster.ClusterView;
import io.atta.cli.cluster.LocalCluster;
import io.atta.cli.cluster.NodeApi;
import io.atta.cli.cluster.ReplicaView;
import io.atta.cluster.ClusterFile;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Whether a node started again after a kill has caught up. While the load runs, its log must be
 * within {@link #caughtUpLagEntries} of each leader's: it then counts in the majority that
 * commits the next writes, so the next kill leaves a working group. Its state machine may still
 * be applying what it received (on two shared cores, a follower under full load applies barely
 * faster than the leader writes). Once the load has stopped, every replica of every shard must
 * reach the same applied index and state hash ({@code GET /v1/admin/cluster/shards/{s}/hash}),
 * the leader's included.
 */
final class ReplicaConvergence {
    /** A replica's log this close to its leader's last log index counts as caught up. */
    static final long caughtUpLagEntries = 100;
    static final long timeoutMs = 180_000;
    static final long pollIntervalMs = 200;

    private ReplicaConvergence() {
    }

    /**
     * Waits until {@code node}'s log lags no shard's leader by more than {@link #caughtUpLagEntries};
     * returns, per shard, how many entries it has still to apply then.
     */
    static List<Long> awaitLogCaughtUp(LocalCluster cluster, int node) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (true) {
            ClusterView view = cluster.status();
            List<String> behind = new ArrayList<>();
            List<Long> toApply = new ArrayList<>();
            if (!view.isUp(node)) {
                behind.add("the node does not answer " + NodeApi.clusterRoute);
            }
            for (int s = 0; s < view.file().shards() && behind.isEmpty(); s++) {
                int leader = view.leaderOf(s);
                ReplicaView mine = view.replica(node, s);
                if (leader == ClusterView.noLeader) {
                    behind.add("shard " + s + " has no leader");
                } else if (mine == null) {
                    behind.add("shard " + s + ": the node has no replica");
                } else {
                    long logLag = view.replica(leader, s).lastLogIndex() - mine.lastLogIndex();
                    if (logLag > caughtUpLagEntries) {
                        behind.add("shard " + s + " log " + logLag + " entries behind");
                    }
                    toApply.add(Math.max(0, mine.lastLogIndex() - mine.appliedIndex()));
                }
            }
            if (behind.isEmpty()) {
                return toApply;
            }
            if (System.nanoTime() > deadline) {
                throw new BenchFailure("node " + node + "'s log did not catch up within " + timeoutMs
                        + " ms (timeoutMs): " + String.join(", ", behind));
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(pollIntervalMs));
        }
    }

    /**
     * Waits until, for every shard, every node's replica shows the same applied index and state
     * hash; fails naming the shards that still differ after {@link #timeoutMs}.
     */
    static void awaitSameState(LocalCluster cluster) throws InterruptedException {
        ClusterFile file = cluster.file();
        NodeApi api = new NodeApi(cluster.adminKey());
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (true) {
            List<String> differing = new ArrayList<>();
            for (int s = 0; s < file.shards(); s++) {
                String d = differing(file, api, s);
                if (d != null) {
                    differing.add(d);
                }
            }
            if (differing.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new BenchFailure("the replicas did not reach one state within " + timeoutMs
                        + " ms (timeoutMs): " + String.join("; ", differing));
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(pollIntervalMs));
        }
    }

    /** Null when every replica of {@code shard} is at one index with one hash; else what each shows. */
    private static String differing(ClusterFile file, NodeApi api, int shard) throws InterruptedException {
        List<String> seen = new ArrayList<>();
        NodeApi.StateHash first = null;
        boolean same = true;
        for (ClusterFile.NodeAddress n : file.nodes().values()) {
            NodeApi.StateHash h;
            try {
                h = api.hash(n, shard);
            } catch (IOException down) {
                seen.add("node " + n.id() + " does not answer");
                same = false;
                continue;
            }
            seen.add("node " + n.id() + " at " + h.appliedIndex() + " hash " + h.stateHash());
            if (first == null) {
                first = h;
            } else if (first.appliedIndex() != h.appliedIndex() || !first.stateHash().equals(h.stateHash())) {
                same = false;
            }
        }
        return same ? null : "shard " + shard + ": " + String.join(", ", seen);
    }
}
