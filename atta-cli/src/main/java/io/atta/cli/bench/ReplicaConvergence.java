package io.atta.cli.bench;

import io.atta.cli.cluster.ClusterView;
import io.atta.cli.cluster.LocalCluster;
import io.atta.cli.cluster.NodeApi;
import io.atta.cluster.ClusterFile;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Whether a node restarted after a kill has caught up: under load, its replicas are within
 * {@link #caughtUpLagEntries} of each leader's log; once the load has stopped, every replica of
 * every shard is at the same applied index with the same state hash as the others
 * ({@code GET /v1/admin/cluster/shards/{s}/hash}), the leader's included.
 */
final class ReplicaConvergence {
    /** A replica this close to its leader's last log index counts as caught up while the load runs. */
    static final long caughtUpLagEntries = 100;
    static final long timeoutMs = 180_000;
    static final long pollIntervalMs = 200;

    private ReplicaConvergence() {
    }

    /** Waits until {@code node}'s replicas lag no shard's leader by more than {@link #caughtUpLagEntries}. */
    static void awaitCaughtUp(LocalCluster cluster, int node) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (true) {
            ClusterView view = cluster.status();
            List<String> behind = new ArrayList<>();
            for (int s = 0; s < view.file().shards(); s++) {
                long lag = view.lag(node, s);
                if (lag < 0 || lag > caughtUpLagEntries) {
                    behind.add("shard " + s + (lag < 0 ? " (lag unknown)" : " " + lag + " entries behind"));
                }
            }
            if (behind.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new BenchFailure("node " + node + " did not catch up within " + timeoutMs + " ms (timeoutMs): "
                        + String.join(", ", behind));
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
