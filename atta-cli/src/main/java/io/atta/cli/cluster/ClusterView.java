package io.atta.cli.cluster;

import io.atta.cluster.ClusterFile;
import io.atta.cluster.ClusterFile.NodeAddress;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * What every node of the cluster file says about the shard groups, asked at once. A node that
 * does not answer is down: it has no entry in {@code views}.
 */
public record ClusterView(ClusterFile file, Map<Integer, NodeView> views) {
    /** No leader known for a shard. */
    public static final int noLeader = -1;

    public ClusterView {
        views = Collections.unmodifiableMap(new TreeMap<>(views));
    }

    /** Asks every node of {@code file} for its view, in parallel. */
    public static ClusterView gather(ClusterFile file, NodeApi api) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(file.nodes().size(), r -> {
            Thread t = new Thread(r, "atta-cluster-view");
            t.setDaemon(true);
            return t;
        });
        try {
            Map<Integer, Future<NodeView>> asked = new TreeMap<>();
            for (NodeAddress n : file.nodes().values()) {
                asked.put(n.id(), pool.submit(() -> {
                    try {
                        return api.view(n);
                    } catch (IOException down) {
                        return null;
                    }
                }));
            }
            Map<Integer, NodeView> views = new TreeMap<>();
            for (Map.Entry<Integer, Future<NodeView>> e : asked.entrySet()) {
                NodeView v = answer(e.getValue());
                if (v != null) {
                    views.put(e.getKey(), v);
                }
            }
            return new ClusterView(file, views);
        } finally {
            pool.shutdownNow();
        }
    }

    private static NodeView answer(Future<NodeView> f) throws InterruptedException {
        try {
            return f.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    public boolean isUp(int nodeId) {
        return views.containsKey(nodeId);
    }

    /** Node {@code nodeId}'s replica of {@code shard}, or null when the node is down or has none. */
    public ReplicaView replica(int nodeId, int shard) {
        NodeView v = views.get(nodeId);
        return v == null ? null : v.shard(shard);
    }

    /**
     * The node that leads {@code shard}: the one whose replica says it leads, the one with the
     * highest term when a deposed leader has not noticed yet; {@link #noLeader} when none does.
     */
    public int leaderOf(int shard) {
        int leader = noLeader;
        long term = Long.MIN_VALUE;
        for (Map.Entry<Integer, NodeView> e : views.entrySet()) {
            ReplicaView r = e.getValue().shard(shard);
            if (r != null && r.isLeader() && r.term() > term) {
                leader = e.getKey();
                term = r.term();
            }
        }
        return leader;
    }

    /** The shards no node leads. */
    public List<Integer> leaderlessShards() {
        List<Integer> none = new ArrayList<>();
        for (int s = 0; s < file.shards(); s++) {
            if (leaderOf(s) == noLeader) {
                none.add(s);
            }
        }
        return none;
    }

    /**
     * How far node {@code nodeId}'s replica of {@code shard} is behind: the leader's last log
     * index minus what the replica has applied; -1 when either is unknown.
     */
    public long lag(int nodeId, int shard) {
        int leader = leaderOf(shard);
        ReplicaView r = replica(nodeId, shard);
        if (leader == noLeader || r == null) {
            return -1;
        }
        return Math.max(0, replica(leader, shard).lastLogIndex() - r.appliedIndex());
    }
}
